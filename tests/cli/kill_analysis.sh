#!/bin/bash
# kill_analysis.sh: `parley analyze` chooses between enumerating every outcome and the exact path by their
# estimated costs (exact.c), and the estimate for three parties counts the exact path twenty times dearer (issue
# 27: a generated mutant divided by twenty instead, took the exact path here and ran about four times longer).
# Three parties, seven issues (six of 10 values, one of 2): 2 * 10^6 outcomes, no constraint.  With 2 threads,
# enumeration is estimated at 3.5 ns * 2e6 / 2 = 3.5 ms; the exact path at 300 ns per point of the larger half
# (about 2000 points) times 20 for three parties, 12 ms, plus 3 ms of merging: enumeration is chosen.  (Divided
# by 20 instead: 0.03 + 3 ms, below 3.5: the exact path.)  Both give the same figures; the method is reported.
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
python3 - "$TMP/three.json" <<'PY'
import json, sys
issues = [{"name": "i%d" % k, "type": "integer", "min": 0, "max": 9} for k in range(6)]
issues.append({"name": "i6", "type": "integer", "min": 0, "max": 1})
parties = []
for p in range(3):
    prefs = {"i%d" % k: {"weight": 0.125 if k < 6 else 0.25,
                         "function": {"type": "linear", "at_min": (p + k) % 2, "at_max": 1 - (p + k) % 2}}
             for k in range(7)}
    parties.append({"name": "P%d" % p, "reservation": 0.3, "preferences": prefs})
json.dump({"format": "parley-scenario", "title": "three parties", "issues": issues, "parties": parties},
          open(sys.argv[1], "w"))
PY
expect_exit 0 "three parties, 2e6 outcomes" "$PARLEY" analyze "$TMP/three.json" --json --threads 2
python3 - "$TMP/out" <<'PY' || fail "three parties at 2e6 outcomes: not enumerated"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["outcomes"] == 2000000, d["outcomes"]
assert d["method"] == "enumeration of every outcome", d["method"]
PY
[ "$fails" -eq 0 ] || exit 1
echo "PASS kill_analysis"
