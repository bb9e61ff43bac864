// mediator.js: the mediator's view: sessions, the current text and every party's latest answer,
// tabling texts, the analysis plot, the advice (proposal under a rule, diagnosis of an impasse, what
// each party's amendments do), participants (tokens: new ones, rotation, revocation), messages and
// the live timeline.
'use strict';
(() => {
  const {api, neg, $, el, act, valueSelect, outcomeText, addTimeline, stream, status} = parley;
  let info = null, analysis = null, nash = null, current = null, proposal = null;

  async function loadNegotiation() {
    info = await api('GET', neg());
    $('title').textContent = `${info.title} (negotiation ${info.id}, ${info.status})`;
    $('me').textContent = `${info.me.name}, mediator`;
  }
  function renderEditor(outcome) {
    const box = $('text-editor');
    box.replaceChildren(...info.scenario.issues.map((issue) =>
      el('label', {}, issue.name + ' ', valueSelect(issue, outcome ? outcome[issue.name] : undefined, 'text-' + issue.name))));
  }
  async function loadCurrent() {
    try { current = await api('GET', neg('texts/current')); } catch (e) { if (e.status !== 404) throw e; current = null; }
    const box = $('current-text'), body = $('responses').tBodies[0];
    body.replaceChildren();
    if (!current) { box.textContent = 'No text tabled yet.'; return; }
    box.replaceChildren(el('b', {}, `Text ${current.number} (session ${current.session}, ${current.status})`), el('br'),
      ...Object.entries(current.outcome).map(([k, v]) => el('span', {class: 'pair'}, `${k}: `, el('b', {'data-issue': k}, String(v)))),
      current.note ? el('p', {class: 'small'}, current.note) : null);
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
    $('open-form').hidden = !!open;
    $('close-form').hidden = !open;
    $('close-session').dataset.session = open ? open.id : '';
  }
  function showToken(r) {
    $('new-token-name').textContent = r.name;
    $('new-token').textContent = r.token;
    $('new-token-link').href = `${r.role === 'mediator' ? 'mediator' : 'party'}.html#n=${info.id}&t=${r.token}`;
    $('new-token-box').hidden = false;
  }
  async function loadParticipants() {
    const {participants} = await api('GET', neg('participants'));
    $('participants').replaceChildren(...participants.map((p) => el('li', {'data-participant': p.name},
      `${p.name} (${p.role}${p.role === 'party' ? ', profile ' + (p.profile_uploaded_at ? 'uploaded' : 'from the scenario') : ''}` +
      `${p.token === 'revoked' ? ', token revoked' : ''})`,
      p.id === info.me.id ? null : el('button', {class: 'inline secondary rotate', onclick: () => act(async () => {
        showToken(await api('POST', neg(`participants/${p.id}/token`)));
      })}, 'new token'),
      p.id === info.me.id || p.token === 'revoked' ? null : el('button', {class: 'inline secondary revoke', onclick: () => act(async () => {
        await api('DELETE', neg(`participants/${p.id}/token`));
        status(`${p.name}'s token is revoked.`);
      })}, 'revoke'))));
    const to = $('message-to'), keep = to.value;
    to.replaceChildren(el('option', {value: ''}, 'everyone'),
      ...participants.filter((p) => p.id !== info.me.id).map((p) => el('option', {value: p.id}, p.name)));
    to.value = keep;
  }
  async function loadAnalysis() {
    try { analysis = await api('GET', neg('analysis')); } catch (e) { $('analysis-summary').textContent = e.message; return; }
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
  const num = (x) => (Math.round(x * 100) / 100).toFixed(2);
  const conditionText = (c) => c.kind === 'red_line' ? `${c.party}'s red line ${c.name} (${c.rule})` : `${c.party}'s reservation ${num(c.value)}`;
  async function loadProposal() {
    const box = $('proposal');
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
  async function loadDiagnosis() {
    const box = $('diagnosis');
    let d;
    try { d = await api('GET', neg('analysis/diagnose')); } catch (e) { box.textContent = e.message; return; }
    if (d.acceptable > 0) {
      box.replaceChildren(el('span', {class: 'check-ok'}, `A zone of agreement exists: ${d.acceptable} of ${d.outcomes} packages are acceptable to all.`));
      return;
    }
    box.replaceChildren(el('b', {class: 'check-bad'}, `No deal: no package is acceptable to all (${d.outcomes} packages).`),
      el('div', {}, 'Conflicting sets: ', ...d.conflicts.map((set) => el('div', {class: 'conflict'}, '• ' + set.map(conditionText).join(' + ')))),
      el('div', {}, 'Ways out: ', ...d.relaxations.map((r) => el('div', {class: 'relaxation'}, '• ' +
        (r.from !== undefined ? `${r.condition.party} lowers its reservation from ${num(r.from)} to ${num(r.to)}` : `drop ${conditionText(r.condition)}`) +
        `: ${r.zone} package${r.zone === 1 ? '' : 's'}` + (r.nash ? ` (Nash: ${outcomeText(r.nash.outcome)})` : '')))));
  }
  const effectText = (e) => e.acceptable_to_all ? 'acceptable to all' :
    [e.rejected_by.length ? 'refused by ' + e.rejected_by.join(', ') : '',
     e.breaks.length ? 'breaks ' + e.breaks.map((b) => (b.party ? b.party + "'s " : 'global ') + b.name).join(', ') : ''].filter((x) => x).join('; ');
  async function loadAmendmentChecks() {
    const box = $('amendment-checks');
    let r;
    try { r = await api('GET', neg('analysis/amendments')); } catch (e) { box.textContent = e.status === 404 ? 'No text tabled yet.' : e.message; return; }
    if (!r.parties.length) { box.textContent = `No amendments to text ${r.text.number}.`; return; }
    box.replaceChildren(...r.parties.map((p) => el('div', {class: 'amendment-check', 'data-party': p.name},
      el('b', {}, `${p.name} on text ${r.text.number}: `),
      ...p.amendments.map((a) => el('div', {class: a.acceptable_to_all ? 'check-ok' : 'check-bad'},
        `${a.issue}: ${a.from} → ${a.value}${a.reason ? ' (' + a.reason + ')' : ''}: ${effectText(a)}`)),
      el('div', {class: p.together.acceptable_to_all ? 'check-ok together' : 'check-bad together'}, `all together: ${effectText(p.together)}`))));
  }
  const loadAdvice = () => Promise.all([loadProposal(), loadDiagnosis(), loadAmendmentChecks()]);
  async function refresh() {
    await loadNegotiation();
    const agreed = info.status === 'agreed';
    $('agreement').hidden = !agreed;
    await loadCurrent();
    if (agreed && current) $('agreement').textContent = `Agreement reached on text ${current.number}: ${outcomeText(current.outcome)}`;
    await Promise.all([loadSessions(), loadParticipants(), loadAnalysis(), loadAdvice()]);
  }
  let pending = null;
  function refreshSoon() {
    clearTimeout(pending);
    pending = setTimeout(() => act(refresh), 100);
  }

  $('add-participant').addEventListener('click', () => act(async () => {
    showToken(await api('POST', neg('participants'), {name: $('add-name').value.trim(), role: $('add-role').value}));
    $('add-name').value = '';
  }));
  $('open-session').addEventListener('click', () => act(async () => {
    const body = {venue: $('session-venue').value.trim()};
    if ($('session-starts').value.trim()) body.starts_at = $('session-starts').value.trim();
    await api('POST', neg('sessions'), body);
  }));
  $('close-session').addEventListener('click', () => act(async () => {
    const body = {outcome: $('close-outcome').value};
    if ($('close-followup').value.trim()) body.follow_up = $('close-followup').value.trim();
    await api('POST', neg(`sessions/${$('close-session').dataset.session}/close`), body);
  }));
  $('table-text').addEventListener('click', () => act(async () => {
    const outcome = {};
    for (const s of $('text-editor').querySelectorAll('select')) outcome[s.dataset.issue] = JSON.parse(s.value);
    const body = {outcome};
    if ($('text-note').value.trim()) body.note = $('text-note').value.trim();
    const t = await api('POST', neg('texts'), body);
    status(`Text ${t.number} tabled.`);
  }));
  $('fill-nash').addEventListener('click', () => { if (nash) renderEditor(nash); else status('no Nash package: no outcome is acceptable to all', true); });
  $('refresh-analysis').addEventListener('click', () => act(loadAnalysis));
  $('refresh-advice').addEventListener('click', () => act(loadAdvice));
  $('propose-rule').addEventListener('change', () => act(loadProposal));
  $('fill-proposal').addEventListener('click', () => { if (proposal) renderEditor(proposal.package); else status('no proposal: no package is acceptable to all', true); });
  for (const id of ['plot-x', 'plot-y']) $(id).addEventListener('change', () => analysis && parleyPlot($('plot'), analysis, +$('plot-x').value, +$('plot-y').value));
  $('send-message').addEventListener('click', () => act(async () => {
    const body = {body: $('message-body').value};
    if ($('message-to').value) body.to = +$('message-to').value;
    await api('POST', neg('messages'), body);
    $('message-body').value = '';
  }));

  act(async () => {
    await refresh();
    renderEditor(current ? current.outcome : undefined);
    stream((ev) => { addTimeline(ev); refreshSoon(); });
  });
})();
