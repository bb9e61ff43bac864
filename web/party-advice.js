// party-advice.js: on a party's page, its own advice (GET advice/me: what the current text is worth to it issue
// by issue, whether it beats its reservation, the amendments that raise its utility most for the least loss the
// opponent model predicts for the others, any of which it can put in its amendment editor) and, after an
// agreement, the improvements the mediator offered with the party's own gain only (GET improvements/me).  Both
// are computed from the party's own profile and what it may read; the advice runs when asked (it is an
// analysis, within the server's budgets), the gains when an improvement is offered.  party.js calls
// partyAdvice.onEvent for each live event.
'use strict';
const partyAdvice = (() => {
  const {api, neg, $, el, act, num, signed, outcomeText} = parley;
  let shown = false; // the advice was asked for: it follows new texts

  const value = (v) => String(v);
  function issueRows(a) {
    return el('table', {class: 'advice-issues', id: 'advice-issues'},
      el('tr', {}, el('th', {}, 'issue'), el('th', {}, 'text'), el('th', {}, 'weight'), el('th', {}, 'rating'),
        el('th', {}, 'contribution'), el('th', {}, 'best for you'), el('th', {}, 'left on the table')),
      ...a.issues.map((i) => el('tr', {'data-issue': i.issue}, el('td', {}, i.issue), el('td', {}, value(i.value)),
        el('td', {}, num(i.weight)), el('td', {}, num(i.expected_rating) + (i.carried < 1 ? ` (carried ${num(i.carried)})` : '')),
        el('td', {class: 'contribution'}, num(i.contribution)), el('td', {}, value(i.best_value)), el('td', {}, num(i.room)))));
  }
  // Puts an amendment's changes in party.js's amendment editor (selects named amend-ISSUE).
  function toEditor(changes) {
    for (const c of changes) {
      const s = $('amend-' + c.issue);
      if (s) s.value = JSON.stringify(c.value);
    }
    return 'The amendment editor holds these changes: give your reasons, then propose the amendments.';
  }
  function amendmentList(a) {
    if (!a.amendments.length) return el('p', {class: 'small', id: 'advice-amendments'}, 'No change of one or two issues raises your utility.');
    return el('ol', {id: 'advice-amendments'}, ...a.amendments.map((m) => el('li', {class: 'advice-amendment'},
      m.changes.map((c) => `${c.issue} ${c.from} → ${c.value}`).join(', '), ': you ', el('b', {}, signed(m.gain)),
      ` (to ${num(m.utility)}), predicted cost to ` +
        Object.entries(m.predicted_loss).map(([who, l]) => `${who} ${num(l)}`).join(', '), ' ',
      el('button', {class: 'secondary small-button', 'data-write': '', 'data-before-agreement': '',
        onclick: () => act(async () => toEditor(m.changes), 'answer-msg')}, 'put in my amendment'))));
  }
  async function loadAdvice() {
    const box = $('my-advice');
    const a = await api('GET', neg('advice/me'));
    shown = true;
    box.replaceChildren(
      el('p', {}, `Text ${a.text.number} is worth `, el('b', {id: 'advice-utility'}, num(a.utility)),
        ' to you; your reservation is ', num(a.reservation), ': ',
        el('span', {id: 'advice-verdict', class: a.acceptable ? 'check-ok' : 'check-bad'},
          a.beats_reservation ? (a.acceptable ? 'it beats it.' : 'it beats it, but breaks a red line or a constraint.')
            : `it falls ${num(-a.margin)} short.`)),
      issueRows(a),
      a.nonlinear ? el('p', {class: 'small'}, `Combinations of issues add ${num(a.nonlinear)}.`) : '',
      el('h4', {}, 'Amendments worth asking for'),
      el('p', {class: 'small'}, `Others' losses are predicted by a ${a.model.name} model of ${a.model.others.join(', ')}, ` +
        `learnt from ${a.model.texts} text(s)` + (a.model.answers ? ` and ${a.model.answers} of their answers` : '') +
        ': an estimate, not their profile.'),
      amendmentList(a));
    // As party.js locks its own controls: nothing to amend after an agreement or in a read-only view.  readOnly()
    // enables every writing control of the page again, so the agreement's rule is applied after it, to the whole
    // page (advice that arrived after the agreement re-enabled the preview's amend buttons).
    parley.readOnly();
    const agreed = $('agreement') && !$('agreement').hidden;
    for (const b of box.querySelectorAll('button')) b.disabled ||= agreed;
    for (const e of document.querySelectorAll('[data-before-agreement]')) e.disabled ||= agreed;
    return '';
  }
  async function loadGains() {
    const g = await api('GET', neg('improvements/me'));
    const box = $('my-improvements');
    box.hidden = !g.offers.length;
    box.replaceChildren(el('h3', {}, 'Improvements offered after the agreement'),
      ...g.offers.map((o) => el('p', {class: 'improvement-offer'}, `Instead of text ${o.number}: ${outcomeText(o.package)} — for you `,
        // Without an uploaded profile the server cannot value the package for this party (the numbers are null).
        o.before === null || o.after === null
          ? el('b', {class: 'my-gain'}, 'save your preferences to see what it is worth to you')
          : el('b', {class: 'my-gain'}, `${num(o.before)} → ${num(o.after)} (${signed(o.gain)})`),
        o.note ? el('span', {class: 'small'}, ` — ${o.note}`) : '')));
  }
  function onEvent(ev) {
    if (ev.kind === 'improvement.offered') act(loadGains);
    else if (ev.kind === 'text.tabled' && shown) act(loadAdvice, 'advice-msg');
  }
  function mount() {
    const box = $('my-advice-panel');
    if (!box) return;
    box.replaceChildren(el('h3', {}, 'Advice for you'),
      el('button', {id: 'get-advice', class: 'secondary', onclick: () => act(loadAdvice, 'advice-msg')}, 'What should I ask for?'),
      el('p', {id: 'advice-msg', class: 'form-msg'}), el('div', {id: 'my-advice', class: 'my-advice'}),
      el('div', {id: 'my-improvements', hidden: ''}));
    act(loadGains);
  }
  mount();
  return {onEvent, loadAdvice, loadGains};
})();
