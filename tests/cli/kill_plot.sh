#!/bin/bash
# kill_plot.sh: where the negotiation SVG (`parley negotiate --plot`, src/protocol/plot.c) puts its legend,
# pinned where a generated mutant survived (issue 27: the legend's top reckoned with a plane's size minus the gap
# between planes instead of plus, which drew the legend over the planes).  With three parties the legend sits
# under the planes: its box starts below the lowest axis line of the planes and ends inside the picture.
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
SCENARIO="$SRC/examples/textbook-flatmates.json"
expect_exit 0 "plot of three parties" "$PARLEY" negotiate "$SCENARIO" --agents boulware,conceder,linear \
    --plot "$TMP/plot.svg"
python3 - "$TMP/plot.svg" <<'PY' || fail "the legend of a three-party plot is not under the planes"
import re, sys
svg = open(sys.argv[1]).read()
height = float(re.search(r'<svg [^>]*height="([0-9.]+)"', svg).group(1))
axes = [float(v) for y1, y2 in re.findall(r'<line class="axis" [^>]*y1="([0-9.]+)" [^>]*y2="([0-9.]+)"', svg)
        for v in (y1, y2)]
legend = re.findall(r'<rect x="[0-9.]+" y="([0-9.]+)" width="[0-9.]+" height="([0-9.]+)" fill="#fff" '
                    r'fill-opacity="0.9" stroke="#ccc"', svg)
names = [t for t in re.findall(r'<text [^>]*>([^<]*)</text>', svg) if re.match(r"utility of (Ann|Bob|Cat) \(", t)]
assert len(legend) == 1 and len(names) >= 3, (legend, names)  # one legend, naming the three parties
top, h = map(float, legend[0])
print("planes end at %.1f; legend %.1f to %.1f; picture %.0f" % (max(axes), top, top + h, height))
sys.exit(0 if top >= max(axes) and top + h <= height else 1)
PY
[ "$fails" -eq 0 ] || exit 1
