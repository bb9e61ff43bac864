#!/bin/bash
# genius_nonlinear.sh: the nonlinear ANAC 2014 domains (10^10 to 10^50 outcomes) are read and analysed
# approximately ("exact": false, a method), every reported outcome's utilities are recomputed independently from
# the hyperrectangles, and the found frontier reaches the pareto.xml shipped beside each domain
# (tests/cli/genius_pareto_check.py).  Also: --approximate on an enumerable domain finds only outcomes the exact
# frontier weakly dominates, and reaches most of it.
set -euo pipefail
PARLEY=$1
SOURCE=$2
GENIUS="$SOURCE/../shared/genius"
DATA="$SOURCE/tests/data/genius"
# the small hand-made nonlinear domain (64 outcomes) is enumerated exactly; forced search finds the same frontier
"$PARLEY" analyze --json --frontier "$DATA/nonlinear-domain.xml" "$DATA/nonlinear-1.xml" "$DATA/nonlinear-2.xml" > /tmp/parley-nl-exact.$$
"$PARLEY" analyze --json --frontier --approximate --evaluations 20000 "$DATA/nonlinear-domain.xml" "$DATA/nonlinear-1.xml" "$DATA/nonlinear-2.xml" > /tmp/parley-nl-approx.$$
python3 - /tmp/parley-nl-exact.$$ /tmp/parley-nl-approx.$$ <<'PY'
import json, sys
e, a = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert a['exact'] is False and a['method'], a
names = [p['name'] for p in e['parties']]
ev = sorted(set(tuple(x['utilities'][n] for n in names) for x in e['pareto']['outcomes']))
av = sorted(set(tuple(x['utilities'][n] for n in names) for x in a['pareto']['outcomes']))
assert ev == av, (ev, av)
print('ok small nonlinear domain: search finds the exact frontier', av)
PY
rm -f /tmp/parley-nl-exact.$$ /tmp/parley-nl-approx.$$
[ -d "$GENIUS/anac2014" ] || { echo "FAIL: no $GENIUS/anac2014 (the nonlinear ANAC domains this test checks)"; exit 1; }
python3 "$SOURCE/tests/cli/genius_pareto_check.py" "$PARLEY" "$GENIUS/anac2014" --min-coverage 0.9 --evaluations 400000
# the human report says it is approximate
"$PARLEY" analyze "$GENIUS/anac2014/10issues/10issues-domain.xml" "$GENIUS/anac2014/10issues/profile-1.xml" \
  "$GENIUS/anac2014/10issues/profile-2.xml" --evaluations 100000 | grep -q "APPROXIMATE" || { echo "FAIL no APPROXIMATE"; exit 1; }
# search on an additive domain that can be enumerated: compare with the exact frontier
E="$GENIUS/anac2012/Energy/Energy-A"
"$PARLEY" analyze --json --frontier "$E-domain.xml" "$E-prof1.xml" "$E-prof2.xml" > /tmp/parley-en-exact.$$
"$PARLEY" analyze --json --frontier --approximate --evaluations 400000 "$E-domain.xml" "$E-prof1.xml" "$E-prof2.xml" > /tmp/parley-en-approx.$$
python3 - /tmp/parley-en-exact.$$ /tmp/parley-en-approx.$$ <<'PY'
import json, sys
e, a = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
names = [p['name'] for p in e['parties']]
ev = set(tuple(x['utilities'][n] for n in names) for x in e['pareto']['outcomes'])
av = set(tuple(x['utilities'][n] for n in names) for x in a['pareto']['outcomes'])
for p in av:  # nothing found beyond the exact frontier
    assert any(q[0] >= p[0] - 1e-9 and q[1] >= p[1] - 1e-9 for q in ev), p
share = len(av & ev) / len(ev)
print('ok Energy-A: search found %d of the %d exact frontier points (%.0f%%)' % (len(av & ev), len(ev), 100 * share))
assert share >= 0.8, share
PY
rm -f /tmp/parley-en-exact.$$ /tmp/parley-en-approx.$$
# a tournament on a nonlinear domain of 10^10 outcomes scores its runs against the search's frontier (it enumerated
# the space until the fourteenth session): each run's distances (its CSV row) are recomputed here from analyze's
# frontier and Nash point (the same default search), and the table says the frontier was searched; the JSON's
# scenario entry too (normal tree only: each search costs the sanitizer tree some 15 CPU-s)
D="$GENIUS/anac2014/10issues"
TOUR=("$PARLEY" tournament "$D/10issues-domain.xml" "$D/profile-1.xml" "$D/profile-2.xml" --agents conceder,boulware --rounds 50 --quiet)
timeout 600 "${TOUR[@]}" --csv /tmp/parley-nl-tour.$$ > /tmp/parley-nl-table.$$
grep -q "^10issues-domain: too many outcomes to enumerate; its distances are to the best outcomes a search found" \
  /tmp/parley-nl-table.$$ || { echo "FAIL: the tournament's table does not say its frontier was searched"; exit 1; }
"$PARLEY" analyze --json --frontier "$D/10issues-domain.xml" "$D/profile-1.xml" "$D/profile-2.xml" --threads 1 > /tmp/parley-nl-an.$$
python3 - /tmp/parley-nl-tour.$$ /tmp/parley-nl-an.$$ <<'PY'
import csv, json, math, sys
runs, a = list(csv.DictReader(open(sys.argv[1]))), json.load(open(sys.argv[2]))
names = [p['name'] for p in a['parties']]
front = [[x['utilities'][n] for n in names] for x in a['pareto']['outcomes']]
nash = [a['solutions']['nash']['utilities'][n] for n in names]
assert len(runs) == 2 and front
for r in runs:
    u = [float(r['utility1']), float(r['utility2'])]
    want = min(math.dist(u, f) for f in front)
    assert abs(float(r['pareto_distance']) - want) < 1e-8, (r['pareto_distance'], want)
    assert abs(float(r['nash_distance']) - math.dist(u, nash)) < 1e-8, (r['nash_distance'], math.dist(u, nash))
print('ok tournament on 10^10 outcomes: distances to the searched frontier and Nash point', [r['pareto_distance'] for r in runs])
PY
. "$SOURCE/tests/cli/lib/sanitized.sh"
if ! is_sanitized "$PARLEY"; then
  "${TOUR[@]}" --json | python3 -c "import json, sys; f = [s['frontier'] for s in json.load(sys.stdin)['scenarios']]; assert f == ['searched'], f"
fi
rm -f /tmp/parley-nl-tour.$$ /tmp/parley-nl-an.$$ /tmp/parley-nl-table.$$
