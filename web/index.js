// index.js: the start page: create a negotiation from a scenario (uploaded as a file or pasted), or open
// one's view with a token.
'use strict';
(() => {
  const {api, $, act, copyText} = parley;
  $('copy-created').addEventListener('click', async () => {
    $('copied-created').textContent = await copyText($('created-token').textContent, $('created-token'));
  });
  // A file is read in the browser and shown in the box: what is created is what the mediator sees.
  $('scenario-file').addEventListener('change', () => act(async () => {
    const f = $('scenario-file').files[0];
    if (!f) return '';
    const text = await f.text();
    if (/^\s*</.test(text)) throw new Error(`${f.name} is XML (a GENIUS file?): convert it to parley's JSON with parley convert first`);
    let scenario;
    try { scenario = JSON.parse(text); } catch (e) { throw new Error(`${f.name} is not JSON: ${e.message}`); }
    if (scenario.LinearAdditiveUtilitySpace || scenario.issuesValues)
      throw new Error(`${f.name} is a GeniusWeb file: convert it to parley's JSON with parley convert first`);
    $('scenario').value = JSON.stringify(scenario, null, 2);
    return `${f.name} loaded: "${scenario.title || 'untitled'}", ${(scenario.issues || []).length} issues, ${(scenario.parties || []).length} parties and mediators.`;
  }, 'file-msg'));
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
    return '';
  }, 'create-msg'));
  $('join').addEventListener('click', () => act(async () => {
    const n = $('join-n').value.trim(), t = $('join-t').value.trim();
    const r = await fetch(`/api/negotiations/${n}/me`, {headers: {Authorization: 'Bearer ' + t}});
    const d = await r.json();
    if (!r.ok) throw new Error(d.error.message);
    location.href = (d.me.role === 'mediator' ? 'mediator.html' : 'party.html') + `#n=${n}&t=${t}`;
  }, 'join-msg'));
})();
