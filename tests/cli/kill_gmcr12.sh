#!/bin/bash
# kill_gmcr12.sh: the graph of `parley conflict` (--dot, --svg) pinned byte for byte on two small conflicts whose
# improvements, equilibria and drawing were worked out by hand (issue 27: gmcr_graph.c's layout, its focused view
# and the status quo's path reached no test that checked more than a few words).
#
# The prisoner's dilemma (examples/gmcr/prisoners-dilemma.json; A ranks 1 > 0 > 3 > 2, B 2 > 0 > 3 > 1):
# improvements 0->1 (A), 0->2 (B), 1->3 (B), 2->3 (A); with --horizon 2 --non-myopic the equilibria are 3 under
# every notion and 0 under all but Nash (docs/conflict.md; GMR/SMR/SEQ at 0: A's 0->1 is answered by B's
# credible 1->3, worse for A, and A's reply 3->2 is worse still; SIM: B's own improvement 0->2 at the same time
# gives 3; L_2: A's move to 1 is worth p_A(G_1(B, 1)) = p_A(3) < p_A(0)).
#
# "chain": three DMs, one option each (a = bit 0, b = bit 1, c = bit 2).  A wants a; B wants b exactly when a;
# C wants c exactly when b.  Improvements: A 0->1 2->3 4->5 6->7; B 1->3 5->7 2->0 6->4; C 2->6 3->7 4->0 5->1.
# The only Nash equilibrium is 7; from the status quo 0 the one path of improvements is 0->1->3->7.
#
# The SVG geometry (gmcr_graph.c): rows 18 px apart from top = 40 + 18 (DMs + 2) + 20; arcs sorted by their top
# row then shorter first, each in the innermost lane whose last arc ends above its top; the states' column at
# x = 44 + 7 lanes; an arc from row r1 to r2 is M(x-6, y1) C(x-16-7 lane, y1) (x-16-7 lane, end) (x-3, end) with
# end = y2 -+ 6; width max(x + 34 + 6.8 longest label, 360 + 3.4 len(subtitle)), height top + 18 (rows-1) + 30.
#   PD full view: lanes 0->1: 0, 0->2: 1, 1->3: 2, 2->3: 0, so x = 65, top = 132; the longest label is state
#   3's, 21 + 10 + 40 + 3 = 74 characters: width 602, height 216.
#   chain --from 0 --notions nash (focused): kept 0->1 1->3 3->7 (the path) 5->7 6->7 (into 7); states 0 1 3 5 6 7
#   on rows 0..5; lanes 0, 1, 0, 1, 2; x = 65, top = 150; width 360 + 3.4 * 79 = 628.6, height 270.
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"

same() { # description expected-file actual-file
    diff "$2" "$3" >"$TMP/diff" || fail "$1: differs from the hand-worked text: $(head -c 1500 "$TMP/diff")"
}
PD="$SRC/examples/gmcr/prisoners-dilemma.json"
cat >"$TMP/chain.json" <<'JSON'
{"name": "chain \"a\" & \\ b",
 "decision_makers": [
  {"name": "A", "options": ["a"], "ranking": [7, 5, 3, 1, 6, 4, 2, 0]},
  {"name": "B", "options": ["b"], "ranking": [3, 7, 0, 4, 1, 5, 2, 6]},
  {"name": "C", "options": ["c"], "ranking": [7, 6, 1, 0, 3, 2, 5, 4]}],
 "status_quo": 0}
JSON

# --- the prisoner's dilemma as DOT and SVG, every notion
cat >"$TMP/pd.dot" <<'EOF2'
digraph conflict {
  label="Prisoner's dilemma as a graph model";
  labelloc=t;
  node [shape=box, style=rounded, fontname="sans-serif"];
  legend0 [shape=plaintext, fontcolor="#1f77b4", label="moves by A"];
  legend1 [shape=plaintext, fontcolor="#d62728", label="moves by B"];
  s0 [label="0: nothing
equilibrium: GMR, SMR, SEQ, SIM, SEQSIM, Lh, NM", peripheries=2, style="rounded,filled,bold", fillcolor="#ffe9a8"];
  s1 [label="1: a_defects"];
  s2 [label="2: b_defects"];
  s3 [label="3: a_defects + b_defects
equilibrium: Nash, GMR, SMR, SEQ, SIM, SEQSIM, Lh, NM", peripheries=2, style="rounded,filled,bold", fillcolor="#ffe9a8"];
  s0 -> s1 [color="#1f77b4"];
  s0 -> s2 [color="#d62728"];
  s1 -> s3 [color="#d62728"];
  s2 -> s3 [color="#1f77b4"];
}
EOF2
expect_exit 0 "PD --dot --svg" "$PARLEY" conflict "$PD" --horizon 2 --non-myopic --dot "$TMP/pd-out.dot" --svg "$TMP/pd-out.svg"
same "PD DOT" "$TMP/pd.dot" "$TMP/pd-out.dot"
MARKERS='<marker id="arrow0" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="#1f77b4"/></marker>
<marker id="arrow1" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="#d62728"/></marker>
<marker id="arrow2" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="#2ca02c"/></marker>
<marker id="arrow3" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="#9467bd"/></marker>
<marker id="arrow4" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="#ff7f0e"/></marker>
<marker id="arrow5" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="#8c564b"/></marker>
<marker id="arrow6" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="#e377c2"/></marker>
<marker id="arrow7" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="#17becf"/></marker>'
ARC='fill="none" stroke-opacity="0.75"'
cat >"$TMP/pd.svg" <<EOF2
<svg xmlns="http://www.w3.org/2000/svg" width="602" height="216" viewBox="0 0 602 216" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
<defs>
$MARKERS
</defs>
<text x="10" y="20" font-size="14" font-weight="bold">Prisoner&apos;s dilemma as a graph model</text>
<text x="10" y="36">states (code: options taken); arrows: unilateral improvements</text>
<line x1="10" y1="54" x2="34" y2="54" stroke="#1f77b4" stroke-width="2"/><text x="40" y="58">moves by A</text>
<line x1="10" y1="72" x2="34" y2="72" stroke="#d62728" stroke-width="2"/><text x="40" y="76">moves by B</text>
<circle cx="22" cy="90" r="6" fill="#f2b705" stroke="black" stroke-width="2"/><text x="40" y="94">equilibrium [the notions under which it is one]</text>
<path class="move" d="M59.0 132.0C49.0 132.0 49.0 144.0 62.0 144.0" fill="none" stroke="#1f77b4" stroke-opacity="0.75" stroke-width="1.2" marker-end="url(#arrow0)"/>
<path class="move" d="M59.0 132.0C42.0 132.0 42.0 162.0 62.0 162.0" fill="none" stroke="#d62728" stroke-opacity="0.75" stroke-width="1.2" marker-end="url(#arrow1)"/>
<path class="move" d="M59.0 150.0C35.0 150.0 35.0 180.0 62.0 180.0" fill="none" stroke="#d62728" stroke-opacity="0.75" stroke-width="1.2" marker-end="url(#arrow1)"/>
<path class="move" d="M59.0 168.0C49.0 168.0 49.0 180.0 62.0 180.0" fill="none" stroke="#1f77b4" stroke-opacity="0.75" stroke-width="1.2" marker-end="url(#arrow0)"/>
<g class="state equilibrium"><circle cx="65.0" cy="132.0" r="5" fill="#f2b705" stroke="black" stroke-width="2"/><text x="77.0" y="136.0" font-weight="bold">0: nothing [GMR, SMR, SEQ, SIM, SEQSIM, Lh, NM]</text></g>
<g class="state"><circle cx="65.0" cy="150.0" r="5" fill="white" stroke="black" stroke-width="1"/><text x="77.0" y="154.0">1: a_defects</text></g>
<g class="state"><circle cx="65.0" cy="168.0" r="5" fill="white" stroke="black" stroke-width="1"/><text x="77.0" y="172.0">2: b_defects</text></g>
<g class="state equilibrium"><circle cx="65.0" cy="186.0" r="5" fill="#f2b705" stroke="black" stroke-width="2"/><text x="77.0" y="190.0" font-weight="bold">3: a_defects + b_defects [Nash, GMR, SMR, SEQ, SIM, SEQSIM, Lh, NM]</text></g>
</svg>
EOF2
same "PD SVG" "$TMP/pd.svg" "$TMP/pd-out.svg"

# --- chain: DOT of every state (Nash only; the model's name escaped), the focused SVG from the status quo
cat >"$TMP/chain.dot" <<'EOF2'
digraph conflict {
  label="chain \"a\" & \\ b";
  labelloc=t;
  node [shape=box, style=rounded, fontname="sans-serif"];
  legend0 [shape=plaintext, fontcolor="#1f77b4", label="moves by A"];
  legend1 [shape=plaintext, fontcolor="#d62728", label="moves by B"];
  legend2 [shape=plaintext, fontcolor="#2ca02c", label="moves by C"];
  s0 [label="0: nothing"];
  s1 [label="1: a"];
  s2 [label="2: b"];
  s3 [label="3: a + b"];
  s4 [label="4: c"];
  s5 [label="5: a + c"];
  s6 [label="6: b + c"];
  s7 [label="7: a + b + c
equilibrium: Nash", peripheries=2, style="rounded,filled,bold", fillcolor="#ffe9a8"];
  s0 -> s1 [color="#1f77b4"];
  s1 -> s3 [color="#d62728"];
  s2 -> s3 [color="#1f77b4"];
  s2 -> s0 [color="#d62728"];
  s2 -> s6 [color="#2ca02c"];
  s3 -> s7 [color="#2ca02c"];
  s4 -> s5 [color="#1f77b4"];
  s4 -> s0 [color="#2ca02c"];
  s5 -> s7 [color="#d62728"];
  s5 -> s1 [color="#2ca02c"];
  s6 -> s7 [color="#1f77b4"];
  s6 -> s4 [color="#d62728"];
}
EOF2
cat >"$TMP/chain.svg" <<EOF2
<svg xmlns="http://www.w3.org/2000/svg" width="629" height="270" viewBox="0 0 629 270" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
<defs>
$MARKERS
</defs>
<text x="10" y="20" font-size="14" font-weight="bold">chain &quot;a&quot; &amp; \\ b</text>
<text x="10" y="36">the equilibria and the moves into and out of them, the path from the status quo</text>
<line x1="10" y1="54" x2="34" y2="54" stroke="#1f77b4" stroke-width="2"/><text x="40" y="58">moves by A</text>
<line x1="10" y1="72" x2="34" y2="72" stroke="#d62728" stroke-width="2"/><text x="40" y="76">moves by B</text>
<line x1="10" y1="90" x2="34" y2="90" stroke="#2ca02c" stroke-width="2"/><text x="40" y="94">moves by C</text>
<circle cx="22" cy="108" r="6" fill="#f2b705" stroke="black" stroke-width="2"/><text x="40" y="112">equilibrium [the notions under which it is one]</text>
<circle cx="22" cy="126" r="6" fill="white" stroke="#333" stroke-width="3" stroke-dasharray="2 2"/><text x="40" y="130">status quo; thick arrows: its path to an equilibrium</text>
<path class="move" d="M59.0 150.0C49.0 150.0 49.0 162.0 62.0 162.0" fill="none" stroke="#1f77b4" stroke-opacity="0.75" stroke-width="2.6" marker-end="url(#arrow0)"/>
<path class="move" d="M59.0 168.0C42.0 168.0 42.0 180.0 62.0 180.0" fill="none" stroke="#d62728" stroke-opacity="0.75" stroke-width="2.6" marker-end="url(#arrow1)"/>
<path class="move" d="M59.0 186.0C49.0 186.0 49.0 234.0 62.0 234.0" fill="none" stroke="#2ca02c" stroke-opacity="0.75" stroke-width="2.6" marker-end="url(#arrow2)"/>
<path class="move" d="M59.0 204.0C42.0 204.0 42.0 234.0 62.0 234.0" fill="none" stroke="#d62728" stroke-opacity="0.75" stroke-width="1.2" marker-end="url(#arrow1)"/>
<path class="move" d="M59.0 222.0C35.0 222.0 35.0 234.0 62.0 234.0" fill="none" stroke="#1f77b4" stroke-opacity="0.75" stroke-width="1.2" marker-end="url(#arrow0)"/>
<g class="state status-quo"><circle cx="65.0" cy="150.0" r="5" fill="white" stroke="black" stroke-width="2" stroke-dasharray="2 2"/><text x="77.0" y="154.0">0: nothing (status quo)</text></g>
<g class="state"><circle cx="65.0" cy="168.0" r="5" fill="white" stroke="black" stroke-width="1"/><text x="77.0" y="172.0">1: a</text></g>
<g class="state"><circle cx="65.0" cy="186.0" r="5" fill="white" stroke="black" stroke-width="1"/><text x="77.0" y="190.0">3: a + b</text></g>
<g class="state"><circle cx="65.0" cy="204.0" r="5" fill="white" stroke="black" stroke-width="1"/><text x="77.0" y="208.0">5: a + c</text></g>
<g class="state"><circle cx="65.0" cy="222.0" r="5" fill="white" stroke="black" stroke-width="1"/><text x="77.0" y="226.0">6: b + c</text></g>
<g class="state equilibrium"><circle cx="65.0" cy="240.0" r="5" fill="#f2b705" stroke="black" stroke-width="2"/><text x="77.0" y="244.0" font-weight="bold">7: a + b + c [Nash]</text></g>
</svg>
EOF2
expect_exit 0 "chain --dot --svg --from 0" "$PARLEY" conflict "$TMP/chain.json" --notions nash --from 0 \
    --dot "$TMP/chain-out.dot" --svg "$TMP/chain-out.svg"
same "chain DOT" "$TMP/chain.dot" "$TMP/chain-out.dot"
same "chain SVG from 0" "$TMP/chain.svg" "$TMP/chain-out.svg"

# chain, --focus B: only B's moves (1->3 2->0 5->7 6->4); none leaves the status quo 0, so no path is drawn; kept:
# 5->7, into the equilibrium; states 0 (status quo), 5, 7 on rows 0..2; one lane: x = 51; width 360 + 3.4 * 96 (the subtitle).
cat >"$TMP/chain-b.svg" <<EOF2
<svg xmlns="http://www.w3.org/2000/svg" width="686" height="216" viewBox="0 0 686 216" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
<defs>
$MARKERS
</defs>
<text x="10" y="20" font-size="14" font-weight="bold">chain &quot;a&quot; &amp; \\ b</text>
<text x="10" y="36">the equilibria and the moves into and out of them, the path from the status quo; moves by B only</text>
<line x1="10" y1="72" x2="34" y2="72" stroke="#d62728" stroke-width="2"/><text x="40" y="76">moves by B</text>
<circle cx="22" cy="108" r="6" fill="#f2b705" stroke="black" stroke-width="2"/><text x="40" y="112">equilibrium [the notions under which it is one]</text>
<circle cx="22" cy="126" r="6" fill="white" stroke="#333" stroke-width="3" stroke-dasharray="2 2"/><text x="40" y="130">status quo; thick arrows: its path to an equilibrium</text>
<path class="move" d="M45.0 168.0C35.0 168.0 35.0 180.0 48.0 180.0" fill="none" stroke="#d62728" stroke-opacity="0.75" stroke-width="1.2" marker-end="url(#arrow1)"/>
<g class="state status-quo"><circle cx="51.0" cy="150.0" r="5" fill="white" stroke="black" stroke-width="2" stroke-dasharray="2 2"/><text x="63.0" y="154.0">0: nothing (status quo)</text></g>
<g class="state"><circle cx="51.0" cy="168.0" r="5" fill="white" stroke="black" stroke-width="1"/><text x="63.0" y="172.0">5: a + c</text></g>
<g class="state equilibrium"><circle cx="51.0" cy="186.0" r="5" fill="#f2b705" stroke="black" stroke-width="2"/><text x="63.0" y="190.0" font-weight="bold">7: a + b + c [Nash]</text></g>
</svg>
EOF2
expect_exit 0 "chain --svg --focus B" "$PARLEY" conflict "$TMP/chain.json" --notions nash --focus B --svg "$TMP/chain-b-out.svg"
same "chain SVG, B's moves" "$TMP/chain-b.svg" "$TMP/chain-b-out.svg"
# --from overrides the model's status quo; the path is searched among the moves drawn (C's alone here)
expect_exit 0 "chain --svg --focus C --from 2" "$PARLEY" conflict "$TMP/chain.json" --notions nash --focus C --from 2 \
    --svg "$TMP/chain-c2.svg"
# C's moves 2->6 3->7 4->0 5->1; from 2 C reaches 6 and stops (not an equilibrium): no path; kept 3->7 only
grep -c '<path class="move"' "$TMP/chain-c2.svg" | grep -qx 1 || fail "chain --focus C --from 2: not one arc"
expect_in "$TMP/chain-c2.svg" 'd="M45.0 168.0C35.0 168.0 35.0 180.0 48.0 180.0" fill="none" stroke="#2ca02c" stroke-opacity="0.75" stroke-width="1.2"' \
    "chain --focus C --from 2: the arc 3->7 (rows 1 to 2 of 2, 3, 7)"
expect_in "$TMP/chain-c2.svg" '<text x="63.0" y="154.0">2: b (status quo)</text>' "chain --focus C --from 2: the start"

# arcs() FILE: each arc as "PATH COLOUR WIDTH", in the order drawn
arcs() { sed -n 's/^<path class="move" d="\([^"]*\)" fill="none" stroke="\([^"]*\)" stroke-opacity="0.75" stroke-width="\([^"]*\)".*/\1 \2 \3/p' "$1"; }
# chain --from 4 (focused): two ways to the equilibrium, 4->5->7 (A then B) and 4->0->1->3->7; the shortest is
# thick.  Kept: 3->7, 4->5, 5->7, 6->7 on the rows of 3 4 5 6 7; lanes 0, 1, 2, 1: x = 65.
expect_exit 0 "chain --svg --from 4" "$PARLEY" conflict "$TMP/chain.json" --notions nash --from 4 --svg "$TMP/chain4.svg"
arcs "$TMP/chain4.svg" >"$TMP/chain4.arcs"
cat >"$TMP/chain4.want" <<'EOF2'
M59.0 150.0C49.0 150.0 49.0 216.0 62.0 216.0 #2ca02c 1.2
M59.0 168.0C42.0 168.0 42.0 180.0 62.0 180.0 #1f77b4 2.6
M59.0 186.0C35.0 186.0 35.0 216.0 62.0 216.0 #d62728 2.6
M59.0 204.0C42.0 204.0 42.0 216.0 62.0 216.0 #1f77b4 1.2
EOF2
same "chain from 4: the arcs" "$TMP/chain4.want" "$TMP/chain4.arcs"
expect_in "$TMP/chain4.svg" '<g class="state status-quo"><circle cx="65.0" cy="168.0" r="5" fill="white" stroke="black" stroke-width="2" stroke-dasharray="2 2"/><text x="77.0" y="172.0">4: c (status quo)</text></g>' \
    "chain from 4: the status quo on its row"
# chain, every state (8, no focus): twelve arcs in six lanes (x = 86), arcs going up end 6 px below their state
expect_exit 0 "chain --svg" "$PARLEY" conflict "$TMP/chain.json" --notions nash --svg "$TMP/chain-all.svg"
arcs "$TMP/chain-all.svg" >"$TMP/chain-all.arcs"
cat >"$TMP/chain-all.want" <<'EOF2'
M80.0 150.0C70.0 150.0 70.0 162.0 83.0 162.0 #1f77b4 1.2
M80.0 168.0C49.0 168.0 49.0 198.0 83.0 198.0 #d62728 1.2
M80.0 186.0C70.0 186.0 70.0 198.0 83.0 198.0 #1f77b4 1.2
M80.0 186.0C63.0 186.0 63.0 156.0 83.0 156.0 #d62728 1.2
M80.0 186.0C35.0 186.0 35.0 252.0 83.0 252.0 #2ca02c 1.2
M80.0 204.0C63.0 204.0 63.0 270.0 83.0 270.0 #2ca02c 1.2
M80.0 222.0C70.0 222.0 70.0 234.0 83.0 234.0 #1f77b4 1.2
M80.0 222.0C56.0 222.0 56.0 156.0 83.0 156.0 #2ca02c 1.2
M80.0 240.0C56.0 240.0 56.0 270.0 83.0 270.0 #d62728 1.2
M80.0 240.0C42.0 240.0 42.0 174.0 83.0 174.0 #2ca02c 1.2
M80.0 258.0C70.0 258.0 70.0 270.0 83.0 270.0 #1f77b4 1.2
M80.0 258.0C49.0 258.0 49.0 228.0 83.0 228.0 #d62728 1.2
EOF2
same "chain, every state: the arcs" "$TMP/chain-all.want" "$TMP/chain-all.arcs"
[ "$(grep -c '<g class="state' "$TMP/chain-all.svg")" = 8 ] || fail "chain, every state: not 8 states drawn"
expect_in "$TMP/chain-all.svg" 'width="567" height="306"' "chain, every state: 8 rows (150 + 7 * 18 + 30 high), the subtitle's width (360 + 3.4 * 61)"

# --focus A (the first DM, number 0): its legend line alone
expect_exit 0 "chain --svg --focus A" "$PARLEY" conflict "$TMP/chain.json" --notions nash --focus A --svg "$TMP/chain-a.svg"
[ "$(grep -c '>moves by ' "$TMP/chain-a.svg")" = 1 ] || fail "chain --focus A: not one legend line"
expect_in "$TMP/chain-a.svg" '<line x1="10" y1="54" x2="34" y2="54" stroke="#1f77b4" stroke-width="2"/><text x="40" y="58">moves by A</text>' \
    "chain --focus A: A's legend"

# --- two DMs sanction at once: A (ranking 1 3 5 0 7 2 4 6) improves from 0 to 1; B alone (3) or C alone (5) leave
# A better off, both (7) do not.  Sequentially B then C reach 7 (GMR), but neither move is an improvement for its
# mover (B ranks 1 above 3, C 1 above 5): SEQ escapes; at once, each improving from 0 (B takes b, C takes c), they
# reach 7: SIM.  7 is A's rank 5.
cat >"$TMP/two.json" <<'JSON'
{"name": "two at once", "decision_makers": [{"name": "A", "options": ["a"], "ranking": [1, 3, 5, 0, 7, 2, 4, 6]},
 {"name": "B", "options": ["b"], "ranking": [2, 0, 1, 3, 4, 5, 6, 7]},
 {"name": "C", "options": ["c"], "ranking": [4, 0, 1, 2, 3, 5, 6, 7]}]}
JSON
expect_exit 0 "two at once" "$PARLEY" conflict "$TMP/two.json" --explain 0
sed -n 3,7p "$TMP/out" >"$TMP/two.out"
cat >"$TMP/two.txt" <<'EOF2'
  A ranks it 4 of 8; stable under: GMR SMR SIM SEQSIM
    improvement to 1 (a), rank 1:
      GMR  sanctioned: B moves to a + b, then C moves to a + b + c -> 7 (a + b + c), rank 5
      SEQ  escapes: no SEQ sanction
      SIM  sanctioned: B at once takes b, and C at once takes c -> 7 (a + b + c), rank 5
EOF2
same "two at once" "$TMP/two.txt" "$TMP/two.out"
expect_exit 0 "two at once --json" "$PARLEY" conflict "$TMP/two.json" --explain 0 --json
python3 - "$TMP/out" <<'PY' || fail "two at once --json: the SIM sanction"
import json, sys
d = json.load(open(sys.argv[1]))
sim = d["decision_makers"][0]["improvements"][0]["SIM"]
assert [(m["mover"], m["code"], m["changes"]) for m in sim["moves"]] == [
    ("B", 2, [{"option": "b", "taken": True}]), ("C", 4, [{"option": "c", "taken": True}])], sim
assert sim["reaches"] == {"code": 7, "vector": "YYY", "label": "a + b + c", "rank": 5}, sim
assert d["decision_makers"][0]["improvements"][0]["SEQ"] is None
PY

# --all --focus A: every arc of A, but only the states they join (and the equilibria): A is indifferent between 2
# and 3, so its only improvement is 0->1, and 1 is the Nash equilibrium (B's improvements are 2->0 and 3->1)
printf '%s\n' '{"name": "tie", "decision_makers": [{"name": "A", "options": ["a"], "ranking": [1, 0, [2, 3]]},
 {"name": "B", "options": ["b"], "ranking": [0, 1, 2, 3]}]}' >"$TMP/tie.json"
expect_exit 0 "tie --all --focus A" "$PARLEY" conflict "$TMP/tie.json" --notions nash --focus A --all --svg "$TMP/tie.svg"
[ "$(grep -o '<text x="63.0" y="[0-9.]*"[^>]*>[0-9]: [^<]*' "$TMP/tie.svg" | tr '\n' '|')" = \
    '<text x="63.0" y="136.0">0: nothing|<text x="63.0" y="154.0" font-weight="bold">1: a [Nash]|' ] ||
    fail "tie --all --focus A: not the states 0 and 1 alone"

# --- long names: the SVG is as wide as its longest state line.  With --coalitions the model's status quo is marked
# in the full view; here it is 3, whose line "3: alpha_... + beta_... (status quo)" is the longest: 36 + 3 + 35
# characters of options, 10 for the code and its margin and 14 for " (status quo)": 98, so the width is
# 65 + 14 + 6.8 * 98 + 20 = 765.4 (arcs 1->0, 2->0, 3->1, 3->2 in lanes 0, 1, 2, 0).
cat >"$TMP/long.json" <<'JSON'
{"name": "long", "status_quo": 3, "decision_makers": [
 {"name": "A", "options": ["alpha_option_with_a_rather_long_name"], "ranking": [0, 2, 1, 3]},
 {"name": "B", "options": ["beta_option_with_a_rather_long_name"], "ranking": [0, 1, 2, 3]}]}
JSON
expect_exit 0 "long names" "$PARLEY" conflict "$TMP/long.json" --notions nash --coalitions --svg "$TMP/long.svg"
expect_in "$TMP/long.svg" '<svg xmlns="http://www.w3.org/2000/svg" width="765" height="216" viewBox="0 0 765 216"' "long names: the size"
expect_in "$TMP/long.svg" '<text x="77.0" y="190.0">3: alpha_option_with_a_rather_long_name + beta_option_with_a_rather_long_name (status quo)</text>' \
    "long names: the status quo's line"
expect_in "$TMP/long.svg" '<text x="40" y="94">equilibrium' "long names: the legend"
expect_in "$TMP/long.svg" '<text x="40" y="112">status quo; thick arrows' "long names: the status quo in the legend"

# --- at most 256 states drawn: 9 options, all states without option 9 (256), and one more (257: option 9 requires
# all eight others)
big() { # file infeasible-json
    printf '{"name": "big", "decision_makers": [{"name": "A", "options": ["o1", "o2", "o3", "o4", "o5"], "preferences": ["o1"]},
 {"name": "B", "options": ["o6", "o7", "o8", "o9"], "preferences": ["o6"]}], "infeasible": [%s]}\n' "$2" >"$1"
}
big "$TMP/g256.json" '"--------Y"'
big "$TMP/g257.json" '{"option": 9, "requires": [1, 2, 3, 4, 5, 6, 7, 8]}'
expect_exit 0 "256 states drawn" "$PARLEY" conflict "$TMP/g256.json" --notions nash --all --dot "$TMP/g256.dot" --svg "$TMP/g256.svg"
[ "$(grep -c '^  s[0-9]* \[label=' "$TMP/g256.dot")" = 256 ] || fail "256 states drawn: not 256 DOT nodes"
[ "$(grep -c '^<g class="state' "$TMP/g256.svg")" = 256 ] || fail "256 states drawn: not 256 SVG states"
expect_exit 2 "257 states as DOT" "$PARLEY" conflict "$TMP/g257.json" --notions nash --dot "$TMP/g257.dot"
[ "$(cat "$TMP/err")" = "parley conflict: the graph has 257 states; at most 256 can be drawn" ] || fail "257 states as DOT: $(cat "$TMP/err")"
expect_exit 2 "257 states as SVG" "$PARLEY" conflict "$TMP/g257.json" --notions nash --all --svg "$TMP/g257.svg"
[ "$(cat "$TMP/err")" = "parley conflict: the graph has 257 states to draw; at most 256 can be drawn (draw one decision maker's moves with --focus DM)" ] ||
    fail "257 states as SVG: $(cat "$TMP/err")"

# --- the text report of the prisoner's dilemma with L_2, NM, the status quo 0 and coalitions, whole (the timing
# line aside): the stability letters per DM follow the equilibria above; from 0 each side's defection is one step
# and 3 two; no state is better than 0 for both A (only 1 is) and B (only 2 is), so the coalition has none.
cat >"$TMP/pd.txt" <<'EOF2'
Conflict: Prisoner's dilemma as a graph model
2 decision makers, 2 options, 4 feasible states (of 4)

Options (state code = sum of 2^(k-1) over the options k taken):
   1 a_defects    A defects                                A
   2 b_defects    B defects                                B

Preferences (state codes, most preferred first, ties in brackets):
  A                    1 0 3 2
  B                    2 0 3 1

Stability (R Nash, G GMR, S SMR, Q SEQ, M SIM, B SEQ+SIM, L L_h with h = 2, N non-myopic; '.' unstable):
  #   code     vector A        B        equilibrium state (options taken)
  1   0        NN     .GSQMBLN .GSQMBLN .GSQMBLN    nothing
  2   1        YN     RGSQMBLN ........             a_defects
  3   2        NY     ........ RGSQMBLN             b_defects
  4   3        YY     RGSQMBLN RGSQMBLN RGSQMBLN    a_defects + b_defects

Equilibria (stable for every decision maker):
  Nash   1: 3 (YY)
  GMR    2: 0 (NN) 3 (YY)
  SMR    2: 0 (NN) 3 (YY)
  SEQ    2: 0 (NN) 3 (YY)
  SIM    2: 0 (NN) 3 (YY)
  SEQSIM 2: 0 (NN) 3 (YY)
  Lh     2: 0 (NN) 3 (YY)
  NM     2: 0 (NN) 3 (YY)
  (Lh: limited-move stability with horizon h = 2)
  (NM: the anticipations of L_h repeat with period 1 as h grows, so the limit exists)

Analysis: 4 states in S s on 1 thread

Status quo 0 (NN, nothing): 3 states reachable by unilateral improvements (shortest paths)
  1        YN  step 1: A moves from 0 to a_defects
  2        NY  step 1: B moves from 0 to b_defects
  3        YY  step 2: B moves from 1 to a_defects + b_defects  equilibrium: Nash GMR SMR SEQ SIM SEQSIM Lh NM

Coalition improvements from 0 (states every member prefers, reachable by the members' moves)
  {A, B}: none
EOF2
expect_exit 0 "PD text" "$PARLEY" conflict "$PD" --horizon 2 --non-myopic --from 0 --coalitions --threads 1
sed -i 's/^Analysis: 4 states in [0-9.]* s/Analysis: 4 states in S s/' "$TMP/out"
same "PD text" "$TMP/pd.txt" "$TMP/out"
# non-myopic anticipations of period 4 (tests/test_gmcr_nm_period.c works them out): A is NM stable at 1 and 2,
# B at 0; no NM equilibrium
printf '%s\n' '{"name": "period four", "decision_makers": [{"name": "A", "options": ["a"], "ranking": [2, 1, 0, 3]},
 {"name": "B", "options": ["b"], "ranking": [0, 1, 3, 2]}]}' >"$TMP/p4.json"
expect_exit 0 "period 4" "$PARLEY" conflict "$TMP/p4.json" --non-myopic --notions nash
sed -n '/^  #/,/^  4/p;/^  Nash/,/^  (NM/p' "$TMP/out" >"$TMP/p4.out"
cat >"$TMP/p4.txt" <<'EOF2'
  #   code     vector A  B  equilibrium state (options taken)
  1   0        NN     .. RN             nothing
  2   1        YN     RN R. R.          a
  3   2        NY     RN ..             b
  4   3        YY     .. ..             a + b
  Nash   1: 1 (YN)
  NM     0:
  (NM: the anticipations of L_h repeat with period 4 as h grows; NM = L_h stable at every h of the cycle)
EOF2
same "period 4" "$TMP/p4.txt" "$TMP/p4.out"

# period 2, by hand: p_A 0 > 1 > 3 > 2, p_B 1 > 2 > 0 > 3; A toggles bit 0, B bit 1.  G_h(k) over s = 0..3:
#   h  G_h(A)     G_h(B)     L_h stable: A / B
#   1  [0,0,3,3]  [2,1,2,1]  {0,3} / {1,2}
#   2  [0,1,1,3]  [0,1,2,0]  {0,1,3} / {0,1,2}
#   3  [0,0,0,3]  [1,1,2,1]  {0,3} / {1,2}
#   4  [0,1,1,3]  [0,1,2,0]  = h 2: period 2 from h = 2; NM (L_3 and L_4) A {0,3}, B {1,2}: no NM equilibrium
printf '%s\n' '{"name": "period two", "decision_makers": [{"name": "A", "options": ["a"], "ranking": [0, 1, 3, 2]},
 {"name": "B", "options": ["b"], "ranking": [1, 2, 0, 3]}]}' >"$TMP/p2.json"
expect_exit 0 "period 2" "$PARLEY" conflict "$TMP/p2.json" --non-myopic --notions nash
sed -n '/^  #/,/^  4/p;/^  Nash/,/^  (NM/p' "$TMP/out" >"$TMP/p2.out"
cat >"$TMP/p2.txt" <<'EOF2'
  #   code     vector A  B  equilibrium state (options taken)
  1   0        NN     RN ..             nothing
  2   1        YN     .. RN             a
  3   2        NY     .. RN             b
  4   3        YY     RN ..             a + b
  Nash   0:
  NM     0:
  (NM: the anticipations of L_h repeat with period 2 as h grows; NM = L_h stable at every h of the cycle)
EOF2
same "period 2" "$TMP/p2.txt" "$TMP/p2.out"
expect_exit 0 "period 2, L_2" "$PARLEY" conflict "$TMP/p2.json" --horizon 2 --json
python3 - "$TMP/out" <<'PY' || fail "period 2, L_2: not A {0,1,3}, B {0,1,2}, equilibria {0,1}"
import json, sys
d = json.load(open(sys.argv[1]))
st = {s["code"]: s["stable"] for s in d["states"]}
assert [c for c in range(4) if "Lh" in st[c]["A"]] == [0, 1, 3], st
assert [c for c in range(4) if "Lh" in st[c]["B"]] == [0, 1, 2], st
assert d["equilibria"]["Lh"] == [0, 1], d["equilibria"]
PY

# --- --explain, pinned whole on the prisoner's dilemma (every notion but L_h/NM): at 0 each side's defection is
# answered by the other's, which is an improvement for it (credible) and at the same time its own improvement
# (SIM), reaching 3, rank 3 for both; at 1 B's defection escapes every sanction (A, at its best state, has no
# improvement and no move B ranks below its worst).
cat >"$TMP/explain0.txt" <<'EOF2'
State 0 (NN): nothing

  A ranks it 2 of 4; stable under: GMR SMR SEQ SIM SEQSIM
    improvement to 1 (a_defects), rank 1:
      GMR  sanctioned: B moves to a_defects + b_defects -> 3 (a_defects + b_defects), rank 3
      SEQ  sanctioned: B moves to a_defects + b_defects -> 3 (a_defects + b_defects), rank 3
      SIM  sanctioned: B at once takes b_defects -> 3 (a_defects + b_defects), rank 3

  B ranks it 2 of 4; stable under: GMR SMR SEQ SIM SEQSIM
    improvement to 2 (b_defects), rank 1:
      GMR  sanctioned: A moves to a_defects + b_defects -> 3 (a_defects + b_defects), rank 3
      SEQ  sanctioned: A moves to a_defects + b_defects -> 3 (a_defects + b_defects), rank 3
      SIM  sanctioned: A at once takes a_defects -> 3 (a_defects + b_defects), rank 3
EOF2
expect_exit 0 "PD --explain 0" "$PARLEY" conflict "$PD" --explain 0
same "PD --explain 0" "$TMP/explain0.txt" "$TMP/out"
cat >"$TMP/explain1.txt" <<'EOF2'
State 1 (YN): a_defects

  A ranks it 1 of 4; stable under: Nash GMR SMR SEQ SIM SEQSIM
    no unilateral improvement: nothing it can do on its own is better for it

  B ranks it 4 of 4; stable under: none
    improvement to 3 (a_defects + b_defects), rank 3:
      GMR  escapes: no GMR sanction
      SEQ  escapes: no SEQ sanction
      SIM  escapes: no SIM sanction
EOF2
expect_exit 0 "PD --explain a_defects" "$PARLEY" conflict "$PD" --explain a_defects
same "PD --explain a_defects" "$TMP/explain1.txt" "$TMP/out"

# --- seven options of A (and b of B): from nothing, every one of A's 127 moves is an improvement (A's statements
# a1 ... a7 put nothing last): --explain lists 25 and counts them all; --inverse gives up (more than 96
# improvements, 12 changes for each of 16 decision makers halved) for every notion 0 is not already stable under
cat >"$TMP/seven.json" <<'JSON'
{"name": "seven", "decision_makers": [
 {"name": "A", "options": ["a1", "a2", "a3", "a4", "a5", "a6", "a7"], "preferences": ["a1", "a2", "a3", "a4", "a5", "a6", "a7"]},
 {"name": "B", "options": ["b"], "preferences": ["b"]}]}
JSON
expect_exit 0 "seven --explain 0" "$PARLEY" conflict "$TMP/seven.json" --explain 0 --notions nash
[ "$(grep -c '^    improvement to ' "$TMP/out")" = 26 ] || fail "seven --explain 0: not 25 of A's and B's one improvement listed"
expect_in "$TMP/out" "    ... 127 improvements in all (the first 25 shown)" "seven --explain 0: A's count"
grep -q "improvements in all" <(sed -n '/B ranks/,$p' "$TMP/out") && fail "seven --explain 0: B's one improvement counted as more"
# exactly 25 improvements (31 moves of five options, 6 of them infeasible): all listed, no count line
cat >"$TMP/25.json" <<'JSON'
{"name": "25", "decision_makers": [
 {"name": "A", "options": ["a1", "a2", "a3", "a4", "a5"], "preferences": ["a1", "a2", "a3", "a4", "a5"]},
 {"name": "B", "options": ["b"], "preferences": ["b"]}],
 "infeasible": ["YYYYY-", "YYYYN-", "YYYNY-", "YYNYY-", "YNYYY-", "NYYYY-"]}
JSON
expect_exit 0 "25 --explain 0" "$PARLEY" conflict "$TMP/25.json" --explain 0 --notions nash
[ "$(grep -c '^    improvement to ' "$TMP/out")" = 26 ] || fail "25 --explain 0: not A's 25 and B's one improvement listed"
grep -q "improvements in all" "$TMP/out" && fail "25 --explain 0: a count line for 25 improvements, all shown"
expect_exit 0 "seven --inverse 0" "$PARLEY" conflict "$TMP/seven.json" --inverse 0 --notions nash,gmr
expect_in "$TMP/out" "Nash   not reached: too many improvements to search" "seven --inverse 0: Nash"
expect_in "$TMP/out" "GMR    not reached: too many improvements to search" "seven --inverse 0: GMR"
expect_exit 0 "seven --inverse 0 --json" "$PARLEY" conflict "$TMP/seven.json" --inverse 0 --notions nash --json
python3 - "$TMP/out" <<'PY' || fail "seven --inverse 0 --json: the reason"
import json, sys
d = json.load(open(sys.argv[1]))
[n] = d["notions"]
assert n["notion"] == "Nash" and n["already"] is False and n["changes"] is None, n
assert n["reason"] == "too many improvements to search", n
PY

# --- conflict's usage errors, each with its message (exit 2)
usage_error() { # description message args...
    local what=$1 message=$2
    shift 2
    expect_exit 2 "$what" "$PARLEY" conflict "$@"
    printf 'parley conflict: %s\n(see %s)\n' "$message" "'parley conflict --help'" | cmp -s - "$TMP/err" ||
        fail "$what: stderr is '$(cat "$TMP/err")'"
}
usage_error "--explain and --inverse" "--explain and --inverse: one at a time" "$PD" --explain 0 --inverse 0
usage_error "--explain 4" "--explain: state '4': expected a decimal code from 0 to 3, a Y/N vector or #number" "$PD" --explain 4
usage_error "--inverse zz" "--inverse: state 'zz': expected a decimal code, a Y/N vector, #number or option ids joined by '+'" "$PD" --inverse zz
usage_error "--from zz" "--from: state 'zz': expected a decimal code, a Y/N vector, #number or option ids joined by '+'" "$PD" --from zz
usage_error "two models" "one model file expected, got 'x.json' too" "$PD" x.json
usage_error "no model" "missing the model file" --quiet
usage_error "--non-myopic, three DMs" "--horizon and --non-myopic are defined for two decision makers; $TMP/chain.json has 3" "$TMP/chain.json" --non-myopic
usage_error "--horizon, three DMs" "--horizon and --non-myopic are defined for two decision makers; $TMP/chain.json has 3" "$TMP/chain.json" --horizon 2
printf '%s\n' '{"decision_makers": [{"name": "A", "options": ["a"]}, {"name": "B", "options": ["b"]}]}' >"$TMP/nosq.json"
usage_error "--coalitions, no status quo" "--coalitions needs --from STATE (the model has no status_quo)" "$TMP/nosq.json" --coalitions
usage_error "--notions empty" "--notions expects a list of nash, gmr, smr, seq, sim, seqsim or all, got ''" "$PD" --notions ""
usage_error "--notions bad" "--notions expects a list of nash, gmr, smr, seq, sim, seqsim or all, got 'nash,mgr'" "$PD" --notions nash,mgr
for opt in "--horizon:a number of moves" "--explain:a state" "--inverse:a state" "--dot:a file name" "--svg:a file name" \
    "--focus:a decision maker's name" "--from:a state" "--threads:a number"; do
    usage_error "${opt%%:*} without its value" "${opt%%:*} expects ${opt#*:}" "$PD" "${opt%%:*}"
done
# each word of --notions and the notions it computes (the JSON's equilibria, by name; Nash always, as the base)
for pair in "r:Nash" "nash:Nash" "gmr:Nash GMR" "smr:Nash SMR" "seq:Nash SEQ" "sim:Nash SIM" "seqsim:Nash SEQSIM" \
    "seq+sim:Nash SEQSIM" "r,seq+sim:Nash SEQSIM" "all:Nash GMR SMR SEQ SIM SEQSIM" "smr,gmr:Nash GMR SMR"; do
    expect_exit 0 "--notions ${pair%%:*}" "$PARLEY" conflict "$PD" --json --notions "${pair%%:*}"
    got=$(python3 -c 'import json, sys; print(" ".join(json.load(open(sys.argv[1]))["equilibria"]))' "$TMP/out")
    [ "$got" = "${pair#*:}" ] || fail "--notions ${pair%%:*}: computes $got"
done

# --- bad models: exit 2, the file, the JSON path and the reason, exactly (gmcr_load.c)
# refused NAME JSON EXPECTED-STDERR-LINE
refused() {
    printf '%s\n' "$2" >"$TMP/bad.json"
    expect_exit 2 "$1" "$PARLEY" conflict "$TMP/bad.json"
    printf '%s\n' "$3" | cmp -s - "$TMP/err" || fail "$1: stderr is '$(cat "$TMP/err")', expected '$3'"
}
TWO_DMS='{"name": "A", "options": ["peace", "war"]}, {"name": "B", "options": ["talk"]}'
TOP_KEYS='"name", "description", "source", "decision_makers", "infeasible", "status_quo", "notes"'
refused "a misspelt top-level key" "{\"nmae\": \"x\", \"decision_makers\": [$TWO_DMS]}" \
    "parley conflict: $TMP/bad.json: unknown key \"nmae\" (did you mean \"name\"?); expected one of $TOP_KEYS"
refused "an unknown top-level key" "{\"zqxwvy\": 1, \"decision_makers\": [$TWO_DMS]}" \
    "parley conflict: $TMP/bad.json: unknown key \"zqxwvy\"; expected one of $TOP_KEYS"
refused "a negotiation scenario" '{"name": "s", "issues": [], "parties": []}' \
    "parley conflict: $TMP/bad.json: this is a negotiation scenario (issues and parties), not a conflict model: read it with parley analyze, negotiate or tournament (docs/conflict-format.md describes conflict models)"
refused "a misspelt key of a decision maker" \
    '{"decision_makers": [{"name": "A", "optons": ["peace"]}, {"name": "B", "options": ["talk"]}]}' \
    "parley conflict: $TMP/bad.json: at decision_makers[0]: unknown key \"optons\" (did you mean \"options\"?); expected one of \"name\", \"options\", \"preferences\", \"ranking\", \"description\""
refused "a misspelt option in a statement" \
    '{"decision_makers": [{"name": "A", "options": ["peace", "war"], "preferences": ["war", "-peac"]}, {"name": "B", "options": ["talk"]}]}' \
    "parley conflict: $TMP/bad.json: at decision_makers[0].preferences[1]: in \"-peac\" at character 2: unknown option 'peac' (did you mean 'peace'?)"
refused "option 3 of 3 (numbers from 1)" \
    '{"decision_makers": [{"name": "A", "options": ["peace", "war"], "preferences": ["4"]}, {"name": "B", "options": ["talk"]}]}' \
    "parley conflict: $TMP/bad.json: at decision_makers[0].preferences[0]: in \"4\" at character 1: unknown option '4'"
refused "option 0 in a statement" \
    '{"decision_makers": [{"name": "A", "options": ["peace", "war"], "preferences": ["0"]}, {"name": "B", "options": ["talk"]}]}' \
    "parley conflict: $TMP/bad.json: at decision_makers[0].preferences[0]: in \"0\" at character 1: unknown option '0'"
refused "a misspelt option that requires" "{\"decision_makers\": [$TWO_DMS], \"infeasible\": [{\"option\": \"peac\", \"requires\": [\"talk\"]}]}" \
    "parley conflict: $TMP/bad.json: at infeasible[0].option: unknown option \"peac\" (did you mean 'peace'?)"
refused "option 0 required" "{\"decision_makers\": [$TWO_DMS], \"infeasible\": [{\"option\": 1, \"requires\": [0]}]}" \
    "parley conflict: $TMP/bad.json: at infeasible[0].requires[0]: option 0 does not exist; expected 1 to 3"
refused "option 4 of 3 required" "{\"decision_makers\": [$TWO_DMS], \"infeasible\": [{\"option\": 4, \"requires\": 1}]}" \
    "parley conflict: $TMP/bad.json: at infeasible[0].option: option 4 does not exist; expected 1 to 3"
# the ends of the range are options: peace (1) requires talk (3), and "3" in a statement is talk
printf '%s\n' "{\"decision_makers\": [{\"name\": \"A\", \"options\": [\"peace\", \"war\"], \"preferences\": [\"3\"]}, {\"name\": \"B\", \"options\": [\"talk\"]}], \"infeasible\": [{\"option\": 1, \"requires\": [3]}]}" >"$TMP/ends.json"
expect_exit 0 "options 1 and 3" "$PARLEY" conflict "$TMP/ends.json" --json
python3 - "$TMP/out" <<'PY' || fail "options 1 and 3: peace without talk not removed, or A's preference for talk lost"
import json, sys
d = json.load(open(sys.argv[1]))
codes = sorted(s["code"] for s in d["states"])
assert codes == [0, 2, 4, 5, 6, 7], codes          # 1 (peace alone) and 3 (peace + war) need talk
assert d["decision_makers"][0]["ranking"][0] == [4, 5, 6, 7], d["decision_makers"][0]["ranking"]
PY
[ "$fails" -eq 0 ] || exit 1
echo "PASS kill_gmcr12"
