#!/usr/bin/env bash
# diagnose_many_conditions.sh: 24 conditions (more than the 20 of the exact histogram) and 2^21 outcomes whose
# patterns of broken red lines overflow the pattern set before it is reduced to the minimal ones.
# By hand: A's red lines a0..a10 demand b0..b10 = 1; B's b_11..b_20 demand b11..b20 = 1 and 'zero' demands b0 = 0.
# Only a0 and zero contradict each other (b0 cannot be 1 and 0); any other set is met by setting the bits it names.
# So the one minimal conflicting set is {a0, zero}; dropping either leaves exactly one package.
set -euo pipefail
parley=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/s.json" <<'PY'
import json, sys
issues = [{"name": "b%d" % i, "type": "integer", "min": 0, "max": 1} for i in range(21)]
prefs = {"b%d" % i: {"weight": 1 / 21, "function": {"type": "linear", "at_min": 0, "at_max": 1}} for i in range(21)}
a = {"name": "A", "preferences": prefs, "red_lines": [{"name": "a%d" % i, "rule": "b%d == 1" % i} for i in range(11)]}
b = {"name": "B", "preferences": prefs,
     "red_lines": [{"name": "b_%d" % i, "rule": "b%d == 1" % i} for i in range(11, 21)] + [{"name": "zero", "rule": "b0 == 0"}]}
json.dump({"issues": issues, "parties": [a, b]}, open(sys.argv[1], "w"))
PY
"$parley" diagnose "$tmp/s.json" --json >"$tmp/d.json"
python3 - "$tmp/d.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["outcomes"] == 2 ** 21 and d["acceptable"] == 0
assert not d.get("conflicts_undecided"), d
sets = [sorted(c["name"] for c in conflict) for conflict in d["conflicts"]]
assert sets == [["a0", "zero"]], sets
opened = sorted((r["condition"]["name"], r["zone"]) for r in d["relaxations"])
assert opened == [("a0", 1), ("zero", 1)], opened
print("diagnose: the one conflict among 24 conditions is found")
PY
