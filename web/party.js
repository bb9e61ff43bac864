// party.js: a party's view: the current text with what it is worth to the party (its utility, its
// reservation, its red lines the text breaks: from its own uploaded profile), accept / reject / amend with
// reasons, its private profile, messages to the mediator and its own timeline (it never sees another
// party's answers).  Revoked or closed: read-only; after an agreement: no more answers.
'use strict';
(() => {
  const {api, neg, $, el, act, valueSelect, outcomeText, addTimeline, stream, num, readOnly} = parley;
  let info = null, current = null, shownText = 0;

  function renderAmendEditor() {
    const box = $('amend-editor');
    if (!current) { box.replaceChildren(); return; }
    box.replaceChildren(...info.scenario.issues.map((issue) => el('div', {class: 'amend-row'},
      el('label', {}, issue.name + ' ', valueSelect(issue, current.outcome[issue.name], 'amend-' + issue.name)),
      el('input', {id: 'reason-' + issue.name, placeholder: 'reason', class: 'reason'}))));
    for (const e of box.querySelectorAll('select, input')) { e.dataset.write = ''; e.dataset.beforeAgreement = ''; }
    lockControls();
  }
  function lockControls() {
    readOnly();
    for (const e of document.querySelectorAll('[data-before-agreement]')) e.disabled ||= !info || info.status !== 'open';
  }
  // What the current text is worth to this party, from its own uploaded profile.
  async function loadValue() {
    const box = $('my-value');
    if (!current) { box.replaceChildren(); return; }
    const v = await api('GET', neg('texts/current/value'));
    if (v.profile !== 'uploaded' || typeof v.utility !== 'number') {
      box.replaceChildren(el('span', {class: 'small'}, 'Save your private profile to see what this text is worth to you.'));
      return;
    }
    box.replaceChildren(
      el('div', {}, 'Worth to you: ', el('b', {id: 'my-utility'}, num(v.utility)),
        ' — your reservation: ', el('b', {id: 'my-reservation'}, num(v.reservation)),
        v.utility >= v.reservation ? el('span', {class: 'check-ok'}, ' (at or above it)') : el('span', {class: 'check-bad'}, ' (below it)')),
      v.breaks.length ? el('div', {id: 'my-red-lines', class: 'check-bad'},
        'Breaks your red line' + (v.breaks.length > 1 ? 's ' : ' ') + v.breaks.map((b) => `${b.name} (${b.rule})`).join(', '))
        : el('div', {id: 'my-red-lines', class: 'check-ok'}, 'Breaks none of your red lines.'),
      v.feasible === false ? el('div', {class: 'check-bad'}, 'Breaks a global constraint of the scenario.') : '',
      el('div', {id: 'my-verdict', class: v.acceptable ? 'check-ok' : 'check-bad'},
        v.acceptable ? 'Acceptable to you.' : 'Not acceptable to you as it stands.'));
  }
  async function refresh() {
    info = await api('GET', neg());
    $('title').textContent = `${info.title} (negotiation ${info.id}, ${info.status})`;
    $('me').textContent = `${info.me.name}, party`;
    // Asked only once a text exists: no failing request before.
    current = info.current_text ? await api('GET', neg('texts/current')) : null;
    const box = $('current-text');
    if (!current) box.textContent = 'No text tabled yet.';
    else box.replaceChildren(el('b', {}, `Text ${current.number} (session ${current.session}, ${current.status})`), el('br'),
      ...Object.entries(current.outcome).map(([k, v]) => el('span', {class: 'pair'}, `${k}: `, el('b', {'data-issue': k}, String(v)))),
      current.note ? el('p', {class: 'small'}, current.note) : '');
    const mine = current && current.responses.length ? current.responses[current.responses.length - 1] : null;
    $('my-answer').textContent = mine ? `Your answer to text ${current.number}: ${mine.answer}` : '';
    if (current && current.number !== shownText) { shownText = current.number; renderAmendEditor(); }
    const agreed = info.status === 'agreed';
    $('agreement').hidden = !agreed;
    if (agreed && current) $('agreement').textContent = `Agreement reached on text ${current.number}: ${outcomeText(current.outcome)}`;
    readOnly(info.status === 'closed' ? `This negotiation is closed (${info.outcome || 'no outcome'}): the view is read-only.` : '');
    lockControls();
    await loadValue();
  }
  let pending = null;
  function refreshSoon() {
    clearTimeout(pending);
    pending = setTimeout(() => act(refresh), 100);
  }
  async function answer(kind) {
    if (!current) throw new Error('no text to answer');
    const body = {answer: kind};
    if ($('answer-reason').value.trim()) body.reason = $('answer-reason').value.trim();
    if (kind === 'amend') {
      body.amendments = [];
      for (const issue of info.scenario.issues) {
        const v = JSON.parse($('amend-' + issue.name).value);
        if (JSON.stringify(v) === JSON.stringify(current.outcome[issue.name])) continue;
        const a = {issue: issue.name, value: v};
        if ($('reason-' + issue.name).value.trim()) a.reason = $('reason-' + issue.name).value.trim();
        body.amendments.push(a);
      }
      if (!body.amendments.length) throw new Error('change at least one issue to amend the text');
    }
    await api('POST', neg(`texts/${current.id}/responses`), body);
    $('answer-reason').value = '';
    return `You answered text ${current.number}: ${kind}.`;
  }
  $('accept').addEventListener('click', () => act(() => answer('accept'), 'answer-msg'));
  $('reject').addEventListener('click', () => act(() => answer('reject'), 'answer-msg'));
  $('amend').addEventListener('click', () => act(() => answer('amend'), 'answer-msg'));
  $('profile-file').addEventListener('change', () => act(async () => {
    const f = $('profile-file').files[0];
    if (!f) return '';
    const text = await f.text();
    try { $('profile').value = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { throw new Error(`${f.name} is not JSON: ${e.message}`); }
    return `${f.name} loaded: check it, then save.`;
  }, 'profile-msg'));
  $('upload-profile').addEventListener('click', () => act(async () => {
    let profile;
    try { profile = JSON.parse($('profile').value); } catch (e) { throw new Error('the profile is not valid JSON: ' + e.message); }
    const r = await api('PUT', neg('profile'), profile);
    await loadValue();
    return `Profile saved at ${r.updated_at}.`;
  }, 'profile-msg'));
  $('send-message').addEventListener('click', () => act(async () => {
    await api('POST', neg('messages'), {body: $('message-body').value});
    $('message-body').value = '';
    return 'Sent.';
  }, 'message-msg'));
  act(async () => {
    await refresh();
    const p = await api('GET', neg('profile'));
    if (p.profile) $('profile').value = JSON.stringify(p.profile, null, 2);
    stream((ev) => { addTimeline(ev); refreshSoon(); partyAdvice.onEvent(ev); });
  });
})();
