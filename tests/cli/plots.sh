#!/usr/bin/env bash
# plots.sh: the SVG plots of analyze, tournament and negotiate (--plot FILE.svg).  Each picture is loaded in
# headless Debian chromium (tests/e2e/svg_check.mjs): it renders, no two texts overlap and no text crosses an
# axis; tests/cli/plots_check.py checks what each must show (solutions labelled, both frontiers, whole-round
# ticks, a legend, one panel per pair, packages inside the frontier of all outcomes).  The checker itself is
# shown a picture with overlapping texts and must fail it.  FAILS (never skips) when chromium cannot be installed.
set -u
P=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
. "$SRC/tests/cli/lib/chromium.sh"
need_chromium "$SRC" plots || exit 1
EX="$SRC/examples"
G="$SRC/../shared/genius/anac2013/Animal"
CHECK="python3 $SRC/tests/cli/plots_check.py"
SVG_CHECK="timeout 300 node $SRC/tests/e2e/svg_check.mjs"

expect_exit 0 "analyze two parties" "$P" analyze "$EX/ceasefire-relaxed.json" --plot "$TMP/a2.svg"
expect_exit 0 "analyze three parties" "$P" analyze "$EX/textbook-flatmates.json" --plot "$TMP/a3.svg"
expect_exit 0 "analyze without a zone" "$P" analyze "$EX/ceasefire.json" --plot "$TMP/a0.svg"
expect_exit 0 "analyze a GENIUS domain" "$P" analyze "$G/Animal.xml" "$G/Animal_util1.xml" "$G/Animal_util2.xml" \
    --plot "$TMP/ag.svg" --json
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$TMP/out" || fail "--plot with --json: stdout is not JSON"
expect_exit 0 "tournament" "$P" tournament "$EX/textbook-buyer-seller.json" --agents boulware,conceder,linear,hardliner \
    --repeats 3 --plot "$TMP/t.svg"
expect_exit 0 "negotiate two parties" "$P" negotiate "$EX/ceasefire-relaxed.json" --agents boulware,conceder \
    --plot "$TMP/n2.svg"
expect_exit 0 "negotiate three parties" "$P" negotiate "$EX/textbook-flatmates.json" --protocol single-text \
    --agents boulware,conceder,linear --plot "$TMP/n3.svg"
expect_exit 0 "negotiate 79 rounds" "$P" negotiate "$EX/ceasefire.json" --agents hardliner,hardliner --rounds 79 \
    --plot "$TMP/n79.svg"
expect_exit 0 "negotiate 3 rounds" "$P" negotiate "$EX/ceasefire.json" --agents hardliner,hardliner --rounds 3 \
    --plot "$TMP/nr3.svg"

$CHECK analysis "$TMP/a2.svg" 1 || fail "analysis plot, two parties"
$CHECK analysis "$TMP/a3.svg" 3 || fail "analysis plot, three parties"
$CHECK analysis "$TMP/ag.svg" 1 || fail "analysis plot, GENIUS"
grep -q "no outcome is acceptable to every party" "$TMP/a0.svg" || fail "the no-zone plot does not say so"
$CHECK tournament "$TMP/t.svg" boulware conceder linear hardliner || fail "tournament plot"
$CHECK negotiation "$TMP/n2.svg" 2 || fail "negotiation plot, two parties"
$CHECK negotiation "$TMP/n3.svg" 3 || fail "negotiation plot, three parties"
$CHECK negotiation "$TMP/n79.svg" 2 || fail "negotiation plot, 79 rounds"
$CHECK negotiation "$TMP/nr3.svg" 2 || fail "negotiation plot, 3 rounds"

# In the browser: every picture renders, no text overlaps another or an axis.
$SVG_CHECK "$TMP"/a2.svg "$TMP"/a3.svg "$TMP"/a0.svg "$TMP"/ag.svg "$TMP"/t.svg "$TMP"/n2.svg "$TMP"/n3.svg \
    "$TMP"/n79.svg "$TMP"/nr3.svg > "$TMP/browser" 2>&1 || fail "svg_check: $(cat "$TMP/browser")"
[ "$(grep -c '^ok ' "$TMP/browser")" -eq 9 ] || fail "svg_check did not pass all 9 pictures: $(cat "$TMP/browser")"

# The checker must be able to fail: two texts on top of each other, one across an axis line.
cat > "$TMP/bad.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><rect width="300" height="200" fill="#fff"/>
<line class="axis" x1="50" y1="150" x2="250" y2="150" stroke="#000"/><line x1="50" y1="20" x2="50" y2="150" stroke="#000"/>
<circle cx="100" cy="100" r="3"/><circle cx="120" cy="100" r="3"/><rect x="60" y="60" width="5" height="5"/>
<text x="60" y="100" font-size="12">Nash solution</text><text x="90" y="104" font-size="12">Kalai solution</text>
<text x="150" y="154" font-size="12">crossing</text></svg>
SVG
$SVG_CHECK "$TMP/bad.svg" > "$TMP/bad" 2>&1 && fail "svg_check passed overlapping texts"
expect_in "$TMP/bad" 'texts overlap: "Nash solution" and "Kalai solution"' "svg_check names the overlap"
expect_in "$TMP/bad" 'text "crossing" crosses an axis line' "svg_check names the text across an axis"

# Mistakes.
expect_exit 2 "--plot without a file" "$P" analyze "$EX/ceasefire.json" --plot
expect_exit 2 "--plot into a missing folder (checked before the work)" "$P" analyze "$EX/ceasefire.json" --plot "$TMP/no/such/dir/a.svg"
expect_in "$TMP/err" "$TMP/no/such/dir/a.svg" "the unwritable plot is named"
expect_in "$TMP/err" "No such file or directory" "the reason is given"
expect_exit 2 "--plot of a searched space" "$P" analyze "$EX/ceasefire.json" --approximate --plot "$TMP/x.svg"
expect_in "$TMP/err" "--plot needs the exact analysis" "why --plot cannot draw a search"
python3 - "$TMP/nine.json" <<'PY'
import json, sys
parties = [{"name": f"P{k}", "reservation": 0.1, "preferences": {"x": {"weight": 1, "function":
           {"type": "linear", "at_min": k % 2, "at_max": 1 - k % 2}}}} for k in range(9)]
json.dump({"title": "nine", "issues": [{"name": "x", "type": "integer", "min": 0, "max": 4}], "parties": parties},
          open(sys.argv[1], "w"))
PY
expect_exit 0 "nine parties without --plot" "$P" analyze "$TMP/nine.json"
expect_exit 2 "--plot of nine parties" "$P" analyze "$TMP/nine.json" --plot "$TMP/nine.svg"
expect_in "$TMP/err" "--plot draws at most 8 parties" "why nine parties are not drawn"
expect_exit 2 "tournament --plot into a missing folder (checked before the work)" "$P" tournament "$EX/textbook-buyer-seller.json" \
    --agents boulware,conceder --plot "$TMP/no/t.svg"

[ "$fails" -eq 0 ] || exit 1
echo "PASS plots"
