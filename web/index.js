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
  // Where JSON text first goes wrong (a character offset), by a small recursive-descent check: browsers word
  // JSON.parse's errors differently and some give no position at all.
  function jsonErrorAt(t) {
    let i = 0;
    const fail = () => { throw {at: i}; };
    const ws = () => { while (i < t.length && ' \t\n\r'.includes(t[i])) i++; };
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    const str = () => {
      for (i++; i < t.length && t[i] !== '"'; i++) { if (t[i] === '\\') i++; else if (t[i] < ' ') fail(); }
      if (i >= t.length) fail();
      i++;
    };
    const list = (close, item) => {
      i++; ws();
      if (t[i] === close) { i++; return; }
      for (;;) { item(); ws(); if (t[i] === ',') { i++; continue; } if (t[i] === close) { i++; return; } fail(); }
    };
    const value = () => {
      ws();
      const c = t[i];
      if (c === '{') list('}', () => { ws(); if (t[i] !== '"') fail(); str(); ws(); if (t[i] !== ':') fail(); i++; value(); });
      else if (c === '[') list(']', value);
      else if (c === '"') str();
      else if (c === 't' || c === 'f' || c === 'n') {
        const w = {t: 'true', f: 'false', n: 'null'}[c];
        if (!t.startsWith(w, i)) fail();
        i += w.length;
      } else { number.lastIndex = i; const m = number.exec(t); if (!m) fail(); i += m[0].length; }
    };
    try { value(); ws(); if (i < t.length) fail(); return -1; } catch (e) { if (e && typeof e.at === 'number') return e.at; throw e; }
  }
  // JSON.parse with the place of a syntax error as line and column, like the command line's file:line:column.
  function parseJson(name, text) {
    try { return JSON.parse(text); } catch (e) {
      const at = jsonErrorAt(text), before = text.slice(0, at < 0 ? text.length : at).split('\n');
      const why = String(e.message).split(/ in JSON at position| at position \d+|, (?:\.\.\.)?".*" is not valid JSON|\s*\(line \d+ column/s)[0];
      throw new Error(`${name}: line ${before.length}, column ${before[before.length - 1].length + 1}: not valid JSON (${why})`);
    }
  }
  $('scenario-file').addEventListener('change', () => act(async () => {
    const files = [...$('scenario-file').files];
    documents = null;
    if (!files.length) return '';
    const read = await Promise.all(files.map(async (f) => {
      const content = await f.text(), d = {name: f.name, content, xml: /^\s*</.test(content)};
      if (!d.xml) {
        d.json = parseJson(f.name, content);
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
      body.scenario = parseJson('the scenario', $('scenario').value);
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
