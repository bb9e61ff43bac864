#!/bin/bash
# kill_gmcr7.sh: `parley conflict --svg` draws every state up to 24 feasible states and the focused view above
# (docs/conflict.md: "Above 24 states ... --svg draws a focused view"), checked at the exact bound (issue 27: a
# seed-7 mutant drew the status quo's marks into the full view of a 24-state model, `> 24` turned into `>= 24`,
# and no test had a model of 24 or 25 states).  Two models built here: 5 options (A: a1 a2 a3, B: b1 b2), 32
# states, of which the pattern YY--- removes 8 (24 left), or YYY--, YYNY- and YYNNY remove 4 + 2 + 1 (25 left).
# Also the other ways into the focused view at 24 states: --focus DM and --from STATE.
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"

model() { # file infeasible-list
    cat >"$1" <<EOF
{"name": "bound", "decision_makers": [
 {"name": "A", "options": ["a1", "a2", "a3"], "preferences": ["a1", "-a3"]},
 {"name": "B", "options": ["b1", "b2"], "preferences": ["b1 iff a1", "-b2"]}],
 "infeasible": $2, "status_quo": 0}
EOF
}
model "$TMP/m24.json" '["YY---"]'
model "$TMP/m25.json" '["YYY--", "YYNY-", "YYNNY"]'
FULL="states (code: options taken); arrows: unilateral improvements"
FOCUSED="the equilibria and the moves into and out of them, the path from the status quo"

expect_exit 0 "24 states" "$PARLEY" conflict "$TMP/m24.json" --svg "$TMP/24.svg"
expect_in "$TMP/out" "24 feasible states (of 32)" "the 24-state model has 24 states"
expect_exit 0 "24 states --all" "$PARLEY" conflict "$TMP/m24.json" --svg "$TMP/24all.svg" --all
cmp -s "$TMP/24.svg" "$TMP/24all.svg" || fail "24 states: --svg is not the picture of --all"
expect_in "$TMP/24.svg" "$FULL" "24 states: every state drawn"
grep -q "status quo" "$TMP/24.svg" && fail "24 states: the full view marks the status quo"

expect_exit 0 "25 states" "$PARLEY" conflict "$TMP/m25.json" --svg "$TMP/25.svg"
expect_in "$TMP/out" "25 feasible states (of 32)" "the 25-state model has 25 states"
expect_in "$TMP/25.svg" "$FOCUSED" "25 states: the focused view"
expect_in "$TMP/25.svg" "0: nothing (status quo)" "25 states: the status quo named"
expect_exit 0 "25 states --all" "$PARLEY" conflict "$TMP/m25.json" --svg "$TMP/25all.svg" --all
expect_in "$TMP/25all.svg" "$FULL" "25 states --all: every state drawn"
grep -qF "$FOCUSED" "$TMP/25all.svg" && fail "25 states --all: the focused view"

expect_exit 0 "24 states --focus A" "$PARLEY" conflict "$TMP/m24.json" --svg "$TMP/24a.svg" --focus A
expect_in "$TMP/24a.svg" "$FOCUSED; moves by A only" "24 states --focus A: the focused view of A's moves"
expect_in "$TMP/24a.svg" "0: nothing (status quo)" "24 states --focus A: the status quo named"
expect_exit 0 "24 states --from 1" "$PARLEY" conflict "$TMP/m24.json" --svg "$TMP/24f.svg" --from 1
expect_in "$TMP/24f.svg" "$FOCUSED" "24 states --from 1: the focused view"
grep -qE ">1: a1[^<]*\(status quo\)<" "$TMP/24f.svg" || fail "24 states --from 1: the start (1: a1) not named as the status quo"
[ "$fails" -eq 0 ] || exit 1
echo "PASS kill_gmcr7"
