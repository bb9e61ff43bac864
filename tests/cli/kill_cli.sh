#!/bin/bash
# kill_cli.sh: the output-path check every --trace/--plot/--dot/--svg/--stats-* option makes before any work
# (cli_common.c), pinned where a generated mutant survived (issue 27: `stat(path) == 0` read as `== 1` refused
# every existing file, "cannot write there: Success").  An existing file is overwritten; an existing folder, or a
# file in a folder that does not exist, is refused with exit 2 and the reason, before the negotiation runs.
# Also the tournament's --uncertain-parties and negotiate's --time bound (below).
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
SCENARIO="$SRC/examples/textbook-buyer-seller.json"
echo "an older trace" >"$TMP/old.jsonl"
expect_exit 0 "trace over an existing file" "$PARLEY" negotiate "$SCENARIO" --agents boulware,conceder \
    --trace "$TMP/old.jsonl"
expect_in "$TMP/old.jsonl" '{"event":"session_start"' "the existing file holds the new trace"
grep -q "an older trace" "$TMP/old.jsonl" && fail "the existing file was not overwritten"
mkdir "$TMP/folder"
expect_exit 2 "trace into a folder" "$PARLEY" negotiate "$SCENARIO" --agents boulware,conceder --trace "$TMP/folder"
expect_in "$TMP/err" "--trace: cannot write there: Is a directory" "a folder is refused"
expect_exit 2 "trace in a missing folder" "$PARLEY" negotiate "$SCENARIO" --agents boulware,conceder \
    --trace "$TMP/missing/t.jsonl"
expect_in "$TMP/err" "--trace: cannot write there: No such file or directory" "a missing folder is refused"
# --uncertain-parties names parties from 1 (cli_stats.c; a mutant shifted them by two, so that "1" named a third
# party and nobody bore the elicitation cost).  The textbook scenario's six packages give (Buyer, Seller):
# price 0 (1, 0) red, (0.6, 0.3) blue; price 1 (0.7, 0.35), (0.3, 0.65); price 2 (0.4, 0.7), (0, 1) (weights
# 0.6/0.4 and 0.7/0.3, by hand).  With --elicit 2 --elicit-cost 0.25 the uncertain party's score is its true
# utility minus 0.5: an agreement of the run must be one of these pairs once 0.5 is given back to that party
# (a run without agreement scores the reservation, 0.2, minus 0.5).
for party in 1 2; do
    expect_exit 0 "uncertain party $party" "$PARLEY" tournament "$SCENARIO" --agents boulware,conceder,linear \
        --uncertain 3 --uncertain-parties "$party" --elicit 2 --elicit-cost 0.25 --json
    python3 - "$TMP/out" "$party" <<'PY' || fail "--uncertain-parties $party: the cost is not borne by party $party"
import json, sys
runs, k = json.load(open(sys.argv[1]))["runs"], int(sys.argv[2]) - 1
table = [(1, 0), (0.6, 0.3), (0.7, 0.35), (0.3, 0.65), (0.4, 0.7), (0, 1)]
agreed = 0
for r in runs:
    u = list(r["utilities"])
    u[k] += 0.5
    if r["agreed"]:
        agreed += 1
        assert any(abs(u[0] - a) < 1e-9 and abs(u[1] - b) < 1e-9 for a, b in table), r
    else:
        assert abs(u[k] - 0.2) < 1e-9, r
assert len(runs) == 6 and agreed > 0, runs
PY
done
# --time takes seconds in (0, 86400]: a whole day is accepted (here with --rounds 5, the deadline reached first), a
# moment more refused (a mutant refused 86400 itself, g-rel-4e56425ce6).
expect_exit 0 "--time 86400" "$PARLEY" negotiate "$SCENARIO" --agents boulware,conceder --rounds 5 --time 86400
expect_exit 2 "--time 86400.5" "$PARLEY" negotiate "$SCENARIO" --agents boulware,conceder --rounds 5 --time 86400.5
expect_in "$TMP/err" "--time expects seconds in (0, 86400]" "--time 86400.5: the reason"
[ "$fails" -eq 0 ] || exit 1
echo "PASS kill_cli"
