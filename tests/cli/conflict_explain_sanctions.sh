#!/bin/bash
# conflict_explain_sanctions.sh: `parley conflict --explain` names the sanction of each decision maker's
# improvement, the second decision maker's too (sanctioned by the first).  Prisoner's dilemma, state 0 (both
# cooperate): each gains by defecting alone (rank 1), and the other's defection answers it with mutual defection
# (state 3, rank 3, worse than the rank 2 of state 0), so state 0 is GMR and SEQ stable for both (worked by hand).
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
expect_exit 0 "explain state 0" "$PARLEY" conflict "$SRC/examples/gmcr/prisoners-dilemma.json" --explain 0
expect_in "$TMP/out" "GMR  sanctioned: B moves to a_defects + b_defects -> 3 (a_defects + b_defects), rank 3" "A's improvement, GMR"
expect_in "$TMP/out" "SEQ  sanctioned: B moves to a_defects + b_defects -> 3 (a_defects + b_defects), rank 3" "A's improvement, SEQ"
expect_in "$TMP/out" "GMR  sanctioned: A moves to a_defects + b_defects -> 3 (a_defects + b_defects), rank 3" "B's improvement, GMR"
expect_in "$TMP/out" "SEQ  sanctioned: A moves to a_defects + b_defects -> 3 (a_defects + b_defects), rank 3" "B's improvement, SEQ"
[ "$fails" -eq 0 ] || exit 1
echo "PASS conflict_explain_sanctions"
