// party.js: a party's view: the current text with what it is worth to the party (its utility, its
// reservation, its red lines the text breaks: from its own uploaded profile), accept / reject / amend with
// reasons, its private profile (a form, profile-form.js, with a live preview of what the text, its best package
// and its worst acceptable package are worth; or the same document as JSON), messages to the mediator and its own
// timeline (it never sees another party's answers).  Revoked or closed: read-only; after an agreement: no more
// answers.
'use strict';
(() => {
  const {api, neg, $, el, act, valueSelect, outcomeText, addTimeline, stream, num, readOnly} = parley;
  let info = null, current = null, shownText = 0, form = null, jsonBroken = '', typed = null;

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
    if (form) form.setText(current ? current.outcome : null, current ? `Text ${current.number}` : '');
    const agreed = info.status === 'agreed';
    $('agreement').hidden = !agreed;
    if (agreed && current) $('agreement').textContent = `Agreement reached on text ${current.number}: ${outcomeText(current.outcome)}`;
    readOnly(info.status === 'closed' ? `This negotiation is closed (${info.outcome || 'no outcome'}): the view is read-only.` : '');
    lockControls();
    await loadValue();
  }
  const view = parley.refresher(refresh);
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
  // A package of the preview put in the amendment editor (the issues where it differs from the text are amended).
  function amendToward(outcome) {
    act(async () => {
      if (!current) throw new Error('no text to amend yet');
      for (const issue of info.scenario.issues) $('amend-' + issue.name).value = JSON.stringify(outcome[issue.name]);
      return 'The amendment editor holds that package: give your reasons, then propose the amendments.';
    }, 'answer-msg');
  }
  // The form and the JSON box show one document: the form writes the box (unless the party is typing in it),
  // the box, when it reads as JSON, fills the form in.
  function showJson(doc) {
    typed = null;
    if (document.activeElement !== $('profile')) { $('profile').value = JSON.stringify(doc, null, 2); jsonBroken = ''; }
  }
  function makeForm() {
    form = parleyProfileForm($('profile-form'), {scenario: info.scenario, prefix: 'pf', onChange: showJson, lock: lockControls,
      actions: [{name: 'amend', label: 'put it in my amendment', run: amendToward}]});
  }
  // What is typed in the box is what is saved (the server names any mistake), until the form changes it.
  $('profile').addEventListener('input', () => {
    try { typed = JSON.parse($('profile').value); jsonBroken = ''; } catch (e) { jsonBroken = e.message; return; }
    form.set(typed);
  });
  $('profile-file').addEventListener('change', () => act(async () => {
    const f = $('profile-file').files[0];
    if (!f) return '';
    const said = await form.loadFile(f);
    showJson(form.get());
    return said;
  }, 'profile-msg'));
  $('upload-profile').addEventListener('click', () => act(async () => {
    if (jsonBroken) throw new Error('the profile is not valid JSON: ' + jsonBroken);
    const r = await api('PUT', neg('profile'), typed || form.get());
    await loadValue();
    return `Profile saved at ${r.updated_at}.`;
  }, 'profile-msg'));
  $('send-message').addEventListener('click', () => act(async () => {
    await api('POST', neg('messages'), {body: $('message-body').value});
    $('message-body').value = '';
    return 'Sent.';
  }, 'message-msg'));
  act(async () => {
    info = await api('GET', neg());
    // The saved profile is read before the form is drawn: a form drawn blank and filled in later would throw away
    // what the party moved in between.
    const p = await api('GET', neg('profile'));
    makeForm();
    form.set(p.profile || form.blank());
    showJson(form.get());
    // The stream before the first refresh (see mediator.js): a slow or failed first refresh keeps the live updates.
    stream((ev) => { addTimeline(ev); view.soon(); partyAdvice.onEvent(ev); });
    await view.run();
  });
})();
