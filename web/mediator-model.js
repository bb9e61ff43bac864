// mediator-model.js: the mediator's "model a party" panel: a party's preferences in the preferences form
// (profile-form.js), started from the profile the party uploaded, or from the mediator's estimate in the scenario,
// or from a file (native, GENIUS or GeniusWeb), with the live preview of what the current text, the party's best
// package and its worst acceptable package are worth under them.  Nothing is stored: a what-if for the mediator
// (the party's own profile is the party's to save).
'use strict';
(() => {
  const {api, neg, $, el, act} = parley;
  let form = null, info = null;
  const scenarioFields = ['preferences', 'reservation', 'reservation_curve', 'discount', 'red_lines', 'trust'];
  async function showText() {
    const fresh = await api('GET', neg());
    const current = fresh.current_text ? await api('GET', neg('texts/current')) : null;
    form.setText(current ? current.outcome : null, current ? `Text ${current.number}` : '');
  }
  async function load() {
    const name = $('model-party').value;
    const {participants} = await api('GET', neg('participants'));
    const who = participants.find((p) => p.name === name && p.role === 'party');
    let profile = null, from = 'your estimate in the scenario';
    if (who) {
      const r = await api('GET', neg(`participants/${who.id}/profile`));
      if (r.profile) { profile = r.profile; from = 'the profile it uploaded'; }
    }
    if (!profile) {
      const party = info.scenario.parties.find((p) => p.name === name);
      profile = Object.fromEntries(scenarioFields.filter((k) => party[k] !== undefined).map((k) => [k, party[k]]));
    }
    form.set(profile);
    await showText();
    return `${name}: ${from}. Change it to see what the packages are worth; nothing is stored.`;
  }
  act(async () => {
    info = await api('GET', neg());
    const parties = info.scenario.parties.filter((p) => (p.role || 'party') === 'party');
    $('model-party').replaceChildren(...parties.map((p) => el('option', {value: p.name}, p.name)));
    form = parleyProfileForm($('model-form'), {scenario: info.scenario, prefix: 'model'});
    $('model-load').addEventListener('click', () => act(load, 'model-msg'));
    $('model-party').addEventListener('change', () => act(load, 'model-msg'));
    $('model-file').addEventListener('change', () => act(async () => {
      const f = $('model-file').files[0];
      return f ? form.loadFile(f) : '';
    }, 'model-msg'));
    await act(load, 'model-msg');
  });
})();
