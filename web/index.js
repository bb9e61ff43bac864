// index.js: the start page: create a negotiation from a scenario (uploaded as a file or pasted), or open
// one's view with a token.
'use strict';
(() => {
  const {api, $, act, copyText} = parley;
  $('copy-created').addEventListener('click', async () => {
    $('copied-created').textContent = await copyText($('created-token').textContent, $('created-token'));
  });
  // Files are read in the browser. A native scenario is shown in the box: what is created is what the mediator
  // sees. A GENIUS domain with its profiles (XML), or a GeniusWeb domain and profiles (JSON), are sent as they
  // are ("documents"): the server reads them with the same loader as `parley analyze`.
  let documents = null;
  const isDomain = (d) => d.xml ? !/<weight\b/.test(d.content) : !!d.json.issuesValues;
  $('scenario-file').addEventListener('change', () => act(async () => {
    const files = [...$('scenario-file').files];
    documents = null;
    if (!files.length) return '';
    const read = await Promise.all(files.map(async (f) => {
      const content = await f.text(), d = {name: f.name, content, xml: /^\s*</.test(content)};
      if (!d.xml) {
        try { d.json = JSON.parse(content); } catch (e) { throw new Error(`${f.name} is neither XML nor JSON: ${e.message}`); }
      }
      return d;
    }));
    const native = read.length === 1 && !read[0].xml && !read[0].json.LinearAdditiveUtilitySpace && !read[0].json.issuesValues;
    if (native) {
      const scenario = read[0].json;
      $('scenario').value = JSON.stringify(scenario, null, 2);
      return `${files[0].name} loaded: "${scenario.title || 'untitled'}", ${(scenario.issues || []).length} issues, ${(scenario.parties || []).length} parties and mediators.`;
    }
    const domains = read.filter(isDomain);
    if (domains.length !== 1 || read.length < 3)
      throw new Error('choose one GENIUS or GeniusWeb domain and at least two profiles together (or one native scenario)');
    documents = [domains[0], ...read.filter((d) => d !== domains[0])].map((d) => ({name: d.name, content: d.content}));
    $('scenario').value = '';
    return `${read.length} ${read[0].xml ? 'GENIUS' : 'GeniusWeb'} files loaded: the domain ${domains[0].name} and ` +
      `${read.length - 1} profiles; the negotiation is created from them as they are.`;
  }, 'file-msg'));
  $('create').addEventListener('click', () => act(async () => {
    const body = {};
    if (documents && !$('scenario').value.trim()) {
      body.documents = documents;
    } else {
      try { body.scenario = JSON.parse($('scenario').value); } catch (e) { throw new Error('the scenario is not valid JSON: ' + e.message); }
    }
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
