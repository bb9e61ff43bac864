// mediator.js: the mediator's view: sessions, the current text and every party's latest answer,
// tabling texts, the analysis plot, participants (tokens), messages and the live timeline.
'use strict';
(() => {
  const {api, neg, $, el, act, valueSelect, outcomeText, addTimeline, stream, status} = parley;
  let info = null, analysis = null, nash = null, current = null;

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
  async function loadParticipants() {
    const {participants} = await api('GET', neg('participants'));
    $('participants').replaceChildren(...participants.map((p) => el('li', {}, `${p.name} (${p.role}${
      p.role === 'party' ? ', profile ' + (p.profile_uploaded_at ? 'uploaded' : 'from the scenario') : ''})`)));
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
  async function refresh() {
    await loadNegotiation();
    const agreed = info.status === 'agreed';
    $('agreement').hidden = !agreed;
    await loadCurrent();
    if (agreed && current) $('agreement').textContent = `Agreement reached on text ${current.number}: ${outcomeText(current.outcome)}`;
    await Promise.all([loadSessions(), loadParticipants(), loadAnalysis()]);
  }
  let pending = null;
  function refreshSoon() {
    clearTimeout(pending);
    pending = setTimeout(() => act(refresh), 100);
  }

  $('add-participant').addEventListener('click', () => act(async () => {
    const r = await api('POST', neg('participants'), {name: $('add-name').value.trim(), role: $('add-role').value});
    $('new-token-name').textContent = r.name;
    $('new-token').textContent = r.token;
    $('new-token-link').href = `${r.role === 'mediator' ? 'mediator' : 'party'}.html#n=${info.id}&t=${r.token}`;
    $('new-token-box').hidden = false;
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
