# conflict_svg_browser.sh: the SVG of `parley conflict --svg` rendered in headless Debian chromium
# (tests/e2e/conflict_svg.mjs): labels inside the picture, none overlapping, equilibria marked.
# Installs chromium/node/playwright-core when missing (tests/cli/lib/chromium.sh); FAILS, never skips,
# when they cannot be installed.
# usage: bash conflict_svg_browser.sh PARLEY_BINARY SOURCE_DIR
set -u
PARLEY=$1
SRC=$2
source "$(dirname "$0")/lib/check.sh"
source "$(dirname "$0")/lib/chromium.sh"
need_chromium "$SRC" conflict_svg_browser || exit 1

# prisoner's dilemma: 4 states, equilibria 0 and 3 (under some notion); the ceasefire: 72 states,
# equilibria 35 43 163 171 400 419 427 481 489 (9, under GMR/SMR; 5 of them under every notion)
expect_exit 0 "pd svg" "$PARLEY" conflict "$SRC/examples/gmcr/prisoners-dilemma.json" --svg "$TMP/pd.svg"
timeout 120 node "$SRC/tests/e2e/conflict_svg.mjs" "$TMP/pd.svg" 4 2 || fail "pd svg in chromium"
expect_exit 0 "ceasefire svg, every state" "$PARLEY" conflict "$SRC/examples/ceasefire-conflict.json" --svg "$TMP/cf.svg" --all
timeout 120 node "$SRC/tests/e2e/conflict_svg.mjs" "$TMP/cf.svg" 72 9 || fail "ceasefire svg in chromium"
# The focused views (72 states are too many to read): the 9 equilibria and the moves into and out of them, with
# the status quo's path; one decision maker's moves with --focus.  No arc runs over another: two arcs drawn at
# the same distance from the states (one lane) never share a row.
expect_exit 0 "ceasefire focused svg" "$PARLEY" conflict "$SRC/examples/ceasefire-conflict.json" --svg "$TMP/focus.svg"
expect_exit 0 "ceasefire svg --focus Israel" "$PARLEY" conflict "$SRC/examples/ceasefire-conflict.json" --svg "$TMP/israel.svg" --focus Israel
python3 - "$TMP/cf.svg" "$TMP/focus.svg" "$TMP/israel.svg" <<'PY' || fail "focused conflict SVGs"
import re, sys
def arcs(path):
    text = open(path).read()
    out = []
    for d, colour in re.findall(r'<path class="move" d="([^"]+)"[^>]*stroke="([^"]+)"', text):
        x0, y1, bx, _, _, end = map(float, re.findall(r"-?\d+\.?\d*", d)[:6])
        out.append((round(bx, 1), min(y1, end) - 1, max(y1, end) + 1, colour))
    return text, out
for path in sys.argv[1:]:
    text, a = arcs(path)
    for i in range(len(a)):
        for j in range(i + 1, len(a)):
            if a[i][0] == a[j][0]:
                assert a[i][2] < a[j][1] or a[j][2] < a[i][1], (path, "arcs share a lane and rows", a[i], a[j])
full, _ = arcs(sys.argv[1])
focus, fa = arcs(sys.argv[2])
israel, ia = arcs(sys.argv[3])
states = lambda t: len(re.findall(r'<g class="state', t))
assert states(full) == 72 and states(focus) < 72 and states(israel) < states(focus), (states(full), states(focus), states(israel))
assert focus.count('class="state equilibrium') == 9 and 'class="state status-quo"' in focus or 'status-quo' in focus
assert len({c for *_, c in ia}) == 1 and len({c for *_, c in fa}) == 3, "--focus Israel: other movers' arcs drawn"
assert "moves by Israel only" in israel
print("focused views:", states(focus), "and", states(israel), "states,", len(fa), "and", len(ia), "arcs")
PY
timeout 120 node "$SRC/tests/e2e/conflict_svg.mjs" "$TMP/focus.svg" "$(grep -c '<g class="state' "$TMP/focus.svg")" 9 \
    || fail "focused ceasefire svg in chromium"
timeout 120 node "$SRC/tests/e2e/svg_check.mjs" "$TMP/focus.svg" "$TMP/israel.svg" || fail "focused svgs: texts overlap"
expect_exit 2 "--focus unknown" "$PARLEY" conflict "$SRC/examples/ceasefire-conflict.json" --svg "$TMP/x.svg" --focus israel
expect_in "$TMP/err" "did you mean Israel?" "--focus suggestion"

if [ "$fails" -ne 0 ]; then
    echo "$fails check(s) failed"
    exit 1
fi
echo "conflict SVG in chromium: all checks passed"
