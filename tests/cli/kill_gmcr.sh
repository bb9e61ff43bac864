#!/bin/bash
# kill_gmcr.sh: `parley conflict` where generated mutants survived every test (issue 27).
# 1. --explain reports, of the equally short sanctions, the first found in the decision makers' order (a mutant
# let the search run on past a sanction ending in state 0 and report a later one).  Three DMs with one option
# each (a, b, c: state = a + 2b + 4c); A ranks 2 > 3 > 0 > 6 > ..., so at state 3 (a + b) A improves by
# withdrawing a (to 2, b alone).  From 2, B withdrawing b reaches 0 and C taking c reaches 6; A ranks both below
# 3, so each is a one-move sanction, and B's move is an improvement for B (0 first in B's ranking), C's for C (6
# first): under GMR and SEQ the sanction named is B's move to state 0 (B comes before C), at rank 3 of A.
# Worked by hand.
# 2. A statement with a keyword where an option belongs, or "if" without its condition, is refused with the
# reason and the place.
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
cat >"$TMP/three.json" <<'JSON'
{
  "name": "three decision makers, one option each",
  "decision_makers": [
    {"name": "A", "options": [{"id": "a"}], "ranking": [2, 3, 0, 6, 1, 4, 5, 7]},
    {"name": "B", "options": [{"id": "b"}], "ranking": [0, 1, 4, 5, 2, 3, 6, 7]},
    {"name": "C", "options": [{"id": "c"}], "ranking": [6, 7, 4, 5, 0, 1, 2, 3]}
  ]
}
JSON
expect_exit 0 "explain state 3" "$PARLEY" conflict "$TMP/three.json" --explain 3
expect_in "$TMP/out" "improvement to 2 (b), rank 1:" "A's improvement"
expect_in "$TMP/out" "GMR  sanctioned: B moves to nothing -> 0 (nothing), rank 3" "A's improvement, GMR: B's move first"
expect_in "$TMP/out" "SEQ  sanctioned: B moves to nothing -> 0 (nothing), rank 3" "A's improvement, SEQ: B's move first"
# refused_statement WHAT STATEMENT MESSAGE: a model in which A states the preferences "a" and STATEMENT is refused
# (exit 2) with MESSAGE, which names the statement's place, on stderr.
refused_statement() {
    cat >"$TMP/statement.json" <<JSON
{
  "name": "$1",
  "decision_makers": [
    {"name": "A", "options": [{"id": "a"}], "preferences": ["a", "$2"]},
    {"name": "B", "options": [{"id": "b"}], "preferences": ["b"]}
  ]
}
JSON
    expect_exit 2 "$1" "$PARLEY" conflict "$TMP/statement.json"
    expect_in "$TMP/err" "$3" "$1: message"
}
# A preference statement that starts with a keyword where an option is expected: exit 2 with the reason and the
# place (generated mutant g-call-cd24c1247d dropped the message).
refused_statement "keyword for an option" "or a" \
    "at decision_makers[0].preferences[1]: in \"or a\" at character 1: expected an option, found the keyword 'or'"
# "if" without its condition: the first problem is reported, at the place where the condition should be (a
# mutant that went on past the missing condition, g-check-af89daee0c).
refused_statement "if without a condition" "if then a" \
    "in \"if then a\" at character 4: expected an option, found the keyword 'then'"
# 3. The SVG's arcs: of the arcs leaving the same row, a shorter one lies in a lane inside a longer one (sorted by
# top row, then shorter first; a mutant that sorted by the sum of the rows put longer arcs inside, g-arith-797f42116f).
# garrison.json has 8 such pairs; each arc's rows and lane are read back from its path (x - bulge, bulge = 10 + 7 lane).
expect_exit 0 "garrison svg" "$PARLEY" conflict "$SRC/examples/gmcr/garrison.json" --svg "$TMP/garrison.svg"
python3 - "$TMP/garrison.svg" <<'PY' || fail "garrison svg: a longer arc inside a shorter one of the same row"
import re, sys
arcs = []
for m in re.finditer(r'<path class="move" d="M([\d.]+) ([\d.]+)C([\d.]+) [\d.]+ [\d.]+ ([\d.]+) [\d.]+ [\d.]+"',
                     open(sys.argv[1]).read()):
    x, y1, xb, end = map(float, m.groups())
    y2 = end + 6 if end > y1 else end - 6
    arcs.append((min(y1, y2), abs(y2 - y1), round((x - xb - 10) / 7)))
pairs = [(a, b) for a in arcs for b in arcs if a[0] == b[0] and a[1] < b[1]]
assert len(pairs) >= 8, pairs
bad = [(a, b) for a, b in pairs if not a[2] < b[2]]
assert not bad, bad
PY
# 4. --dot and --svg write the graph and the analysis is printed as without them, exit 0 (a mutant took the
# successful SVG write for a failure and printed nothing more, g-rel-d598531688).
"$PARLEY" conflict "$SRC/examples/gmcr/prisoners-dilemma.json" >"$TMP/plain.out" 2>&1
grep -q "Conflict: Prisoner's dilemma as a graph model" "$TMP/plain.out" || fail "pd: no analysis printed"
for graph in dot svg; do
    expect_exit 0 "pd --$graph" "$PARLEY" conflict "$SRC/examples/gmcr/prisoners-dilemma.json" --$graph "$TMP/pd.$graph"
    [ -s "$TMP/pd.$graph" ] || fail "--$graph: no file written"
    # (the "Analysis: ... in S s" line measures the run)
    cmp -s <(grep -v '^Analysis:' "$TMP/out") <(grep -v '^Analysis:' "$TMP/plain.out") ||
        fail "--$graph changed the printed analysis"
done
expect_in "$TMP/pd.dot" "digraph conflict {" "the dot file"
expect_in "$TMP/pd.svg" "<svg " "the svg file"
# 5. A state named "nothing" may carry spaces around it ("nothing  " is state 0; a mutant looked for the
# trailing spaces seven characters before the word instead of after it, g-arith-84e7708839).
for state in "nothing  " " nothing " "nothing"; do
    expect_exit 0 "explain '$state'" "$PARLEY" conflict "$SRC/examples/gmcr/prisoners-dilemma.json" --explain "$state"
    expect_in "$TMP/out" "State 0 (NN): nothing" "explain '$state': state 0"
done
# 6. "#N" names the N-th feasible state, N in decimal: garrison.json's #10 is code 68 (appease + ijc_reduced), its
# #1 code 34 (a mutant read N in base 11: #10 became the 11th state, code 74, g-bound-c485a3bdf7).
expect_exit 0 "garrison #10" "$PARLEY" conflict "$SRC/examples/gmcr/garrison.json" --explain "#10"
expect_in "$TMP/out" "State 68 (NNYNNNYNN): appease + ijc_reduced" "#10 is code 68"
expect_exit 0 "garrison #1" "$PARLEY" conflict "$SRC/examples/gmcr/garrison.json" --explain "#1"
expect_in "$TMP/out" "State 34 (NYNNNYNNN): reduced + ijc_full" "#1 is code 34"
[ "$fails" -eq 0 ] || exit 1
echo "PASS kill_gmcr"
