// index.js: the start page: create a negotiation from a scenario, or open one's view with a token.
'use strict';
(() => {
  const {api, $, act} = parley;
  $('create').addEventListener('click', () => act(async () => {
    let scenario;
    try { scenario = JSON.parse($('scenario').value); } catch (e) { throw new Error('the scenario is not valid JSON: ' + e.message); }
    const body = {scenario};
    if ($('mediator').value.trim()) body.mediator = $('mediator').value.trim();
    const r = await api('POST', 'negotiations', body, $('admin').value.trim() || undefined);
    $('created-id').textContent = r.negotiation.id;
    $('created-token').textContent = r.participant.token;
    $('created-link').href = `mediator.html#n=${r.negotiation.id}&t=${r.participant.token}`;
    $('created').hidden = false;
  }));
  $('join').addEventListener('click', () => act(async () => {
    const n = $('join-n').value.trim(), t = $('join-t').value.trim();
    const r = await fetch(`/api/negotiations/${n}/me`, {headers: {Authorization: 'Bearer ' + t}});
    const d = await r.json();
    if (!r.ok) throw new Error(d.error.message);
    location.href = (d.me.role === 'mediator' ? 'mediator.html' : 'party.html') + `#n=${n}&t=${t}`;
  }));
})();
