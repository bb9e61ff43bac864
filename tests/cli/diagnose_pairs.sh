#!/usr/bin/env bash
# diagnose_pairs.sh: two disjoint conflicts, so no single relaxation opens a zone and diagnose tries pairs.
# By hand (tests/data/diagnose/two-disjoint-conflicts.json): x in {0,1,2}, c in {red, blue};
# A: 0.5*(1 - x/2) + 0.5*[red], red lines low (x <= 0) and red; B: 0.5*x/2 + 0.5*[blue], red lines high (x >= 2)
# and blue.  Conflicts {low, high} and {red, blue}.  A pair opens a zone only if it takes one from each:
#   low+red -> (2, blue): A 0, B 1;     low+blue -> (2, red): A 0.5, B 0.5;
#   red+high -> (0, blue): A 0.5, B 0.5; high+blue -> (0, red): A 1, B 0.   Each zone has exactly one package.
set -euo pipefail
parley=$1
src=$2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$parley" diagnose "$src/tests/data/diagnose/two-disjoint-conflicts.json" --json >"$out"
python3 - "$out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert sorted(sorted(c["name"] for c in s) for s in d["conflicts"]) == [["blue", "red"], ["high", "low"]]
singles = [r for r in d["relaxations"] if "with" not in r]
pairs = {tuple(sorted((r["condition"]["name"], r["with"]["condition"]["name"]))): r for r in d["relaxations"] if "with" in r}
assert len(singles) == 4 and all(r["zone"] == 0 for r in singles), singles
expect = {("low", "red"): ({"x": 2, "c": "blue"}, 0.0, 1.0), ("blue", "low"): ({"x": 2, "c": "red"}, 0.5, 0.5),
          ("high", "red"): ({"x": 0, "c": "blue"}, 0.5, 0.5), ("blue", "high"): ({"x": 0, "c": "red"}, 1.0, 0.0)}
assert set(pairs) == set(expect), sorted(pairs)
for key, (outcome, a, b) in expect.items():
    r = pairs[key]
    assert r["zone"] == 1 and r["nash"]["outcome"] == outcome, (key, r)
    assert abs(r["nash"]["utilities"]["A"] - a) < 1e-9 and abs(r["nash"]["utilities"]["B"] - b) < 1e-9, (key, r)
print("diagnose: pairs of relaxations for two disjoint conflicts")
PY
