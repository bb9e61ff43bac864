// profile-form.js: a party's private profile as a form, no JSON needed: each issue's weight and the rating of each
// of its values (sliders with number fields; a linear, piecewise or step function, or a table, for a numeric
// issue), the reservation value, red lines built from the issues and their values ("never X", "at least N",
// "at most N", "if A then B"; any other rule kept as written), and the trust in each later phase.  A live preview
// shows what the current text, the party's best package and its worst acceptable package are worth under what
// is entered (profile-value.js: computed as the server's analysis computes it), and warns when the weights are
// far from summing to 1.  The form reads and writes exactly the profile document of PUT .../profile; fields it has
// no control for (reservation_curve, discount, a red line's "why") are kept as they are.  A file fills it in: a
// native profile (JSON) as it is, a GENIUS (XML) or GeniusWeb (JSON) profile converted by the server (which
// stores nothing).  Used by the party's view and by the mediator's, to model a party.
'use strict';
// parleyProfileForm(box, {scenario, prefix, onChange(doc), actions: [{name, label, run(outcome)}], lock()}) ->
// {get, set, blank, setText, loadFile, element}
function parleyProfileForm(box, options) {
  const {el, num, api, neg} = parley;
  const V = parleyValue;
  const scenario = options.scenario, issues = scenario.issues, grids = issues.map(V.issueGrid);
  const phases = scenario.phases || [];
  const pre = options.prefix || 'pf';
  const id = (s) => `${pre}-${s}`;
  const shown = (x) => typeof x === 'number' ? +x.toFixed(10) : x; // 0.30000000000000004 -> 0.3
  const literal = (issue, x) => issue.type === 'categorical' ? JSON.stringify(String(x)) : String(shown(x));
  const numeric = issues.filter((i) => i.type !== 'categorical');
  let doc = {preferences: {}};
  let spare = {}; // the ratings of issues the document leaves out (weight 0), used once the party gives one a weight
  let text = null; // {label, outcome}: the package the preview values first

  // ---- a slider with its number field, kept in step ----
  function slider(name, value, onValue, range) {
    const [min, max, step] = range || [0, 1, 0.01];
    const r = el('input', {type: 'range', id: id(name + '-range'), min, max, step, 'data-write': ''});
    const n = el('input', {type: 'number', id: id(name), min, max, step: 'any', class: 'pf-number', 'data-write': ''});
    r.value = n.value = String(shown(value));
    r.addEventListener('input', () => { n.value = r.value; onValue(+r.value); changed(); });
    n.addEventListener('input', () => {
      if (n.value === '' || !isFinite(+n.value)) return;
      r.value = n.value;
      onValue(+n.value);
      changed();
    });
    return el('span', {class: 'pf-slider'}, r, n);
  }
  const gridOptions = (i, selected) => grids[i].map((x) => {
    const o = el('option', {value: JSON.stringify(shown(x))}, String(shown(x)));
    if (selected !== undefined && Math.abs(x - selected) <= 1e-9) o.selected = true;
    return o;
  });
  const valueSelect = (i, selected, name) => {
    const s = el('select', {id: id(name), 'data-write': ''}, ...(issues[i].type === 'categorical'
      ? grids[i].map((x) => { const o = el('option', {value: JSON.stringify(x)}, x); if (x === selected) o.selected = true; return o; })
      : gridOptions(i, selected)));
    return s;
  };
  const issueSelect = (list, selected, name) => el('select', {id: id(name), 'data-write': ''},
    ...list.map((is) => { const o = el('option', {value: is.name}, is.name); if (is.name === selected) o.selected = true; return o; }));

  // ---- issues: weight and value ratings ----
  const specOf = (issue) => doc.preferences[issue.name] || spare[issue.name];
  // Changing an issue the document leaves out puts it in.
  const touch = (issue) => { if (!doc.preferences[issue.name]) doc.preferences[issue.name] = spare[issue.name]; return doc.preferences[issue.name]; };
  function defaultSpec(issue, i) {
    if (issue.type === 'categorical') return {weight: 0, values: Object.fromEntries(grids[i].map((v) => [v, 0.5]))};
    return {weight: 0, function: {type: 'linear', at_min: 0, at_max: 1}};
  }
  const kindOf = (spec) => spec.values ? 'table' : spec.function.type;
  // The spec of another kind, keeping the ratings as near as it can (each value's rating as it stands now).
  function convertSpec(issue, i, spec, kind) {
    let table;
    try { table = V.valueTable(issue, grids[i], spec); } catch (e) { table = grids[i].map(() => 0.5); }
    const g = grids[i], last = g.length - 1, r = (u) => +u.toFixed(6);
    if (kind === 'table') return {weight: spec.weight, values: Object.fromEntries(g.map((x, k) => [String(shown(x)), r(table[k])]))};
    if (kind === 'linear') return {weight: spec.weight, function: {type: 'linear', at_min: r(table[0]), at_max: r(table[last])}};
    if (kind === 'piecewise') return {weight: spec.weight, function: {type: 'piecewise', points: last ? [[shown(g[0]), r(table[0])], [shown(g[last]), r(table[last])]] : [[shown(g[0]), r(table[0])]]}};
    return {weight: spec.weight, function: {type: 'step', steps: [[shown(g[0]), r(table[0])]]}};
  }
  function pointsEditor(issue, i, spec) {
    const fn = spec.function, field = fn.type === 'step' ? 'steps' : 'points', pts = fn[field];
    const rows = pts.map((pt, k) => {
      const xs = el('select', {id: id(`${issue.name}-x${k}`), 'data-write': ''}, ...gridOptions(i, pt[0]));
      xs.addEventListener('change', () => {
        pt[0] = JSON.parse(xs.value);
        pts.sort((a, b) => a[0] - b[0]);
        touch(issue);
        renderIssues();
        changed();
      });
      return el('div', {class: 'pf-point'}, fn.type === 'step' ? 'from ' : 'at ', xs, ' rated ',
        slider(`${issue.name}-y${k}`, pt[1], (u) => { pt[1] = u; touch(issue); }),
        pts.length > 1 ? el('button', {class: 'inline secondary', 'data-write': '', onclick: () => {
          pts.splice(k, 1); touch(issue); renderIssues(); changed();
        }}, 'remove') : '');
    });
    const free = grids[i].filter((x) => !pts.some((pt) => Math.abs(pt[0] - x) <= 1e-9));
    const add = el('button', {class: 'inline', id: id(`${issue.name}-add-point`), 'data-write': '', onclick: () => {
      const x = free[Math.floor(free.length / 2)];
      pts.push([shown(x), 0.5]);
      pts.sort((a, b) => a[0] - b[0]);
      touch(issue);
      renderIssues();
      changed();
    }}, 'add a point');
    if (!free.length) add.disabled = true;
    return el('div', {}, ...rows, add);
  }
  function valuesEditor(issue, i, spec) {
    if (issue.type === 'categorical' || spec.values)
      return el('div', {class: 'pf-values'}, ...grids[i].map((x, k) => {
        const key = issue.type === 'categorical' ? x : Object.keys(spec.values).find((s) => V.findValue(issue, grids[i], s) === k);
        return el('div', {class: 'pf-value'}, el('span', {class: 'pf-label'}, String(shown(x))),
          slider(`${issue.name}-v${k}`, spec.values[key], (u) => { touch(issue).values[key] = u; }));
      }));
    const fn = spec.function;
    if (fn.type === 'linear')
      return el('div', {class: 'pf-values'},
        el('div', {class: 'pf-value'}, el('span', {class: 'pf-label'}, `at ${shown(issue.min)}`),
          slider(`${issue.name}-at-min`, fn.at_min, (u) => { touch(issue).function.at_min = u; })),
        el('div', {class: 'pf-value'}, el('span', {class: 'pf-label'}, `at ${shown(issue.max)}`),
          slider(`${issue.name}-at-max`, fn.at_max, (u) => { touch(issue).function.at_max = u; })));
    return pointsEditor(issue, i, spec);
  }
  function issueBlock(issue, i) {
    const spec = specOf(issue);
    const head = el('div', {class: 'pf-value pf-weight'}, el('span', {class: 'pf-label'}, 'weight'), slider(`weight-${issue.name}`, spec.weight, (w) => { touch(issue).weight = w; }));
    let kind = '';
    if (issue.type !== 'categorical') {
      kind = el('select', {id: id(`kind-${issue.name}`), 'data-write': ''},
        ...[['linear', 'a straight line'], ['piecewise', 'a line through points'], ['step', 'steps'], ['table', 'each value']]
          .filter(([k]) => k !== 'table' || grids[i].length <= 60 || spec.values)
          .map(([k, label]) => { const o = el('option', {value: k}, label); if (k === kindOf(spec)) o.selected = true; return o; }));
      kind.addEventListener('change', () => {
        const next = convertSpec(issue, i, specOf(issue), kind.value);
        if (doc.preferences[issue.name]) doc.preferences[issue.name] = next; else spare[issue.name] = next;
        touch(issue);
        renderIssues();
        changed();
      });
      kind = el('label', {class: 'pf-kind'}, 'rated by ', kind);
    }
    const range = issue.type === 'categorical' ? `${grids[i].length} values` : `${shown(issue.min)} to ${shown(issue.max)}`;
    return el('fieldset', {class: 'pf-issue', 'data-issue': issue.name},
      el('legend', {}, issue.name, el('span', {class: 'small'}, ` (${issue.type}, ${range})`)), head, kind, valuesEditor(issue, i, spec));
  }
  const issuesBox = el('div', {class: 'pf-issues'});
  const renderIssues = () => { issuesBox.replaceChildren(...issues.map(issueBlock)); lock(); };

  // ---- weights' sum ----
  const sumBox = el('div', {id: id('weights'), class: 'pf-sum'});
  function renderSum() {
    const total = V.weightSum(scenario, doc);
    const far = Math.abs(total - 1) > 1e-3;
    sumBox.replaceChildren(el('span', {}, 'The weights sum to ', el('b', {id: id('weight-sum')}, num(total)), '. '),
      far ? el('span', {id: id('weights-warning'), class: 'check-bad'},
        `Far from 1: the server refuses weights more than 0.001 away from 1 (the preview divides them by their sum). `) : '',
      far && total > 0 ? el('button', {class: 'inline', id: id('normalise'), 'data-write': '', onclick: () => {
        for (const issue of issues) if (doc.preferences[issue.name]) doc.preferences[issue.name].weight = +(doc.preferences[issue.name].weight / total).toFixed(6);
        renderIssues();
        changed();
      }}, 'make them sum to 1') : '');
  }

  // ---- reservation and trust ----
  const reservationBox = el('div', {class: 'pf-reservation'});
  function renderReservation() {
    const notes = [];
    if (doc.reservation_curve) notes.push(`a reservation curve over time is kept from the loaded profile (it overrides this value; at the start it is ${num(V.reservationOf(doc))})`);
    if (doc.discount !== undefined) notes.push(`a discount of ${doc.discount} per unit of time is kept from the loaded profile`);
    reservationBox.replaceChildren(el('div', {class: 'pf-value'}, el('span', {class: 'pf-label'}, 'walking away'),
      slider('reservation', typeof doc.reservation === 'number' ? doc.reservation : 0, (r) => { doc.reservation = r; })),
      notes.length ? el('p', {class: 'small'}, notes.join('; ') + '.') : '');
  }
  const trustBox = el('div', {class: 'pf-trust'});
  function renderTrust() {
    if (phases.length < 2) { trustBox.replaceChildren(); return; }
    trustBox.replaceChildren(el('h4', {}, 'Trust in later phases'),
      el('p', {class: 'small'}, 'The chance you give each phase of being carried out once the one before was: an issue of a later ' +
        'phase counts its value with that chance and its fallback value otherwise.'),
      ...phases.slice(1).map((ph) => el('div', {class: 'pf-value', 'data-phase': ph.name},
        el('span', {class: 'pf-label'}, `phase ${ph.name} (${(ph.issues || []).join(', ')})`),
        slider(`trust-${ph.name}`, doc.trust && typeof doc.trust[ph.name] === 'number' ? doc.trust[ph.name] : 1,
          (t) => { doc.trust = Object.assign(doc.trust || {}, {[ph.name]: t}); }))));
  }

  // ---- red lines: the common forms without expression syntax ----
  const OPS = [['==', 'is'], ['!=', 'is not'], ['>=', 'is at least'], ['<=', 'is at most']];
  function parseCondition(s) {
    const m = /^\s*([A-Za-z_]\w*)\s*(==|!=|>=|<=)\s*("[^"]*"|'[^']*'|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$/.exec(s);
    if (!m) return null;
    const i = issues.findIndex((is) => is.name === m[1]);
    if (i < 0) return null;
    const cat = issues[i].type === 'categorical', quoted = /^["']/.test(m[3]);
    if (cat !== quoted || (cat && (m[2] === '>=' || m[2] === '<='))) return null;
    const k = V.findValue(issues[i], grids[i], quoted ? m[3].slice(1, -1) : m[3]);
    return k < 0 ? null : {issue: i, op: m[2], value: grids[i][k]};
  }
  const conditionText = (c) => `${issues[c.issue].name} ${c.op} ${literal(issues[c.issue], c.value)}`;
  // A rule as one of the common forms, or {kind: 'expression'}.
  function parseRule(rule) {
    const c = parseCondition(rule);
    if (c && c.op === '!=') return {kind: 'never', a: c};
    if (c && c.op === '==') return {kind: 'must', a: c};
    if (c && c.op === '>=' && issues[c.issue].type !== 'categorical') return {kind: 'at_least', a: c};
    if (c && c.op === '<=' && issues[c.issue].type !== 'categorical') return {kind: 'at_most', a: c};
    const m = /^\s*if\s+(.+?)\s+then\s+(.+?)\s*$/.exec(rule);
    const a = m && parseCondition(m[1]), b = m && parseCondition(m[2]);
    if (a && b) return {kind: 'if', a, b};
    return {kind: 'expression'};
  }
  const ruleOf = (form) => form.kind === 'never' ? conditionText({...form.a, op: '!='}) :
    form.kind === 'must' ? conditionText({...form.a, op: '=='}) :
    form.kind === 'at_least' ? conditionText({...form.a, op: '>='}) : form.kind === 'at_most' ? conditionText({...form.a, op: '<='}) :
    `if ${conditionText(form.a)} then ${conditionText(form.b)}`;
  const slug = (x) => String(shown(x)).replace(/[^A-Za-z0-9_]+/g, '_');
  const autoName = (form) => form.kind === 'never' ? `never_${issues[form.a.issue].name}_${slug(form.a.value)}` :
    form.kind === 'must' ? `${issues[form.a.issue].name}_must_be_${slug(form.a.value)}` :
    form.kind === 'at_least' ? `${issues[form.a.issue].name}_at_least_${slug(form.a.value)}` :
    form.kind === 'at_most' ? `${issues[form.a.issue].name}_at_most_${slug(form.a.value)}` :
    `if_${issues[form.a.issue].name}_${slug(form.a.value)}_then_${issues[form.b.issue].name}_${slug(form.b.value)}`;
  const uniqueName = (base, k) => {
    let name = base, n = 2;
    while ((doc.red_lines || []).some((r, j) => j !== k && r.name === name)) name = `${base}_${n++}`;
    return name;
  };
  const firstCondition = (list, op) => ({issue: issues.indexOf(list[0]), op, value: grids[issues.indexOf(list[0])][0]});
  function defaultForm(kind) {
    if (kind === 'at_least' || kind === 'at_most') return {kind, a: firstCondition(numeric, kind === 'at_least' ? '>=' : '<=')};
    if (kind === 'if') return {kind, a: firstCondition(issues, '=='), b: firstCondition(issues.length > 1 ? issues.slice(1) : issues, '==')};
    return {kind, a: firstCondition(issues, kind === 'must' ? '==' : '!=')};
  }
  // The editor of one condition: issue, comparison (when `ops`), value.
  function conditionEditor(c, name, ops, onChange) {
    const list = ops || c.op === '!=' || c.op === '==' ? issues : numeric;
    const is = issueSelect(list, issues[c.issue].name, name + '-issue');
    is.addEventListener('change', () => {
      c.issue = issues.findIndex((x) => x.name === is.value);
      c.value = grids[c.issue][0];
      if (issues[c.issue].type === 'categorical' && (c.op === '>=' || c.op === '<=')) c.op = '==';
      onChange(true);
    });
    const parts = [is];
    if (ops) {
      const op = el('select', {id: id(name + '-op'), 'data-write': ''}, ...OPS
        .filter(([o]) => issues[c.issue].type !== 'categorical' || o === '==' || o === '!=')
        .map(([o, label]) => { const x = el('option', {value: o}, label); if (o === c.op) x.selected = true; return x; }));
      op.addEventListener('change', () => { c.op = op.value; onChange(false); });
      parts.push(op);
    }
    const vs = valueSelect(c.issue, c.value, name + '-value');
    vs.addEventListener('change', () => { c.value = JSON.parse(vs.value); onChange(false); });
    parts.push(vs);
    return parts;
  }
  const redLinesBox = el('div', {class: 'pf-red-lines'});
  const asWritten = new WeakSet(); // red lines the party chose to see as written
  function renderRedLines() {
    const lines = doc.red_lines || [];
    redLinesBox.replaceChildren(...lines.map((line, k) => {
      const form = asWritten.has(line) ? {kind: 'expression'} : parseRule(line.rule);
      const name = `red-line-${k}`;
      const kinds = [['never', 'never'], ['must', 'must be'], ['at_least', 'at least'], ['at_most', 'at most'], ['if', 'if … then …'], ['expression', 'a rule as written']]
        .filter(([x]) => (x !== 'at_least' && x !== 'at_most') || numeric.length);
      const kind = el('select', {id: id(name + '-kind'), 'data-write': ''},
        ...kinds.map(([x, label]) => { const o = el('option', {value: x}, label); if (x === form.kind) o.selected = true; return o; }));
      // Rewrites the rule from the form; the name follows it while it is the one the form made.
      const auto = !line.name || (form.kind !== 'expression' && line.name === uniqueName(autoName(form), k));
      const update = (rerender) => {
        line.rule = ruleOf(form);
        if (auto) line.name = uniqueName(autoName(form), k);
        if (rerender) renderRedLines(); else { ruleBox.textContent = line.rule; nameBox.textContent = line.name; }
        changed();
      };
      kind.addEventListener('change', () => {
        if (kind.value === 'expression') asWritten.add(line); // the rule stays as it is, shown as written
        else {
          asWritten.delete(line);
          const named = form.kind === 'expression' || auto;
          Object.assign(form, defaultForm(kind.value));
          line.rule = ruleOf(form);
          if (named) line.name = uniqueName(autoName(form), k);
        }
        renderRedLines();
        changed();
      });
      const ruleBox = el('code', {class: 'pf-rule', id: id(name + '-rule')}, line.rule);
      const nameBox = el('b', {id: id(name + '-name')}, line.name);
      let body;
      if (form.kind === 'expression') {
        const input = el('input', {id: id(name + '-expression'), class: 'pf-expression', value: line.rule, 'data-write': ''});
        input.addEventListener('input', () => { line.rule = input.value; ruleBox.textContent = line.rule; changed(); });
        body = [input];
      } else if (form.kind === 'if') {
        body = ['if ', ...conditionEditor(form.a, name + '-if', true, update), ' then ', ...conditionEditor(form.b, name + '-then', true, update)];
      } else body = conditionEditor(form.a, name + '-a', false, update);
      return el('div', {class: 'pf-red-line', 'data-red-line': k}, nameBox, ': ', kind, ' ', ...body, ' ',
        el('button', {class: 'inline secondary', id: id(name + '-remove'), 'data-write': '', onclick: () => {
          lines.splice(k, 1);
          if (!lines.length) delete doc.red_lines;
          renderRedLines();
          changed();
        }}, 'remove'), el('div', {class: 'small'}, 'rule: ', ruleBox, line.why ? ` — ${line.why}` : ''));
    }), el('button', {id: id('add-red-line'), class: 'inline', 'data-write': '', onclick: () => {
      const form = defaultForm('never');
      doc.red_lines = doc.red_lines || [];
      doc.red_lines.push({name: uniqueName(autoName(form), -1), rule: ruleOf(form)});
      renderRedLines();
      changed();
    }}, 'add a red line'));
    lock();
  }

  // ---- the preview ----
  const preview = el('div', {id: id('preview'), class: 'pf-preview'});
  const outcomeLine = (o) => Object.entries(o).map(([k, v]) => `${k}=${shown(v)}`).join(', ');
  function previewRow(key, title, outcome, value, verdict) {
    return el('tr', {id: id('preview-' + key), 'data-outcome': JSON.stringify(outcome)},
      el('th', {}, title), el('td', {}, outcomeLine(outcome)), el('td', {}, el('b', {id: id('u-' + key), class: 'pf-u'}, num(value))),
      el('td', {}, verdict, ...(key === 'text' ? [] : (options.actions || []).map((a) =>
        el('button', {class: 'inline secondary', 'data-write': '', 'data-before-agreement': '', 'data-action': a.name,
          onclick: () => a.run(outcome)}, a.label)))));
  }
  let previewTimer = null;
  const schedulePreview = () => { clearTimeout(previewTimer); previewTimer = setTimeout(renderPreview, 60); };
  function renderPreview() {
    let m;
    try { m = V.model(scenario, doc); } catch (e) {
      preview.replaceChildren(el('p', {id: id('preview-error'), class: 'check-bad'}, 'No preview: ' + e.message));
      return;
    }
    const rows = [];
    if (text) {
      const v = V.valueOf(m, text.outcome);
      rows.push(previewRow('text', text.label, text.outcome, v.utility, el('span', {class: v.acceptable ? 'check-ok' : 'check-bad'},
        v.acceptable ? 'acceptable' : !v.feasible ? 'breaks a global constraint' :
        v.breaks.length ? 'breaks ' + v.breaks.map((b) => b.name).join(', ') : 'below your reservation')));
    }
    const x = V.extremes(m);
    if (x.best) rows.push(previewRow('best', 'Your best package', x.best.outcome, x.best.utility, ''));
    if (x.worst) rows.push(previewRow('worst', 'Your worst acceptable package', x.worst.outcome, x.worst.utility, ''));
    preview.replaceChildren(el('table', {class: 'pf-preview-table'}, ...rows),
      x.tooLarge ? el('p', {class: 'small'}, `${x.size} packages: too many to search here for your best and worst acceptable ones.`) :
      !x.worst ? el('p', {id: id('preview-none'), class: 'check-bad'}, 'No package is acceptable to you under these preferences.') : '',
      el('p', {class: 'small'}, `Your reservation: ${num(m.reservation)}.`));
    lock();
  }

  // The page's read-only state over the controls just drawn (options.lock: the page's own rule, e.g. no amendment
  // after an agreement).
  function lock() { if (options.lock) options.lock(); else parley.readOnly(); }
  function changed() {
    renderSum();
    schedulePreview();
    if (options.onChange) options.onChange(get());
  }
  function get() {
    const out = JSON.parse(JSON.stringify(doc));
    return out;
  }
  // Fills the form with a profile document (kept as it is, but for what the form changes later).
  function set(profile) {
    doc = JSON.parse(JSON.stringify(profile && typeof profile === 'object' ? profile : {}));
    if (!doc.preferences || typeof doc.preferences !== 'object') doc.preferences = {};
    spare = {};
    issues.forEach((issue, i) => { if (!doc.preferences[issue.name]) spare[issue.name] = defaultSpec(issue, i); });
    try {
      renderIssues();
      renderReservation();
      renderTrust();
      renderRedLines();
      renderSum();
    } catch (e) { // a document the form has no controls for (a mistake the server will name at save)
      issuesBox.replaceChildren(el('p', {id: id('cannot-show'), class: 'check-bad'}, 'The form cannot show this profile: ' + e.message));
    }
    renderPreview();
  }
  // Equal weights, every value rated 0.5 (a numeric issue: a line from 0 to 1): a start for a party with no profile.
  function blank() {
    const prefs = {};
    issues.forEach((issue, i) => { prefs[issue.name] = Object.assign(defaultSpec(issue, i), {weight: +(1 / issues.length).toFixed(6)}); });
    return {preferences: prefs, reservation: 0};
  }
  function setText(outcome, label) {
    text = outcome ? {outcome, label: label || 'The current text'} : null;
    renderPreview();
  }
  // A profile from a file: a native one (JSON with "preferences") as it is; GENIUS XML or GeniusWeb JSON converted
  // by the server (nothing stored).  Returns the message to show.
  async function loadFile(file) {
    const content = await file.text();
    let parsed = null;
    try { parsed = JSON.parse(content); } catch (e) { parsed = null; }
    if (parsed && typeof parsed === 'object' && parsed.preferences) {
      set(parsed);
      changed();
      return `${file.name} loaded: check it, then save.`;
    }
    if (!parsed && !/^\s*</.test(content)) throw new Error(`${file.name} is neither JSON nor XML`);
    const r = await api('POST', neg('profile/convert'), {document: {name: file.name, content}});
    set(r.profile);
    changed();
    return `${file.name} loaded (${parsed ? 'GeniusWeb' : 'GENIUS'} profile, converted): check it, then save.`;
  }

  box.replaceChildren(
    el('div', {class: 'pf-inputs'},
      el('h3', {}, 'What each issue is worth to you'),
      el('p', {class: 'small'}, 'Weight: how much the issue matters. Each value is rated from 0 (worst) to 1 (best).'),
      issuesBox, sumBox,
      el('h3', {}, 'Reservation'), reservationBox, trustBox,
      el('h3', {}, 'Red lines'), el('p', {class: 'small'}, 'A package that breaks one is unacceptable to you, whatever else it gives.'),
      redLinesBox),
    el('div', {class: 'pf-outputs'}, el('h3', {}, 'What this profile makes of the packages'), preview));
  set(blank());
  return {get, set, blank, setText, loadFile, element: box};
}
