#!/bin/bash
# analyze_exact.sh: `parley analyze` on additive spaces too large to enumerate quickly takes the exact path
# without enumeration and says so ("exact": true, its "method"); every Pareto outcome and solution it reports is
# checked in Python against utilities recomputed from the scenario file: acceptable to both, no reported outcome
# dominating another, and the solutions' objectives recomputed.  A 10^30 space (more than 2^64 outcomes) gets an
# exact frontier with the zone estimated.  A nonlinear scenario says why it was not taken.
parley=$1
source "$(dirname "$0")/lib/check.sh"

gen() { # issues seed file
python3 - "$1" "$2" "$3" <<'PY'
import json, random, sys
n, seed, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)
issues = [{"name": "i%d" % i, "type": "integer", "min": 0, "max": 9} for i in range(n)]
def prefs():
    w = [rng.random() + 0.1 for _ in range(n)]
    t = sum(w)
    return {"i%d" % i: {"weight": w[i] / t, "function": {"type": "piecewise",
            "points": [[v, round(rng.random(), 6)] for v in range(10)]}} for i in range(n)}
json.dump({"title": "exact", "issues": issues,
           "parties": [{"name": "A", "preferences": prefs(), "reservation": 0.5},
                       {"name": "B", "preferences": prefs(), "reservation": 0.5}]}, open(path, "w"))
PY
}

check() { # scenario json
python3 - "$1" "$2" <<'PY' || fail "$2: reported outcomes do not check out"
import json, sys
sc, out = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
def util(p, o):
    total = 0.0
    for name, pref in p["preferences"].items():
        pts = dict((x, u) for x, u in pref["function"]["points"])
        total += pref["weight"] * pts[o[name]]
    return total
parties = sc["parties"]
front = out["pareto"]["outcomes"]
assert front, "empty frontier"
us = []
for f in front:
    u = [util(p, f["outcome"]) for p in parties]
    for p, x in zip(parties, u):
        assert x >= p["reservation"] - 1e-9, ("not acceptable", f)
        assert abs(x - f["utilities"][p["name"]]) < 1e-9, ("utility", f, x)
    us.append(u)
for i, a in enumerate(us):
    for b in us:
        assert not (all(y >= x for x, y in zip(a, b)) and any(y > x + 1e-9 for x, y in zip(a, b))), "dominated"
nash = max(us, key=lambda u: (u[0] - 0.5) * (u[1] - 0.5))
assert abs(out["solutions"]["nash"]["value"] - (nash[0] - 0.5) * (nash[1] - 0.5)) < 1e-9, "nash"
welfare = max(sum(u) for u in us)
assert abs(out["solutions"]["welfare"]["value"] - welfare) < 1e-9, "welfare"
PY
}

gen 10 1 "$TMP/e10.json"
expect_exit 0 "10^10 outcomes" "$parley" analyze --json --frontier "$TMP/e10.json"
cp "$TMP/out" "$TMP/e10.out"
expect_in "$TMP/e10.out" '"exact": true' "10^10: exact"
expect_in "$TMP/e10.out" 'without enumeration' "10^10: method"
grep -q '"acceptable": [0-9]' "$TMP/e10.out" || fail "10^10: acceptable count missing"
check "$TMP/e10.json" "$TMP/e10.out"

gen 30 2 "$TMP/e30.json"
expect_exit 0 "10^30 outcomes" "$parley" analyze --json --frontier "$TMP/e30.json"
cp "$TMP/out" "$TMP/e30.out"
expect_in "$TMP/e30.out" 'exact frontier without enumeration' "10^30: method"
expect_in "$TMP/e30.out" '"acceptable": null' "10^30: zone estimated"
check "$TMP/e30.json" "$TMP/e30.out"

# a small space is enumerated, and says so
gen 3 3 "$TMP/e3.json"
expect_exit 0 "10^3 outcomes" "$parley" analyze --json "$TMP/e3.json"
expect_in "$TMP/out" '"method": "enumeration of every outcome"' "10^3: enumerated"
# 10^7 outcomes: the exact path by default; --stream enumerates, and every figure is the same
gen 7 4 "$TMP/e7.json"
expect_exit 0 "10^7 outcomes" "$parley" analyze --json --frontier "$TMP/e7.json"
cp "$TMP/out" "$TMP/e7.auto"
expect_in "$TMP/e7.auto" 'without enumeration' "10^7: the exact path by default"
expect_exit 0 "10^7 outcomes, --stream" "$parley" analyze --json --frontier --stream --quiet "$TMP/e7.json"
expect_in "$TMP/out" '"method": "enumeration of every outcome"' "10^7 --stream: enumerated"
python3 - "$TMP/e7.auto" "$TMP/out" <<'PY' || fail "10^7: --stream and the exact path differ"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    for k in ("seconds", "threads", "method", "method_note"):
        d.pop(k, None)
assert a == b
PY
if [ "$fails" -ne 0 ]; then
    echo "$fails check(s) failed"
    exit 1
fi
echo "analyze exact CLI: all checks passed"
