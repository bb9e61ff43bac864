// mediator.js: the mediator's view: sessions, the current text and every party's latest answer,
// tabling texts, the analysis plot, the advice (proposal under a rule, diagnosis of an impasse, what
// each party's amendments do to everyone's utility), participants (every token issued here stays listed
// until dismissed; rotation; revocation after a confirmation), closing the negotiation with its outcome,
// messages and the live timeline.  A closed negotiation or a revoked token turns the view read-only; an
// agreement closes the advice and the tabling.
'use strict';
(() => {
  const {api, neg, $, el, act, valueSelect, outcomeText, addTimeline, stream, refresher, num, signed, copyText, readOnly} = parley;
  let info = null, analysis = null, nash = null, current = null, proposal = null, sessionOpen = false;

  async function loadNegotiation() {
    info = await api('GET', neg());
    $('title').textContent = `${info.title} (negotiation ${info.id}, ${info.status})`;
    $('me').textContent = `${info.me.name}, mediator`;
    const closed = info.status === 'closed';
    $('close-negotiation-form').hidden = closed;
    $('negotiation-outcome').textContent = closed ? `Closed${info.closed_at ? ' at ' + info.closed_at : ''}: ${info.outcome || ''}.` : '';
    readOnly(closed ? `This negotiation is closed (${info.outcome || 'no outcome'}): the view is read-only.` : '');
    lockControls();
  }
  // Read-only when revoked or closed; after an agreement nothing is left to table or propose.
  function lockControls() {
    readOnly();
    for (const e of document.querySelectorAll('[data-before-agreement]')) e.disabled ||= !info || info.status !== 'open';
    // A text is tabled in a session: without an open one the button is off and says why.
    $('table-text').disabled ||= !sessionOpen;
    $('table-hint').hidden = sessionOpen;
  }
  function renderEditor(outcome) {
    const box = $('text-editor');
    box.replaceChildren(...info.scenario.issues.map((issue) =>
      el('label', {}, issue.name + ' ', valueSelect(issue, outcome ? outcome[issue.name] : undefined, 'text-' + issue.name))));
    for (const s of box.querySelectorAll('select')) { s.dataset.write = ''; s.dataset.beforeAgreement = ''; }
    lockControls();
  }
  async function loadCurrent() {
    // Asked only once a text exists: no failing request before.
    current = info.current_text ? await api('GET', neg('texts/current')) : null;
    const box = $('current-text'), body = $('responses').tBodies[0];
    body.replaceChildren();
    if (!current) { box.textContent = 'No text tabled yet.'; return; }
    box.replaceChildren(el('b', {}, `Text ${current.number} (session ${current.session}, ${current.status})`), el('br'),
      ...Object.entries(current.outcome).map(([k, v]) => el('span', {class: 'pair'}, `${k}: `, el('b', {'data-issue': k}, String(v)))),
      current.note ? el('p', {class: 'small'}, current.note) : '');
    const latest = new Map();
    for (const r of current.responses) latest.set(r.name, r);
    for (const [name, r] of latest)
      body.append(el('tr', {class: 'answer-' + r.answer, 'data-party': name}, el('td', {}, name), el('td', {}, r.answer),
        el('td', {}, (r.amendments || []).map((a) => `${a.issue}: ${a.from} → ${a.value}${a.reason ? ' (' + a.reason + ')' : ''}`).join('; ') +
          (r.reason ? ' — ' + r.reason : ''))));
  }
  async function loadSessions() {
    const {sessions} = await api('GET', neg('sessions'));
    $('sessions').replaceChildren(...sessions.map((s) => el('li', {'data-status': s.status},
      `Session ${s.number} at ${s.venue}` + (s.starts_at ? ` from ${s.starts_at}` : '') +
      (s.status === 'open' ? ' — open' : ` — ${s.outcome}${s.follow_up ? ', follow-up: ' + s.follow_up : ''}`))));
    const open = sessions.find((s) => s.status === 'open');
    sessionOpen = !!open;
    lockControls();
    $('open-form').hidden = !!open;
    $('close-form').hidden = !open;
    $('close-session').dataset.session = open ? open.id : '';
  }
  // Every token issued in this view, kept in the tab (sessionStorage) until the mediator dismisses it.
  const tokenKey = 'parley-issued-' + parley.negotiation;
  const issued = () => JSON.parse(sessionStorage.getItem(tokenKey) || '[]');
  function renderTokens() {
    const list = issued();
    $('tokens').replaceChildren(...(list.length ? list.map((t, k) => {
      const code = el('code', {class: 'token'}, t.token);
      const said = el('span', {class: 'small copied'});
      return el('li', {'data-participant': t.name},
        el('b', {}, t.name), ` (${t.role}) `, code, ' ',
        el('button', {class: 'inline copy', onclick: async () => { said.textContent = await copyText(t.token, code); }}, 'copy'),
        el('button', {class: 'inline secondary copy-link', onclick: async () => {
          said.textContent = 'link ' + await copyText(new URL(t.link, location.href).href, code);
        }}, 'copy view link'),
        el('button', {class: 'inline secondary dismiss', onclick: () => {
          sessionStorage.setItem(tokenKey, JSON.stringify(issued().filter((_, j) => j !== k)));
          renderTokens();
        }}, 'dismiss'), ' ', said);
    }) : [el('li', {class: 'small none'}, 'None yet.')]));
  }
  function keepToken(r) {
    const list = issued().filter((t) => t.name !== r.name);
    list.push({name: r.name, role: r.role, token: r.token, link: `${r.role === 'mediator' ? 'mediator' : 'party'}.html#n=${info.id}&t=${r.token}`});
    sessionStorage.setItem(tokenKey, JSON.stringify(list));
    renderTokens();
  }
  async function loadParticipants() {
    const {participants} = await api('GET', neg('participants'));
    if (typeof parleyAgents !== 'undefined') await parleyAgents.refresh(info, participants, renderEditor); // mediator-agents.js
    $('participants').replaceChildren(...participants.map((p) => el('li', {'data-participant': p.name},
      `${p.name} (${p.role}${p.role === 'party' ? ', profile ' + (p.profile_uploaded_at ? 'uploaded' : 'from the scenario') : ''}` +
      `${p.token === 'revoked' ? ', token revoked' : ''})`,
      p.id === info.me.id ? null : el('button', {class: 'inline secondary rotate', 'data-write': '', onclick: () => act(async () => {
        if (!confirm(`Issue a new token to ${p.name}? Its current token stops working at once.`)) return 'Nothing changed.';
        keepToken(await api('POST', neg(`participants/${p.id}/token`)));
        return `${p.name} has a new token (listed below).`;
      }, 'participants-msg')}, 'new token'),
      p.id === info.me.id || p.token === 'revoked' ? null : el('button', {class: 'inline danger revoke', 'data-write': '', onclick: () => act(async () => {
        if (!confirm(`Revoke ${p.name}'s token? ${p.name} is locked out until you issue a new token.`)) return 'Nothing revoked.';
        await api('DELETE', neg(`participants/${p.id}/token`));
        return `${p.name}'s token is revoked.`;
      }, 'participants-msg')}, 'revoke'))));
    lockControls();
    const to = $('message-to'), keep = to.value;
    to.replaceChildren(el('option', {value: ''}, 'everyone'),
      ...participants.filter((p) => p.id !== info.me.id).map((p) => el('option', {value: p.id}, p.name)));
    to.value = keep;
  }
  async function loadAnalysis() {
    try { analysis = await api('GET', neg('analysis')); } catch (e) { analysis = null; $('analysis-summary').textContent = e.message; return; }
    const xs = $('plot-x'), ys = $('plot-y');
    if (xs.options.length !== analysis.parties.length) {
      for (const s of [xs, ys]) s.replaceChildren(...analysis.parties.map((p, k) => el('option', {value: k}, p.name)));
      ys.value = analysis.parties.length > 1 ? 1 : 0;
    }
    parleyPlot($('plot'), analysis, +xs.value, +ys.value);
    nash = analysis.solutions.nash ? analysis.solutions.nash.outcome : null;
    const t = analysis.current_text;
    $('analysis-summary').textContent = `${analysis.outcomes} packages, ${analysis.acceptable} acceptable to all, ` +
      `${analysis.frontier_count} on the Pareto frontier. Profiles: ` +
      analysis.parties.map((p) => `${p.name} ${p.profile}`).join(', ') + '.' +
      (t ? ` Text ${t.number}: ${t.pareto_optimal ? 'on the frontier' : t.dominated ? 'dominated (every party could gain)' : 'not on the frontier'}` +
        `; acceptable to ${analysis.parties.filter((p, k) => t.acceptable_to[k]).map((p) => p.name).join(', ') || 'nobody'}.` : '') +
      (analysis.conflicts.length ? ` No deal: ${analysis.conflicts.length} conflicting sets of red lines/reservations.` : '');
  }
  const conditionText = (c) => c.kind === 'red_line' ? `${c.party}'s red line ${c.name} (${c.rule})` : `${c.party}'s reservation ${num(c.value)}`;
  async function loadProposal(diagnosis) {
    const box = $('proposal');
    proposal = null;
    if (info.status !== 'open') {
      box.textContent = info.status === 'agreed' ? 'An agreement is reached: nothing to propose.' : 'The negotiation is closed.';
      return;
    }
    // No zone of agreement: the server has nothing to propose (asking would only fail); the diagnosis says why.
    if (diagnosis && diagnosis.acceptable === 0) {
      box.textContent = 'No proposal: no package is acceptable to every party (see the diagnosis).';
      return;
    }
    try { proposal = await api('GET', neg('analysis/propose?rule=' + $('propose-rule').value)); } catch (e) {
      proposal = null;
      box.textContent = e.message;
      return;
    }
    if (proposal.zone === false) { // no package is acceptable to all: an answer, not an error
      box.textContent = `Nothing to table (${proposal.rule}): ${proposal.reason}, so there is no zone of agreement (${proposal.next}).`;
      proposal = null;
      return;
    }
    box.replaceChildren(el('b', {}, `Table (${proposal.rule}): `),
      ...Object.entries(proposal.package).map(([k, v]) => el('span', {class: 'pair'}, `${k}: `, el('b', {'data-issue': k}, String(v)))),
      ...proposal.parties.map((p) => el('div', {class: 'advice-party', 'data-party': p.name},
        `${p.name}: utility ${num(p.utility)}, gain ${num(p.gain)} over its reservation ` +
        `(${Math.round(100 * p.share_of_best_gain)}% of the best it could get). `,
        ...p.priorities.map((q) => el('span', {class: q.status === 'given up' ? 'given-up' : q.status === 'met' ? 'met' : ''},
          `${q.issue} ${q.status} (${q.value}); `)))));
  }
  // A value of a move: numbers as precise as the API gives them, labels as they are, lists joined.
  const val = (v) => Array.isArray(v) ? v.map(val).join(', ') : typeof v === 'number' ? num(v) : String(v);
  // One relaxation of the diagnosis: drop, move a threshold, lower a reservation, admit values (the kind
  // comes from "change"; a server without it gives only drops and lowered reservations).
  function relaxationText(r) {
    const c = r.condition, change = r.change || (r.from !== undefined ? 'lower_reservation' : 'drop');
    const what = change === 'lower_reservation' ? `${c.party} lowers its reservation from ${num(r.from)} to ${num(r.to)}` :
      change === 'move' ? `${c.party} moves its red line ${c.name} from ${val(r.from !== undefined ? r.from : c.rule)} to ${val(r.to)}` :
      change === 'admit_values' ? `${c.party} admits ${val(r.to)} in its red line ${c.name}` + (r.from !== undefined ? ` (was ${val(r.from)})` : '') :
      `drop ${conditionText(c)}`;
    return what + (typeof r.cost === 'number' ? ` (costs ${c.party} ${num(r.cost)})` : '') +
      `: ${r.zone} package${r.zone === 1 ? '' : 's'}` + (r.nash ? ` (Nash: ${outcomeText(r.nash.outcome)})` : '');
  }
  function combinationBox(k) {
    if (!k || !Array.isArray(k.moves) || !k.moves.length) return null;
    return el('div', {class: 'combination'}, el('b', {}, 'Moves by several parties together' +
        (typeof k.largest_concession === 'number' ? ` (largest concession ${num(k.largest_concession)})` : '') + ': '),
      ...k.moves.map((m) => el('div', {class: 'move', 'data-party': m.party}, '• ' + relaxationText(
        {condition: Object.assign({party: m.party}, m.condition || {}), change: m.change, from: m.from, to: m.to, zone: k.zone}).replace(/: \d+ packages?$/, '') +
        (typeof m.concession === 'number' ? ` (concedes ${num(m.concession)})` : ''))),
      el('div', {}, `opens ${k.zone} package${k.zone === 1 ? '' : 's'}` + (k.nash ? `; Nash: ${outcomeText(k.nash.outcome)}` : '')));
  }
  async function loadDiagnosis() {
    const box = $('diagnosis');
    let d;
    try { d = await api('GET', neg('analysis/diagnose')); } catch (e) { box.textContent = e.message; return null; }
    if (d.acceptable > 0) {
      box.replaceChildren(el('span', {class: 'check-ok'}, `A zone of agreement exists: ${d.acceptable} of ${d.outcomes} packages are acceptable to all.`));
      return d;
    }
    box.replaceChildren(el('b', {class: 'check-bad'}, `No deal: no package is acceptable to all (${d.outcomes} packages).`),
      el('div', {}, 'Conflicting sets: ', ...d.conflicts.map((set) => el('div', {class: 'conflict'}, '• ' + set.map(conditionText).join(' + ')))),
      el('div', {}, 'Ways out: ', ...d.relaxations.map((r) => el('div', {class: 'relaxation', 'data-change': r.change || ''}, '• ' + relaxationText(r)))),
      combinationBox(d.combination) || '');
    return d;
  }
  const effectText = (e) => e.acceptable_to_all ? 'acceptable to all' :
    [e.rejected_by.length ? 'refused by ' + e.rejected_by.join(', ') : '',
     e.breaks.length ? 'breaks ' + e.breaks.map((b) => (b.party ? b.party + "'s " : 'global ') + b.name).join(', ') : ''].filter((x) => x).join('; ');
  // Each party's utility before → after (change), when the server reports it.
  const utilitiesBox = (u) => !u ? null : el('div', {class: 'utilities'},
    ...Object.entries(u).map(([name, x]) => el('span', {class: 'utility', 'data-party': name},
      `${name} ${num(x.before)} → ${num(x.after)} (${signed(typeof x.change === 'number' ? x.change : x.after - x.before)})`)));
  async function loadAmendmentChecks() {
    const box = $('amendment-checks');
    if (!info.current_text) { box.textContent = 'No text tabled yet.'; return; }
    let r;
    try { r = await api('GET', neg('analysis/amendments')); } catch (e) { box.textContent = e.message; return; }
    if (!r.parties.length) { box.textContent = `No amendments to text ${r.text.number}.`; return; }
    box.replaceChildren(...r.parties.map((p) => el('div', {class: 'amendment-check', 'data-party': p.name},
      el('b', {}, `${p.name} on text ${r.text.number}: `),
      ...p.amendments.map((a) => el('div', {class: 'amendment ' + (a.acceptable_to_all ? 'check-ok' : 'check-bad')},
        `${a.issue}: ${a.from} → ${a.value}${a.reason ? ' (' + a.reason + ')' : ''}: ${effectText(a)}`, utilitiesBox(a.utilities))),
      el('div', {class: p.together.acceptable_to_all ? 'check-ok together' : 'check-bad together'}, `all together: ${effectText(p.together)}`,
        utilitiesBox(p.together.utilities)))));
  }
  async function loadAdvice() {
    const [d] = await Promise.all([loadDiagnosis(), loadAmendmentChecks()]);
    await loadProposal(d);
  }
  // The record (texts, sessions, participants): cheap, and never waits for an analysis, which follows on its own.
  let editorShown = false;
  async function refresh() {
    await loadNegotiation();
    const agreed = info.status === 'agreed';
    $('agreement').hidden = !agreed;
    await loadCurrent();
    if (agreed && current) $('agreement').textContent = `Agreement reached on text ${current.number}: ${outcomeText(current.outcome)}`;
    await Promise.all([loadSessions(), loadParticipants()]);
    if (!editorShown) { renderEditor(current ? current.outcome : undefined); editorShown = true; }
    analysesOnce().catch((e) => parley.status(e.message, true));
  }
  // The analyses one round at a time: a round asked for while one runs is run once after it (overlapping rounds
  // would ask for the same analyses twice, and the server refuses a participant more than four at once: 429).
  // The rest of a refresh (texts, sessions, participants) is cheap and never waits for a slow analysis.
  let analysing = null, analyseAgain = false;
  function analysesOnce() {
    if (analysing) { analyseAgain = true; return analysing; }
    analysing = (async () => {
      try { do { analyseAgain = false; await Promise.all([loadAnalysis(), loadAdvice()]); } while (analyseAgain); }
      finally { analysing = null; }
    })();
    return analysing;
  }
  const view = refresher(refresh);
  const refreshOnce = view.run;

  $('add-participant').addEventListener('click', () => act(async () => {
    const r = await api('POST', neg('participants'), {name: $('add-name').value.trim(), role: $('add-role').value});
    keepToken(r);
    $('add-name').value = '';
    return `${r.name} added as ${r.role}: its token is listed below until you dismiss it.`;
  }, 'add-msg'));
  $('open-session').addEventListener('click', () => act(async () => {
    const body = {venue: $('session-venue').value.trim()};
    if ($('session-starts').value.trim()) body.starts_at = $('session-starts').value.trim();
    const s = await api('POST', neg('sessions'), body);
    return `Session ${s.number} opened at ${s.venue}.`;
  }, 'session-msg'));
  $('close-session').addEventListener('click', () => act(async () => {
    const body = {outcome: $('close-outcome').value};
    if ($('close-followup').value.trim()) body.follow_up = $('close-followup').value.trim();
    const s = await api('POST', neg(`sessions/${$('close-session').dataset.session}/close`), body);
    return `Session ${s.number} closed: ${s.outcome}.`;
  }, 'session-msg'));
  $('close-negotiation').addEventListener('click', () => act(async () => {
    const outcome = $('negotiation-outcome-choice').value;
    if (!confirm(`Close the negotiation with the outcome "${outcome}"? This is final: every view turns read-only.`)) return 'Not closed.';
    const body = {outcome};
    if ($('negotiation-note').value.trim()) body.note = $('negotiation-note').value.trim();
    const r = await api('POST', neg('close'), body);
    await refreshOnce();
    return `The negotiation is closed: ${r.outcome}.`;
  }, 'close-msg'));
  $('table-text').addEventListener('click', () => act(async () => {
    const outcome = {};
    for (const s of $('text-editor').querySelectorAll('select')) outcome[s.dataset.issue] = JSON.parse(s.value);
    const body = {outcome};
    if ($('text-note').value.trim()) body.note = $('text-note').value.trim();
    const t = await api('POST', neg('texts'), body);
    return `Text ${t.number} tabled.`;
  }, 'table-msg'));
  $('fill-nash').addEventListener('click', () => act(async () => {
    if (!nash) throw new Error('no Nash package: no package is acceptable to every party');
    renderEditor(nash);
    return 'The editor holds the Nash package.';
  }, 'table-msg'));
  $('refresh-analysis').addEventListener('click', () => act(loadAnalysis));
  $('refresh-advice').addEventListener('click', () => act(loadAdvice));
  $('propose-rule').addEventListener('change', () => act(loadAdvice));
  $('fill-proposal').addEventListener('click', () => act(async () => {
    if (!proposal) throw new Error('no proposal: no package is acceptable to every party');
    renderEditor(proposal.package);
    return `The editor holds the ${proposal.rule} proposal.`;
  }, 'table-msg'));
  for (const id of ['plot-x', 'plot-y']) $(id).addEventListener('change', () => analysis && parleyPlot($('plot'), analysis, +$('plot-x').value, +$('plot-y').value));
  $('send-message').addEventListener('click', () => act(async () => {
    const body = {body: $('message-body').value};
    if ($('message-to').value) body.to = +$('message-to').value;
    await api('POST', neg('messages'), body);
    $('message-body').value = '';
    return 'Sent.';
  }, 'message-msg'));

  // The stream first (it replays the record from its start, each event asking for a refresh): a first refresh
  // that fails or waits on a busy server must not leave the view without live updates.
  renderTokens();
  stream((ev) => { addTimeline(ev); view.soon(); mediatorImprove.onEvent(ev); });
  refreshOnce();
})();
