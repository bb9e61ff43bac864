# conflict_analysis.sh: `parley conflict` SIM/SEQ+SIM, --horizon, --non-myopic, --explain, --inverse,
# --dot, --svg and the pretty JSON, on the prisoner's dilemma (A: 1 > 0 > 3 > 2, B: 2 > 0 > 3 > 1;
# every expected value worked by hand in the comments) and the seeds' ceasefire model.
# usage: bash conflict_analysis.sh PARLEY_BINARY SOURCE_DIR
set -u
PARLEY=$1
SRC=$2
source "$(dirname "$0")/lib/check.sh"
PD="$SRC/examples/gmcr/prisoners-dilemma.json"

# JSON: printed as jansson/json.dumps print with a 2-space indent; SIM and SEQSIM keys.
# SIM at 0: A's defection meets B's (B gains by defecting from 0) in 3, A's third choice: sanctioned;
# likewise for B; 3 is Nash.  So SIM and SEQ+SIM equilibria: 0 and 3.  L_2 and NM: 0 and 3 (test_gmcr_sim.c).
expect_exit 0 "pd json" "$PARLEY" conflict "$PD" --json --horizon 2 --non-myopic
python3 - "$TMP/out" <<'PY' || fail "pd JSON content"
import json, sys
text = open(sys.argv[1]).read()
d = json.loads(text)
assert text == json.dumps(d, indent=2, ensure_ascii=False) + "\n", "not 2-space pretty JSON"
eq = d["equilibria"]
assert eq["SIM"] == [0, 3] and eq["SEQSIM"] == [0, 3], eq
assert eq["Lh"] == [0, 3] and eq["NM"] == [0, 3] and eq["Nash"] == [3], eq
assert d["horizon"] == 2 and d["non_myopic_period"] == 1
assert d["states"][3]["label"] == "a_defects + b_defects"
assert d["states"][0]["label"] == "nothing"
PY
expect_exit 0 "pd horizon 1" "$PARLEY" conflict "$PD" --horizon 1
expect_in "$TMP/out" "Lh     1: 3 (YY)" "L_1 is Nash"
expect_exit 2 "horizon with three DMs" "$PARLEY" conflict "$SRC/examples/gmcr/elmira.json" --horizon 2
expect_in "$TMP/err" "two decision makers" "horizon refusal"
expect_exit 2 "bad horizon" "$PARLEY" conflict "$PD" --horizon 0

# --explain 0 (nothing): A's improvement is to 1; GMR/SEQ: B then defects too (3, which B prefers
# to 1), A's rank 3; SIM: B defects at the same time, same state.
expect_exit 0 "pd explain" "$PARLEY" conflict "$PD" --explain nothing
expect_in "$TMP/out" "A ranks it 2 of 4; stable under: GMR SMR SEQ SIM SEQSIM" "explain A's stability"
expect_in "$TMP/out" "improvement to 1 (a_defects), rank 1:" "explain A's improvement"
expect_in "$TMP/out" "SEQ  sanctioned: B moves to a_defects + b_defects -> 3 (a_defects + b_defects), rank 3" "SEQ sanction"
expect_in "$TMP/out" "SIM  sanctioned: B at once takes b_defects -> 3 (a_defects + b_defects), rank 3" "SIM sanction"
expect_exit 0 "pd explain json" "$PARLEY" conflict "$PD" --explain NN --json
python3 - "$TMP/out" <<'PY' || fail "explain JSON content"
import json, sys
d = json.load(open(sys.argv[1]))
a = d["decision_makers"][0]
ui = a["improvements"][0]
assert ui["code"] == 1 and ui["rank"] == 1
assert ui["SIM"]["reaches"]["code"] == 3 and ui["SIM"]["moves"][0]["mover"] == "B"
assert [s["code"] for s in ui["SEQ"]["moves"]] == [3]
assert d["equilibrium"] == ["GMR", "SMR", "SEQ", "SIM", "SEQSIM"], d["equilibrium"]
PY
# 3 for A: its only move (to 2) is its worst: no improvement
expect_exit 0 "pd explain 3" "$PARLEY" conflict "$PD" --explain 3
expect_in "$TMP/out" "no unilateral improvement" "explain Nash state"
expect_exit 2 "explain unknown option" "$PARLEY" conflict "$PD" --explain "a_defects + war"

# --inverse 0: Nash needs A to value 0 at least as much as 1 and B as much as 2; GMR etc. hold already
expect_exit 0 "pd inverse" "$PARLEY" conflict "$PD" --inverse 0
expect_in "$TMP/out" "Nash   2 changes (the fewest):" "inverse Nash size"
expect_in "$TMP/out" "A must value it at least as much as: 1 (a_defects)" "inverse A"
expect_in "$TMP/out" "B must value it at least as much as: 2 (b_defects)" "inverse B"
expect_in "$TMP/out" "GMR    already an equilibrium" "inverse GMR"
expect_exit 0 "ceasefire inverse json" "$PARLEY" conflict "$SRC/examples/ceasefire-conflict.json" --json \
    --inverse "truce + end_war + release_hostages + convene"
python3 - "$TMP/out" <<'PY' || fail "inverse JSON content"
import json, sys
d = json.load(open(sys.argv[1]))
n = {x["notion"]: x for x in d["notions"]}
assert n["GMR"]["already"] and not n["Nash"]["already"]
assert n["Nash"]["changes"][0]["decision_maker"] == "Mediators"
PY

# graph: DOT and SVG; improvements as arrows, equilibria marked (0 and 3 under some notion)
expect_exit 0 "pd dot svg" "$PARLEY" conflict "$PD" --dot "$TMP/pd.dot" --svg "$TMP/pd.svg"
expect_in "$TMP/pd.dot" "digraph conflict" "dot header"
expect_in "$TMP/pd.dot" "s0 -> s1 [color=" "dot: A's improvement from 0 to 1"
expect_in "$TMP/pd.dot" "3: a_defects + b_defects" "dot state label"
python3 - "$TMP/pd.svg" "$TMP/pd.dot" <<'PY' || fail "graph content"
import sys, xml.etree.ElementTree as ET
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.parse(sys.argv[1]).getroot()
eq = root.findall(".//s:g[@class='state equilibrium']", ns)
states = root.findall(".//s:g", ns)
assert len(states) == 4 and len(eq) == 2, (len(states), len(eq))
# four improvements: 0->1 (A), 0->2 (B), 1->3 (B), 2->3 (A)
assert len(root.findall(".//s:path[@marker-end]", ns)) == 4
dot = open(sys.argv[2]).read()
assert dot.count(" -> ") == 4 and dot.count("peripheries=2") == 2
PY
expect_exit 2 "svg to a missing folder (checked before the work)" "$PARLEY" conflict "$PD" --svg "$TMP/no/such/dir/x.svg"
expect_in "$TMP/err" "No such file or directory" "svg to a missing folder gives the system's reason"

if [ "$fails" -ne 0 ]; then
    echo "$fails check(s) failed"
    exit 1
fi
echo "conflict analysis CLI: all checks passed"
