# conflict.sh: `parley conflict` end to end: text and JSON output of published
# models (values from the literature, see tests/test_gmcr.c), status quo,
# coalitions, usage errors and bad model files (exit code 2, where and what).
# usage: bash conflict.sh PARLEY_BINARY SOURCE_DIR
set -u
PARLEY=$1
SRC=$2
source "$(dirname "$0")/lib/check.sh"

# help and usage
expect_exit 0 "help" "$PARLEY" conflict --help
expect_in "$TMP/out" "usage: parley conflict MODEL" "help text"
expect_exit 2 "no model" "$PARLEY" conflict
expect_in "$TMP/err" "missing the model file" "no model message"
expect_exit 2 "unknown option" "$PARLEY" conflict "$SRC/examples/gmcr/elmira.json" --frobnicate
expect_exit 2 "bad notions" "$PARLEY" conflict "$SRC/examples/gmcr/elmira.json" --notions nash,foo
expect_exit 2 "bad threads" "$PARLEY" conflict "$SRC/examples/gmcr/elmira.json" --threads 0
expect_exit 2 "infeasible --from" "$PARLEY" conflict "$SRC/examples/gmcr/elmira.json" --from 7
expect_in "$TMP/err" "infeasible" "infeasible --from message"
expect_exit 2 "missing file" "$PARLEY" conflict "$TMP/none.json"
expect_in "$TMP/err" "parley conflict: $TMP/none.json: cannot read the file: No such file or directory" "missing file message"

# prisoner's dilemma, text: mutual defection (3) the only Nash equilibrium
expect_exit 0 "prisoners text" "$PARLEY" conflict "$SRC/examples/gmcr/prisoners-dilemma.json"
expect_in "$TMP/out" "Nash   1: 3 (YY)" "PD Nash equilibria"
expect_in "$TMP/out" "GMR    2: 0 (NN) 3 (YY)" "PD GMR equilibria"

# Elmira, JSON: published equilibria (Hipel et al. 1997): Nash/SEQ 5, 8, 9; GMR/SMR also 1 and 4
expect_exit 0 "elmira json" "$PARLEY" conflict "$SRC/examples/gmcr/elmira.json" --json --from 18 --coalitions
python3 - "$TMP/out" <<'PY' || fail "elmira JSON content"
import json, sys
d = json.load(open(sys.argv[1]))
eq = d["equilibria"]
assert eq["Nash"] == [8, 9, 18, 21, 24, 25], eq
assert eq["SEQ"] == [8, 9, 18, 21, 24, 25], eq
assert eq["GMR"] == [2, 5, 8, 9, 18, 21, 24, 25], eq
assert eq["SMR"] == eq["GMR"], eq
st = {s["code"]: s for s in d["states"]}
assert st[2]["stable"]["LG"] == ["GMR", "SMR"], st[2]
assert st[3]["stable"]["UR"] == [], st[3]
assert len(d["states"]) == 12
assert d["decision_makers"][0]["ranking"][0] == [20]
assert d["decision_makers"][0]["ranking"][-1] == [8, 9, 24, 25]
assert d["status_quo"]["from"] == 18 and len(d["status_quo"]["reachable"]) == 1
co = {tuple(c["members"]): c["improvements"] for c in d["coalitions"]}
assert co[("MoE", "UR")] == [21], co
PY

# status quo in text: published state 1 -> 5 by LG
expect_exit 0 "elmira from" "$PARLEY" conflict "$SRC/examples/gmcr/elmira.json" --from NYNNN
expect_in "$TMP/out" "step 1: LG moves from 2" "elmira status quo"
expect_exit 0 "elmira from ordinal" "$PARLEY" conflict "$SRC/examples/gmcr/elmira.json" --from '#1' --notions nash
expect_in "$TMP/out" "Nash   6:" "nash only"

# the seeds' example
expect_exit 0 "ceasefire" "$PARLEY" conflict "$SRC/examples/ceasefire-conflict.json" --coalitions
expect_in "$TMP/out" "Coalition improvements from 16" "ceasefire coalitions from the status quo"

# bad model files: exit 2, file, path and what was expected
printf '{\n "decision_makers": [\n  {"name": "A" "options": []}\n ]\n}\n' >"$TMP/syntax.json"
expect_exit 2 "syntax error" "$PARLEY" conflict "$TMP/syntax.json"
expect_in "$TMP/err" "syntax.json:3:" "syntax error location"
cat >"$TMP/stmt.json" <<'J'
{"decision_makers": [
  {"name": "A", "options": ["x", "y"], "preferences": ["1", "2 & -7"]},
  {"name": "B", "options": ["z"]}]}
J
expect_exit 2 "bad statement" "$PARLEY" conflict "$TMP/stmt.json"
expect_in "$TMP/err" "at decision_makers[0].preferences[1]" "statement path"
expect_in "$TMP/err" "unknown option '7'" "statement message"
cat >"$TMP/rank.json" <<'J'
{"decision_makers": [
  {"name": "A", "options": ["x"], "ranking": [0, 1, 2]},
  {"name": "B", "options": ["z"]}]}
J
expect_exit 2 "incomplete ranking" "$PARLEY" conflict "$TMP/rank.json"
expect_in "$TMP/err" "decision_makers[0].ranking" "ranking path"
expect_in "$TMP/err" "state 3 (YY) is not ranked" "ranking message"

if [ "$fails" -ne 0 ]; then
    echo "$fails check(s) failed"
    exit 1
fi
echo "conflict CLI: all checks passed"
