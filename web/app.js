// app.js: what every page of the dashboard shares: the API client (token in the
// Authorization header), the live event stream (Server-Sent Events read with
// fetch, so the token never appears in a URL), small DOM helpers, messages kept next to the form that
// caused them, numbers as precise as the API gives them, and the read-only state of a revoked or closed view.
'use strict';

const parley = (() => {
  const params = new URLSearchParams(location.hash.slice(1));
  const negotiation = params.get('n');
  const token = params.get('t') || sessionStorage.getItem('parley-token-' + negotiation);
  if (negotiation && params.get('t')) {
    sessionStorage.setItem('parley-token-' + negotiation, params.get('t'));
    // The token leaves the address bar (and the history) as soon as it is read: only the tab keeps it.
    history.replaceState(null, '', location.pathname + location.search + '#n=' + encodeURIComponent(negotiation));
  }

  // Calls the API as this page's participant, or with `asToken` (the server admin token, to create).
  async function api(method, path, body, asToken) {
    const headers = {};
    if (asToken || token) headers['Authorization'] = 'Bearer ' + (asToken || token);
    // The server refuses state changes not sent as JSON (a form elsewhere cannot forge one).
    if (body !== undefined || method !== 'GET') headers['Content-Type'] = 'application/json';
    const r = await fetch('/api/' + path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    const data = await r.json().catch(() => ({}));
    if (!r.ok) {
      const e = new Error(plain(data.error ? data.error.message : r.status + ' ' + r.statusText));
      e.status = r.status;
      if (r.status === 401 && token && !asToken) lockOut();
      throw e;
    }
    return data;
  }
  // The server's messages may name an endpoint ("(GET /api/…)"): the dashboard speaks of views, not paths.
  const plain = (m) => String(m).replace(/\s*\((?:GET|POST|PUT|DELETE) (?:\/api\/|\.\.\.\/)[^)]*\)/g, '')
    .replace(/(?:GET|POST|PUT|DELETE) \/api\/\S+/g, 'the dashboard').replace(/\/api\/\S+/g, 'the dashboard');

  // Read-only: every control marked data-write is disabled (a revoked token, a closed negotiation, an agreement
  // for the controls that only make sense before one).  Views call readOnly(reason) and re-render with it.
  let lockedWhy = '', revoked = false;
  function readOnly(why) {
    if (why !== undefined && !(revoked && lockedWhy)) lockedWhy = why;
    for (const e of document.querySelectorAll('[data-write]')) e.disabled = !!lockedWhy;
    const b = $('locked');
    if (b) { b.hidden = !lockedWhy; b.textContent = lockedWhy; }
    return lockedWhy;
  }
  function lockOut() {
    if (revoked) return;
    revoked = true;
    lockedWhy = '';
    readOnly('This view is read-only: its token is no longer valid (revoked or replaced by the mediator).');
  }
  const neg = (path) => 'negotiations/' + negotiation + (path ? '/' + path : '');

  // Reads the SSE stream with fetch; calls onEvent(event) for each; reconnects after a pause.
  function stream(onEvent) {
    let last = 0, stopped = false;
    async function run() {
      while (!stopped) {
        try {
          const headers = {'Authorization': 'Bearer ' + token};
          if (last) headers['Last-Event-ID'] = String(last);
          const r = await fetch('/api/' + neg('events'), {headers});
          if (r.status === 401) {
            lockOut();
            status('live updates stopped: this token is no longer valid', true);
            return;
          }
          if (!r.ok) throw new Error('stream ' + r.status);
          const reader = r.body.getReader();
          const decoder = new TextDecoder();
          let buf = '';
          for (;;) {
            const {value, done} = await reader.read();
            if (done) break;
            buf += decoder.decode(value, {stream: true});
            let k;
            while ((k = buf.indexOf('\n\n')) >= 0) {
              const block = buf.slice(0, k);
              buf = buf.slice(k + 2);
              const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
              if (!data) continue;
              const ev = JSON.parse(data);
              last = ev.seq;
              onEvent(ev);
            }
          }
        } catch (e) {
          status('live updates interrupted: ' + e.message + ' (retrying)', true);
        }
        await new Promise((res) => setTimeout(res, 2000));
      }
    }
    run();
    return () => { stopped = true; };
  }

  // A view's refresh, run one at a time: asked for while it runs, it runs once more after it.  A run that fails
  // because the server was busy or restarting or the network was down (429, 5xx, no answer) is tried again after
  // a pause that doubles up to 16 s, so the view catches up with the record even when the events that asked for
  // it have all passed.  soon(): a run 100 ms later, so that a burst of events makes one run.
  function refresher(refresh) {
    let running = null, again = false, timer = null, pause = 1000;
    const transient = (e) => e.status === undefined || e.status === 429 || e.status >= 500;
    function run() {
      clearTimeout(timer);
      if (running) { again = true; return running; }
      running = (async () => {
        try {
          do { again = false; await refresh(); } while (again);
          pause = 1000;
        } catch (e) {
          status(e.message, true);
          if (transient(e) && !revoked) { timer = setTimeout(run, pause); pause = Math.min(2 * pause, 16000); }
        } finally { running = null; }
      })();
      return running;
    }
    return {run, soon: () => { clearTimeout(timer); timer = setTimeout(run, 100); }};
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== null) e.setAttribute(k, v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  }
  const $ = (id) => document.getElementById(id);
  function status(text, error) {
    const s = $('status');
    if (!s) return;
    s.textContent = text;
    s.className = error ? 'status error' : 'status';
  }
  // Runs an async action from a button.  With `box` (the id of the form's message line) its confirmation
  // (the string fn returns) or its error stays next to the form until the next action of that form;
  // without, errors go to the page's status line.
  async function act(fn, box) {
    const say = (text, error) => {
      const b = box && $(box);
      if (!b) { if (text || error) status(text, error); return; }
      b.textContent = text || '';
      b.className = error ? 'form-msg error' : 'form-msg';
    };
    try {
      if (box) say('');
      const done = await fn();
      if (box && typeof done === 'string') say(done);
    } catch (e) { say(e.message, true); }
  }

  // A number as precise as the analysis computes it: up to 9 decimals (the server's utilities are exact to
  // 1e-9), at least 3, trailing zeros after the third dropped: 0.6 is "0.600", 0.595 is "0.595".  Two
  // values print the same only when they differ by less than 5e-10.
  function num(x) {
    if (typeof x !== 'number' || !isFinite(x)) return String(x);
    let s = x.toFixed(9).replace(/0+$/, '');
    if (s === '-0.') s = '0.';
    const decimals = s.length - s.indexOf('.') - 1;
    return decimals < 3 ? s + '0'.repeat(3 - decimals) : s;
  }
  const signed = (x) => (x > 0 ? '+' : x < 0 ? '−' : '±') + num(Math.abs(x));

  // Copies text to the clipboard.  The asynchronous clipboard can refuse (a page without focus) or never settle
  // (seen in a headless browser under load): after 2 s, or on a refusal, the text is selected and copied the older
  // way, and only when that fails too is the user asked to press Ctrl+C.
  async function copyText(text, node) {
    try {
      await Promise.race([navigator.clipboard.writeText(text),
                          new Promise((_, fail) => setTimeout(() => fail(new Error('the clipboard did not answer')), 2000))]);
      return 'copied';
    } catch (e) {
      if (node) {
        const r = document.createRange();
        r.selectNodeContents(node);
        getSelection().removeAllRanges();
        getSelection().addRange(r);
        // the older copy takes what is selected: only when the node shows the very text (not for a link)
        try { if (node.textContent === text && document.execCommand('copy')) return 'copied'; } catch (e2) { /* below */ }
      }
      return 'selected: press Ctrl+C';
    }
  }

  // The values an issue takes: labels, or numbers on the grid (at most 501 listed).
  function issueValues(issue) {
    if (issue.type === 'categorical') return issue.values;
    const step = issue.step || 1, out = [];
    const n = Math.round((issue.max - issue.min) / step);
    for (let k = 0; k <= n && k <= 500; k++) out.push(+(issue.min + k * step).toFixed(10));
    return out;
  }
  function valueSelect(issue, current, id) {
    const s = el('select', {id, 'data-issue': issue.name});
    for (const v of issueValues(issue)) {
      const o = el('option', {value: JSON.stringify(v)}, String(v));
      if (current !== undefined && JSON.stringify(current) === JSON.stringify(v)) o.selected = true;
      s.append(o);
    }
    return s;
  }
  function describeEvent(ev) {
    const d = ev.data || {}, who = ev.actor ? ev.actor.name : 'parley';
    switch (ev.kind) {
      case 'negotiation.created': return `negotiation "${d.title}" created`;
      case 'participant.added': return `${who} added ${d.role} ${d.name}`;
      case 'profile.updated': return `${who} updated its private profile`;
      case 'session.opened': return `session ${d.number} opened at ${d.venue}`;
      case 'session.closed': return `session ${d.number} closed: ${d.outcome}${d.follow_up ? ' (follow-up: ' + d.follow_up + ')' : ''}`;
      case 'text.tabled': return `${who} tabled text ${d.number}: ${outcomeText(d.outcome)}`;
      case 'response': return `${d.name}${ev.actor && ev.actor.kind === 'agent' ? ` (agent ${ev.actor.agent})` : ''} answered text ${d.text_number}: ${d.answer}` +
        (d.amendments && d.amendments.length ? ' (' + d.amendments.map((a) => `${a.issue} ${a.from} → ${a.value}` + (a.reason ? `: ${a.reason}` : '')).join('; ') + ')' : '') +
        (d.reason ? ` — ${d.reason}` : '');
      case 'agreement': return `AGREEMENT on text ${d.number}: ${outcomeText(d.outcome)}`;
      case 'improvement.offered': return `${who} offered an improvement of text ${d.number}: ${outcomeText(d.package)}`;
      case 'message': return `${d.from.name}${d.to ? ' → ' + d.to.name : ''}: ${d.body}`;
      case 'negotiation.closed': return `negotiation closed: ${d.outcome}`;
      case 'participant.token_rotated': return `${who} issued a new token to ${d.name}`;
      case 'participant.token_revoked': return `${who} revoked the token of ${d.name}`;
      case 'agent.seated': return `${who} seated the agent ${d.agent} for ${d.name}`;
      case 'agent.unseated': return `${who} unseated the agent ${d.agent} from ${d.name}'s seat`;
      case 'agent.no_answer': return `the agent ${d.agent} of ${who} gave no answer to text ${d.number}: ${d.why}`;
      case 'agent.draft': return `the drafting helper drafted text ${d.number}: ${outcomeText(d.outcome)}`;
      default: return ev.kind;
    }
  }
  function outcomeText(o) {
    return Object.entries(o || {}).map(([k, v]) => `${k}=${v}`).join(', ');
  }
  function addTimeline(ev) {
    const list = $('timeline');
    if (!list) return;
    const when = ev.at.replace('T', ' ').slice(0, 19);
    list.prepend(el('li', {class: 'event ev-' + ev.kind.replace('.', '-') + (ev.private ? ' private' : ''), 'data-seq': ev.seq},
      el('time', {}, when), ' ', describeEvent(ev)));
  }
  return {negotiation, token, api, neg, stream, refresher, el, $, status, act, issueValues, valueSelect, outcomeText,
    addTimeline, num, signed, copyText, readOnly};
})();
