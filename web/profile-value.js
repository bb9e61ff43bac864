// profile-value.js: what a profile makes of packages, computed in the browser exactly as the server's analysis
// computes it (docs/scenario-format.md): the rule language of red lines and global constraints (same grammar,
// precedence and 1e-9 tolerance as src/core/expr.c), each issue's value table (value tables, linear, piecewise
// and step functions), weights divided by their sum, the expected utility under the party's trust in later
// phases (fallback values), the cap at 1 and the 2^-32 grid utilities are compared on.  No DOM: the preferences
// form (profile-form.js) uses it, and so can Node (tests/e2e/profile_value.mjs checks it against the CLI).
'use strict';
(function (root) {
  // ---- issues: the values each issue takes (labels, or numbers on its grid) ----
  function issueGrid(issue) {
    if (issue.type === 'categorical') return issue.values.slice();
    const step = issue.type === 'integer' ? (issue.step || 1) : issue.step;
    const n = Math.round((issue.max - issue.min) / step);
    const out = [];
    for (let k = 0; k <= n; k++) out.push(issue.min + k * step); // as the server: min + k * step
    return out;
  }
  // The index of a value written in a profile, a rule or a text ("30", 30 or "red"); -1 when it is not one.
  function findValue(issue, grid, v) {
    if (issue.type === 'categorical') return grid.indexOf(String(v));
    const x = typeof v === 'number' ? v : (/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v) ? parseFloat(v) : NaN);
    if (!isFinite(x)) return -1;
    const step = issue.type === 'integer' ? (issue.step || 1) : issue.step;
    const k = Math.round((x - issue.min) / step);
    return k >= 0 && k < grid.length && Math.abs(grid[k] - x) <= 1e-9 * Math.max(1, Math.abs(x)) ? k : -1;
  }

  // ---- the rule language ----
  // Compiles a rule into a function of the value indices of an outcome (true when it holds); throws an Error
  // saying what is wrong (the server's check, at save, has the full messages).
  function compileRule(issues, grids, text) {
    let p = 0;
    const fail = (what) => { throw new Error(`${what} (at column ${p + 1} of "${text}")`); };
    const space = () => { while (p < text.length && /\s/.test(text[p])) p++; };
    const accept = (word) => {
      space();
      if (!text.startsWith(word, p)) return false;
      if (/[a-z]/i.test(word[0]) && /[A-Za-z0-9_]/.test(text[p + word.length] || '')) return false;
      p += word.length;
      return true;
    };
    // A node: {t: 'num' | 'bool' | 'cat' | 'label', f: values => number, issue?, label?, isIssue?, literal?}
    const num = (f) => ({t: 'num', f}), bool = (f) => ({t: 'bool', f});
    const need = (node, t, what) => { if (node.t !== t) fail(`${what} needs ${t === 'num' ? 'a number' : 'a condition'}`); return node.f; };
    function primary() {
      space();
      const c = text[p];
      if (c === '(') {
        p++;
        const n = expr();
        if (!accept(')')) fail("expected ')'");
        return n;
      }
      if (c === '"' || c === "'") {
        const end = text.indexOf(c, p + 1);
        if (end < 0) fail('unterminated string');
        const label = text.slice(p + 1, end);
        p = end + 1;
        return {t: 'label', label, f: () => NaN};
      }
      const m = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(p));
      if (m) {
        p += m[0].length;
        const x = parseFloat(m[0]);
        return Object.assign(num(() => x), {literal: x});
      }
      if (accept('true')) return bool(() => 1);
      if (accept('false')) return bool(() => 0);
      if (accept('if')) {
        const a = need(expr(), 'bool', "'if'");
        if (!accept('then')) fail("expected 'then'");
        const b = need(expr(), 'bool', "'then'");
        return bool((v) => (!a(v) || b(v)) ? 1 : 0);
      }
      const w = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(p));
      if (w) {
        p += w[0].length;
        const i = issues.findIndex((is) => is.name === w[0]);
        if (i < 0) fail(`unknown issue '${w[0]}'`);
        if (issues[i].type === 'categorical') return {t: 'cat', issue: i, f: () => NaN};
        const g = grids[i];
        return Object.assign(num((v) => g[v[i]]), {issue: i, isIssue: true});
      }
      fail(p >= text.length ? 'unexpected end of the rule' : `unexpected '${c}'`);
    }
    function unary() {
      space();
      if (text[p] === '-' && text[p + 1] !== '>') {
        p++;
        const a = unary();
        const f = need(a, 'num', "'-'");
        return Object.assign(num((v) => -f(v)), a.literal !== undefined ? {literal: -a.literal} : {});
      }
      return primary();
    }
    function chain(next, ops) {
      let left = next();
      for (;;) {
        space();
        const op = ops.find((o) => text.startsWith(o, p) && !(o === '-' && text[p + 1] === '>'));
        if (!op) return left;
        p += op.length;
        const a = need(left, 'num', `'${op}'`), b = need(next(), 'num', `'${op}'`);
        left = num(op === '*' ? (v) => a(v) * b(v) : op === '/' ? (v) => { const d = b(v); return d === 0 ? NaN : a(v) / d; }
          : op === '+' ? (v) => a(v) + b(v) : (v) => a(v) - b(v));
      }
    }
    const product = () => chain(unary, ['*', '/']);
    const sum = () => chain(product, ['+', '-']);
    function list(left, negate) {
      if (left.t !== 'cat' && !left.isIssue) fail("'in' needs an issue name on its left");
      if (!accept('[')) fail("expected '[' after 'in'");
      const member = new Set(), i = left.issue;
      let first = true;
      while (!accept(']')) {
        if (!first && !accept(',')) fail("expected ',' or ']' in the list");
        first = false;
        const item = unary();
        if (left.t === 'cat' && item.t === 'label') {
          const k = grids[i].indexOf(item.label);
          if (k < 0) fail(`'${item.label}' is not a value of issue '${issues[i].name}'`);
          member.add(k);
        } else if (left.t !== 'cat' && item.literal !== undefined) {
          const k = findValue(issues[i], grids[i], item.literal);
          if (k >= 0) member.add(k); // a number off the grid matches nothing
        } else fail(`list items for issue '${issues[i].name}' must be ${left.t === 'cat' ? 'quoted values' : 'numbers'}`);
      }
      return bool((v) => (member.has(v[i]) !== negate) ? 1 : 0);
    }
    const compare = {
      '==': (a, b) => Math.abs(a - b) <= 1e-9, '=': (a, b) => Math.abs(a - b) <= 1e-9,
      '!=': (a, b) => !(Math.abs(a - b) <= 1e-9), '<=': (a, b) => a <= b + 1e-9, '>=': (a, b) => a >= b - 1e-9,
      '<': (a, b) => a < b - 1e-9, '>': (a, b) => a > b + 1e-9,
    };
    function comparison() {
      const left = sum(), at = p;
      if (accept('in')) return list(left, false);
      if (accept('not')) { if (accept('in')) return list(left, true); p = at; }
      space();
      const op = ['==', '!=', '<=', '>=', '<', '>', '='].find((o) => text.startsWith(o, p));
      if (!op) return left;
      p += op.length;
      const right = sum(), cmp = compare[op];
      if ((left.t === 'cat' && right.t === 'label') || (left.t === 'label' && right.t === 'cat')) {
        const is = left.t === 'cat' ? left : right, label = left.t === 'cat' ? right : left;
        if (op !== '==' && op !== '=' && op !== '!=') fail(`categorical issue '${issues[is.issue].name}' can only be compared with == or !=`);
        const k = grids[is.issue].indexOf(label.label), i = is.issue, negate = op === '!=';
        if (k < 0) fail(`'${label.label}' is not a value of issue '${issues[i].name}'`);
        return bool((v) => ((v[i] === k) !== negate) ? 1 : 0);
      }
      if (left.t === 'cat' || right.t === 'cat') fail('a categorical issue can only be compared with one of its quoted values');
      if (left.t === 'bool' && right.t === 'bool' && (op === '==' || op === '=' || op === '!='))
        return bool((v) => cmp(left.f(v), right.f(v)) ? 1 : 0);
      const a = need(left, 'num', 'a comparison'), b = need(right, 'num', 'a comparison');
      return bool((v) => cmp(a(v), b(v)) ? 1 : 0);
    }
    function not() {
      space();
      if (accept('not') || (text[p] === '!' && text[p + 1] !== '=' && accept('!'))) {
        const a = need(not(), 'bool', "'not'");
        return bool((v) => a(v) ? 0 : 1);
      }
      return comparison();
    }
    function logic(level) {
      let left = level === 2 ? not() : logic(level + 1);
      for (;;) {
        space();
        let op = null;
        if (level === 2 && (accept('and') || accept('&&'))) op = 'and';
        else if (level === 1 && (accept('or') || accept('||'))) op = 'or';
        else if (level === 0 && (accept('->') || accept('implies'))) op = '->';
        if (!op) return left;
        const right = level === 0 ? logic(0) : level === 2 ? not() : logic(2);
        const a = need(left, 'bool', `'${op}'`), b = need(right, 'bool', `'${op}'`);
        left = bool(op === 'and' ? (v) => (a(v) && b(v)) ? 1 : 0 : op === 'or' ? (v) => (a(v) || b(v)) ? 1 : 0
          : (v) => (!a(v) || b(v)) ? 1 : 0);
        if (op === '->') return left;
      }
    }
    const expr = () => logic(0);
    const rootNode = expr();
    space();
    if (p < text.length) fail(`unexpected '${text.slice(p, p + 20)}' after the end of the rule`);
    if (rootNode.t !== 'bool') fail('a rule must be a condition (true or false)');
    return (v) => rootNode.f(v) !== 0;
  }

  // ---- utilities ----
  const SHIFT = 1.5 * 2 ** 20;
  // Caps at 1 and rounds to a multiple of 2^-32, as src/core/quantize.h does.
  const quantize = (u) => { u = u > 1 ? 1 : u; return (u + SHIFT) - SHIFT; };

  // One issue's value utilities from its entry in "preferences" (throws on what the server would refuse).
  function valueTable(issue, grid, spec) {
    const out = new Array(grid.length).fill(0);
    if (spec.values) {
      const seen = new Set();
      for (const [key, u] of Object.entries(spec.values)) {
        const k = findValue(issue, grid, key);
        if (k < 0) throw new Error(`'${key}' is not a value of issue '${issue.name}'`);
        if (!(u >= 0 && u <= 1)) throw new Error(`${issue.name}: the utility of '${key}' must be in [0,1]`);
        out[k] = u;
        seen.add(k);
      }
      if (seen.size !== grid.length) throw new Error(`${issue.name}: every value needs a utility`);
      return out;
    }
    const fn = spec.function || {};
    const lo = issue.min, hi = issue.max;
    if (fn.type === 'linear') {
      const a = fn.at_min, b = fn.at_max;
      return grid.map((x) => hi > lo ? a + (b - a) * (x - lo) / (hi - lo) : b);
    }
    if (fn.type === 'piecewise' || fn.type === 'step') {
      const step = fn.type === 'step', pts = fn[step ? 'steps' : 'points'] || [];
      if (!pts.length) throw new Error(`${issue.name}: a ${fn.type} function needs at least one point`);
      for (let k = 1; k < pts.length; k++)
        if (!(pts[k][0] > pts[k - 1][0])) throw new Error(`${issue.name}: the points' x must increase`);
      return grid.map((x) => {
        let [x0, y0] = pts[0];
        if (x <= x0 + 1e-12) return step && x < x0 - 1e-12 ? 0 : y0;
        let y = y0;
        for (let k = 1; k < pts.length; k++) {
          const [x1, y1] = pts[k];
          if (x < x1 - 1e-12) return step ? y0 : y0 + (y1 - y0) * (x - x0) / (x1 - x0);
          x0 = x1; y0 = y1; y = y1;
        }
        return y;
      });
    }
    throw new Error(`${issue.name}: give a value table or a linear, piecewise or step function`);
  }

  // The reservation value at the start (relative time 0), as the server reports it.
  function reservationOf(profile) {
    const curve = profile.reservation_curve;
    if (Array.isArray(curve) && curve.length) {
      const pts = curve.slice().sort((a, b) => a[0] - b[0]);
      if (0 <= pts[0][0]) return pts[0][1];
      for (let k = 1; k < pts.length; k++)
        if (0 <= pts[k][0]) return pts[k - 1][1] + (pts[k][1] - pts[k - 1][1]) * (0 - pts[k - 1][0]) / (pts[k][0] - pts[k - 1][0]);
      return pts[pts.length - 1][1];
    }
    return typeof profile.reservation === 'number' ? profile.reservation : 0;
  }

  function weightSum(scenario, profile) {
    let total = 0;
    for (const issue of scenario.issues) total += (profile.preferences[issue.name] || {}).weight || 0;
    return total;
  }

  // Everything the valuation needs, built once per profile: the grids, each issue's expected value utilities
  // weighted, the reservation, the compiled global constraints and red lines.  Throws on what cannot be valued.
  function model(scenario, profile) {
    const issues = scenario.issues, grids = issues.map(issueGrid);
    const prefs = profile.preferences || {};
    let total = 0;
    for (const issue of issues) total += (prefs[issue.name] || {}).weight || 0;
    const scale = issues.length && Math.abs(total - 1) > 1e-12 && total > 0 ? total : 1; // divided by their sum
    const phases = scenario.phases || [], trust = profile.trust || {};
    const weights = [], tables = [];
    issues.forEach((issue, i) => {
      const spec = prefs[issue.name];
      weights.push(spec ? spec.weight / scale : 0);
      let table = spec ? valueTable(issue, grids[i], spec) : new Array(grids[i].length).fill(0);
      const ph = phases.findIndex((q) => (q.issues || []).includes(issue.name));
      if (ph > 0) { // a later phase: its value counts with the probability that the phase is carried out
        let carried = 1;
        for (let q = 1; q <= ph; q++) carried *= typeof trust[phases[q].name] === 'number' ? trust[phases[q].name] : 1;
        const fb = phases[ph].fallback && phases[ph].fallback[issue.name] !== undefined
          ? findValue(issue, grids[i], phases[ph].fallback[issue.name]) : 0;
        const fallback = table[fb < 0 ? 0 : fb];
        table = table.map((u) => carried * u + (1 - carried) * fallback);
      }
      tables.push(table);
    });
    const compile = (c) => ({name: c.name, rule: c.rule, holds: compileRule(issues, grids, c.rule)});
    const globals = [...(scenario.constraints || []), ...phases.flatMap((q) => q.conditions || [])].map(compile);
    const redLines = (profile.red_lines || []).map(compile);
    return {issues, grids, weights, tables, reservation: reservationOf(profile), globals, redLines, weightSum: total};
  }

  // The utility of the outcome whose value indices are `v`, as the server values it.
  function utilityAt(m, v) {
    let sum = 0;
    for (let i = 0; i < m.issues.length; i++) sum += m.weights[i] * m.tables[i][v[i]];
    return quantize(sum > 1 ? 1 : sum);
  }
  function indicesOf(m, outcome) {
    return m.issues.map((issue, i) => {
      const k = findValue(issue, m.grids[i], outcome[issue.name]);
      if (k < 0) throw new Error(`${JSON.stringify(outcome[issue.name])} is not a value of issue '${issue.name}'`);
      return k;
    });
  }
  const outcomeOf = (m, v) => Object.fromEntries(m.issues.map((issue, i) => [issue.name, m.grids[i][v[i]]]));

  // What a package is worth: its utility, the red lines it breaks, whether it is feasible and acceptable.
  function valueOf(m, outcome) {
    const v = indicesOf(m, outcome), utility = utilityAt(m, v);
    const breaks = m.redLines.filter((r) => !r.holds(v)).map((r) => ({name: r.name, rule: r.rule}));
    const feasible = m.globals.every((g) => g.holds(v));
    return {utility, breaks, feasible, acceptable: feasible && !breaks.length && utility >= quantize(m.reservation)};
  }

  // The best package (the highest utility among the feasible packages that break none of the party's red lines)
  // and the worst acceptable one (the lowest utility among those at or above the reservation); ties go to the
  // lowest-numbered package (the first issue is the most significant digit), as in the analysis.  Null when
  // there is none; `tooLarge` when the space has more than `limit` packages.
  function extremes(m, limit) {
    const counts = m.grids.map((g) => g.length);
    const size = counts.reduce((a, b) => a * b, 1);
    if (size > (limit || 2e6)) return {size, tooLarge: true, best: null, worst: null};
    const n = counts.length, v = new Array(n).fill(0), reservation = quantize(m.reservation);
    const ok = (x) => m.globals.every((g) => g.holds(x)) && m.redLines.every((r) => r.holds(x));
    let best = null, worst = null;
    for (let k = 0; k < size; k++) {
      const u = utilityAt(m, v);
      if ((!best || u > best.utility) && ok(v)) best = {utility: u, v: v.slice()};
      if (u >= reservation && (!worst || u < worst.utility) && ok(v)) worst = {utility: u, v: v.slice()};
      for (let i = n - 1; i >= 0; i--) { if (++v[i] < counts[i]) break; v[i] = 0; }
    }
    const out = (x) => x && {outcome: outcomeOf(m, x.v), utility: x.utility};
    return {size, tooLarge: false, best: out(best), worst: out(worst)};
  }

  const api = {issueGrid, findValue, compileRule, quantize, valueTable, reservationOf, weightSum, model, valueOf, extremes};
  root.parleyValue = api;
  if (typeof module !== 'undefined') module.exports = api;
})(typeof window !== 'undefined' ? window : globalThis);
