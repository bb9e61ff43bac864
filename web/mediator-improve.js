// mediator-improve.js: on the mediator's page, after an agreement, the packages every party strictly prefers to
// the agreed text (GET improvements: computed under the parties' private profiles, closest to the Nash point of
// the improvements first, with every party's utility before and after) and a button to offer one to the parties
// (POST improvements: a public event; each party then sees only its own gain).  Adopting an offered package is
// tabling it as a new text.  mediator.js calls mediatorImprove.onEvent for each live event.
'use strict';
const mediatorImprove = (() => {
  const {api, neg, $, el, act, num, signed, outcomeText} = parley;

  function row(item, k) {
    const gains = Object.entries(item.utilities).map(([who, u]) =>
      el('span', {class: 'pair', 'data-party': who}, `${who} ${num(u.before)} → ${num(u.after)} (${signed(u.after - u.before)})`));
    return el('li', {class: 'improvement', 'data-rank': k + 1}, el('b', {}, outcomeText(item.package)), el('br'), ...gains, ' ',
      el('button', {class: 'secondary', 'data-write': '', onclick: () => act(async () => {
        await api('POST', neg('improvements'), {outcome: item.package});
        return `Offered ${outcomeText(item.package)}: each party sees its own gain. Table it as a text to adopt it.`;
      }, 'improve-msg')}, 'Offer to the parties'));
  }
  async function seek() {
    const r = await api('GET', neg('improvements'));
    const how = r.exhaustive ? 'every package was considered' : 'the space is too large to enumerate: a bounded search';
    $('improvements').replaceChildren(
      el('p', {class: 'small'}, `Agreed text ${r.agreement.number}: ${outcomeText(r.agreement.outcome)} (${how}).`),
      r.improvements.length
        ? el('ol', {id: 'improvement-list'}, ...r.improvements.map(row))
        : el('p', {id: 'improvement-list'}, r.exhaustive ? 'No package is better for every party: the agreement is on the Pareto frontier.'
          : 'The search found no package better for every party.'),
      r.found > r.improvements.length ? el('p', {class: 'small'}, `${r.found} in all; the nearest to the Nash point are listed.`) : '');
    return '';
  }
  async function show() {
    const info = await api('GET', neg());
    $('improve-panel').hidden = info.status !== 'agreed';
  }
  function onEvent(ev) {
    if (ev.kind === 'agreement' || ev.kind === 'text.tabled' || ev.kind === 'negotiation.closed') act(show);
  }
  function mount() {
    const box = $('improve-panel');
    if (!box) return;
    box.hidden = true;
    box.replaceChildren(el('h3', {}, 'Improve the agreement'),
      el('p', {class: 'small'}, 'Packages every party strictly prefers to the signed one, under their private profiles.'),
      el('button', {id: 'seek-improvements', onclick: () => act(seek, 'improve-msg')}, 'Seek improvements'),
      el('p', {id: 'improve-msg', class: 'form-msg'}), el('div', {id: 'improvements'}));
    act(show);
  }
  mount();
  return {onEvent, seek};
})();
