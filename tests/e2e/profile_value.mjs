// profile_value.mjs: the browser's valuation of a profile (web/profile-value.js, what the preferences form's live
// preview shows) against parley's own analysis (`parley analyze --json --frontier`), on every example scenario:
// the feasible packages (global constraints and phase conditions, in the rule language), the packages each party
// accepts (its red lines and reservation), and each party's utility of every Pareto-optimal package and of the
// solutions (expected utilities under its trust in later phases).  Then that a rule of each form the form writes
// reads back as the server reads it.  Any difference fails.
// usage: node profile_value.mjs PARLEY EXAMPLES_DIR
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const V = require(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'profile-value.js'));
const [parley, examples] = process.argv.slice(2);
let checked = 0;
for (const file of readdirSync(examples).filter((f) => f.endsWith('.json')).sort()) {
  const scenario = JSON.parse(readFileSync(join(examples, file), 'utf8'));
  if (!Array.isArray(scenario.issues)) continue; // a conflict (docs/conflict-format.md), not a scenario
  const report = JSON.parse(execFileSync(parley, ['analyze', '--json', '--frontier', '--quiet', join(examples, file)], { encoding: 'utf8' }));
  const parties = scenario.parties.filter((p) => (p.role || 'party') === 'party');
  const models = parties.map((p) => V.model(scenario, p));
  const m0 = models[0], counts = m0.grids.map((g) => g.length), n = counts.length, v = new Array(n).fill(0);
  let feasible = 0;
  const accepts = parties.map(() => 0);
  for (let k = 0; k < report.outcomes; k++) {
    const outcome = Object.fromEntries(m0.issues.map((is, i) => [is.name, m0.grids[i][v[i]]]));
    const values = models.map((m) => V.valueOf(m, outcome));
    if (values[0].feasible) feasible++;
    values.forEach((x, j) => { if (x.acceptable) accepts[j]++; });
    for (let i = n - 1; i >= 0; i--) { if (++v[i] < counts[i]) break; v[i] = 0; }
  }
  assert.equal(feasible, report.feasible, `${file}: feasible packages`);
  report.parties.forEach((p, j) => {
    assert.equal(p.name, parties[j].name);
    assert.equal(accepts[j], p.accepts, `${file}: packages ${p.name} accepts`);
    assert.equal(V.reservationOf(parties[j]), p.reservation, `${file}: ${p.name}'s reservation`);
  });
  const points = [...(report.pareto.outcomes || []), ...Object.values(report.solutions || {}).filter((s) => s && s.outcome)];
  for (const point of points) {
    parties.forEach((p, j) => {
      const mine = +V.valueOf(models[j], point.outcome).utility.toFixed(9);
      const theirs = Array.isArray(point.utilities) ? point.utilities[j] : point.utilities[p.name];
      assert.equal(mine, theirs, `${file}: ${p.name}'s utility of ${JSON.stringify(point.outcome)}`);
    });
    checked++;
  }
  console.log(`profile_value: ${file}: ${report.outcomes} packages, ${feasible} feasible, accepts ${accepts.join('/')}, ${points.length} utilities checked`);
}
assert.ok(checked > 20, `only ${checked} packages checked`);

// The weights are divided by their sum, as the server divides sums within 0.001 of 1.
const two = { issues: [{ name: 'x', type: 'integer', min: 0, max: 2 }, { name: 'c', type: 'categorical', values: ['a', 'b'] }] };
const m = V.model(two, { preferences: { x: { weight: 0.6004, function: { type: 'linear', at_min: 0, at_max: 1 } },
  c: { weight: 0.4, values: { a: 1, b: 0 } } } });
assert.equal(+V.valueOf(m, { x: 1, c: 'a' }).utility.toFixed(9), +((0.6004 * 0.5 + 0.4) / 1.0004).toFixed(9));
// Step and piecewise functions, by hand: a step at 1 worth 0.5 and at 2 worth 1; a line through (0,0.2) and (2,1).
const fn = (f) => V.valueTable(two.issues[0], [0, 1, 2], { weight: 1, function: f });
assert.deepEqual(fn({ type: 'step', steps: [[1, 0.5], [2, 1]] }), [0, 0.5, 1]);
assert.deepEqual(fn({ type: 'piecewise', points: [[0, 0.2], [2, 1]] }).map((u) => +u.toFixed(12)), [0.2, 0.6, 1]);
// The rule forms the form writes: never, at least, at most, if-then; and precedence (-> loosest, then or, and).
const rule = (text, outcome) => V.compileRule(two.issues, two.issues.map(V.issueGrid), text)(
  two.issues.map((is) => V.findValue(is, V.issueGrid(is), outcome[is.name])));
assert.equal(rule('c != "a"', { x: 0, c: 'a' }), false);
assert.equal(rule('x >= 1', { x: 1, c: 'a' }), true);
assert.equal(rule('x <= 1', { x: 2, c: 'a' }), false);
assert.equal(rule('if c == "b" then x >= 2', { x: 1, c: 'b' }), false);
assert.equal(rule('if c == "b" then x >= 2', { x: 0, c: 'a' }), true);
assert.equal(rule('c == "a" or x == 2 and x == 0', { x: 2, c: 'b' }), false);
assert.equal(rule('x not in [0, 2] -> c == "a"', { x: 1, c: 'b' }), false);
assert.equal(rule('-x < -1.5 && !(c = "b")', { x: 2, c: 'a' }), true);
assert.throws(() => rule('c >= "a"', { x: 0, c: 'a' }), /can only be compared/);
console.log(`profile_value: the browser's valuation equals parley analyze on ${checked} packages`);
