#!/bin/bash
# kill_analysis7.sh: the exact frontier of an additive scenario too big to enumerate (exact_big.c) at its bound of
# 64 issues, and the search past it (issue 27: a seed-7 mutant shrank exact_big.c's per-issue scope table from 64
# entries to 63, a read and write past its end that only the sanitizer tree sees, and no test had 64 issues).
# 64 two-valued issues: A gains k+1 (of 2080) from "hi" on issue k, B loses (k+1)^2 (of 89440).  The frontier is
# computed here independently, by a 0/1 knapsack in integers: for each total gain g of A the least total loss of B;
# the Pareto-optimal points are those no larger gain reaches at a loss as small.  65 issues: more than exact_big.c
# takes, the analysis searches instead.
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"

python3 - "$TMP" <<'PY' || fail "writing the scenarios"
import json, sys
for n in (64, 65):
    issues = [{"name": "i%d" % k, "type": "categorical", "values": ["lo", "hi"]} for k in range(n)]
    gain, loss = sum(k + 1 for k in range(n)), sum((k + 1) ** 2 for k in range(n))
    a = {"i%d" % k: {"weight": (k + 1) / gain, "values": {"lo": 0, "hi": 1}} for k in range(n)}
    b = {"i%d" % k: {"weight": (k + 1) ** 2 / loss, "values": {"lo": 1, "hi": 0}} for k in range(n)}
    json.dump({"issues": issues, "parties": [{"name": "A", "preferences": a}, {"name": "B", "preferences": b}]},
              open("%s/n%d.json" % (sys.argv[1], n), "w"))
PY
expect_exit 0 "64 issues" timeout 600 "$PARLEY" analyze "$TMP/n64.json" --json --frontier
cp "$TMP/out" "$TMP/n64.out"
python3 - "$TMP/n64.out" <<'PY' || fail "64 issues: the exact frontier"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["method"].startswith("exact frontier without enumeration"), d["method"]
n, gain, loss = 64, 2080, 89440
least = [0] + [None] * gain  # least[g]: B's least total loss when A gains g
for k in range(n):
    for g in range(gain, k, -1):
        if least[g - k - 1] is not None and (least[g] is None or least[g - k - 1] + (k + 1) ** 2 < least[g]):
            least[g] = least[g - k - 1] + (k + 1) ** 2
front, best = [], None
for g in range(gain, -1, -1):  # from the largest gain down: a point is optimal when its loss is below every larger gain's
    if least[g] is not None and (best is None or least[g] < best):
        front.append((g / gain, 1 - least[g] / loss))
        best = least[g]
front.sort()
p = d["pareto"]
assert p["exact"] is True and p["count"] == len(front) == len(p["outcomes"]), (p["count"], len(front))
got = sorted((o["utilities"]["A"], o["utilities"]["B"]) for o in p["outcomes"])
for (ua, ub), (wa, wb) in zip(got, front):
    assert abs(ua - wa) < 1e-8 and abs(ub - wb) < 1e-8, ((ua, ub), (wa, wb))
for o in p["outcomes"]:  # each outcome's utilities are those of its own "hi" issues
    his = [int(i[1:]) for i, v in o["outcome"].items() if v == "hi"]
    assert abs(o["utilities"]["A"] - sum(k + 1 for k in his) / gain) < 1e-8, o
PY
expect_exit 0 "65 issues" timeout 600 "$PARLEY" analyze "$TMP/n65.json" --json
grep -q '"method": "search, not enumeration' "$TMP/out" || fail "65 issues: not the search ($(head -c 300 "$TMP/out"))"
[ "$fails" -eq 0 ] || exit 1
echo "PASS kill_analysis7"
