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
expect_exit 0 "ceasefire svg" "$PARLEY" conflict "$SRC/examples/ceasefire-conflict.json" --svg "$TMP/cf.svg"
timeout 120 node "$SRC/tests/e2e/conflict_svg.mjs" "$TMP/cf.svg" 72 9 || fail "ceasefire svg in chromium"

if [ "$fails" -ne 0 ]; then
    echo "$fails check(s) failed"
    exit 1
fi
echo "conflict SVG in chromium: all checks passed"
