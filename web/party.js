// party.js: a party's view: the current text, accept / reject / amend with reasons, its private
// profile, messages to the mediator and its own timeline (it never sees another party's answers).
'use strict';
(() => {
  const {api, neg, $, el, act, valueSelect, outcomeText, addTimeline, stream, status} = parley;
  let info = null, current = null, shownText = 0;

  function renderAmendEditor() {
    const box = $('amend-editor');
    if (!current) { box.replaceChildren(); return; }
    box.replaceChildren(...info.scenario.issues.map((issue) => el('div', {class: 'amend-row'},
      el('label', {}, issue.name + ' ', valueSelect(issue, current.outcome[issue.name], 'amend-' + issue.name)),
      el('input', {id: 'reason-' + issue.name, placeholder: 'reason', class: 'reason'}))));
  }
  async function refresh() {
    info = await api('GET', neg());
    $('title').textContent = `${info.title} (negotiation ${info.id}, ${info.status})`;
    $('me').textContent = `${info.me.name}, party`;
    try { current = await api('GET', neg('texts/current')); } catch (e) { if (e.status !== 404) throw e; current = null; }
    const box = $('current-text');
    if (!current) box.textContent = 'No text tabled yet.';
    else box.replaceChildren(el('b', {}, `Text ${current.number} (session ${current.session}, ${current.status})`), el('br'),
      ...Object.entries(current.outcome).map(([k, v]) => el('span', {class: 'pair'}, `${k}: `, el('b', {'data-issue': k}, String(v)))),
      current.note ? el('p', {class: 'small'}, current.note) : null);
    const mine = current && current.responses.length ? current.responses[current.responses.length - 1] : null;
    $('my-answer').textContent = mine ? `Your answer to text ${current.number}: ${mine.answer}` : '';
    if (current && current.number !== shownText) { shownText = current.number; renderAmendEditor(); }
    const agreed = info.status === 'agreed';
    $('agreement').hidden = !agreed;
    if (agreed && current) $('agreement').textContent = `Agreement reached on text ${current.number}: ${outcomeText(current.outcome)}`;
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
    status(`You answered text ${current.number}: ${kind}.`);
  }
  $('accept').addEventListener('click', () => act(() => answer('accept')));
  $('reject').addEventListener('click', () => act(() => answer('reject')));
  $('amend').addEventListener('click', () => act(() => answer('amend')));
  $('upload-profile').addEventListener('click', () => act(async () => {
    let profile;
    try { profile = JSON.parse($('profile').value); } catch (e) { throw new Error('the profile is not valid JSON: ' + e.message); }
    await api('PUT', neg('profile'), profile);
    status('Profile saved.');
  }));
  $('send-message').addEventListener('click', () => act(async () => {
    await api('POST', neg('messages'), {body: $('message-body').value});
    $('message-body').value = '';
  }));
  act(async () => {
    await refresh();
    const p = await api('GET', neg('profile'));
    if (p.profile) $('profile').value = JSON.stringify(p.profile, null, 2);
    stream((ev) => { addTimeline(ev); refreshSoon(); });
  });
})();
