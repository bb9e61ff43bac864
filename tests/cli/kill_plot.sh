#!/bin/bash
# kill_plot.sh: where the negotiation SVG (`parley negotiate --plot`, src/protocol/plot.c) puts its legend,
# pinned where a generated mutant survived (issue 27: the legend's top reckoned with a plane's size minus the gap
# between planes instead of plus, which drew the legend over the planes).  With three parties the legend sits
# under the planes: its box starts below the lowest axis line of the planes and ends inside the picture.  And the
# agreement label stays inside its plane, the plane's y title left of it (below).
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

# The "agreement" label of a utility plane stays inside the plane, 2 px clear of its frame (a mutant let it reach
# 2 px past the right edge, where only the frame line's own box stopped it).  Two parties, one issue: the
# agreement x is worth 0.765 to A, 0.5 to B, so its ring is 252.45 px from the plane's left edge (330 px wide): a
# label to its right (7 px rings, the second ring clear of the ring's 8 px box) would end 1.2 px before the frame.
# The label's box is its estimated text width (0.62 em a character, 11 px) plus 1 px each side.
cat >"$TMP/edge.json" <<'JSON'
{"format": "parley-scenario", "title": "edge",
 "issues": [{"name": "deal", "type": "categorical", "values": ["x", "y"]}],
 "parties": [{"name": "A", "reservation": 0, "preferences": {"deal": {"weight": 1, "values": {"x": 0.765, "y": 1}}}},
             {"name": "B", "reservation": 0.3, "preferences": {"deal": {"weight": 1, "values": {"x": 0.5, "y": 0}}}}]}
JSON
expect_exit 0 "plot of an agreement near the right edge" "$PARLEY" negotiate "$TMP/edge.json" \
    --agents boulware,conceder --plot "$TMP/edge.svg"
python3 - "$TMP/edge.svg" <<'PY' || fail "the agreement label leaves its plane"
import re, sys
svg = open(sys.argv[1]).read()
ring = re.findall(r'<circle cx="([0-9.]+)" cy="([0-9.]+)" r="7" fill="none" stroke="#000"', svg)
assert len(ring) == 1, ring  # the agreement in the one plane
cx, cy = map(float, ring[0])
frame = [(float(x1), min(float(y1), float(y2)), max(float(y1), float(y2))) for x1, y1, x2, y2 in
         re.findall(r'<line class="axis" x1="([0-9.]+)" y1="([0-9.]+)" x2="([0-9.]+)" y2="([0-9.]+)"', svg)
         if x1 == x2]
sides = sorted(x for x, lo, hi in frame if lo <= cy <= hi)  # the plane's left and right frame lines
left, right = sides[0], sides[-1]
labels = [float(x) for x in re.findall(r'<text x="([0-9.]+)" y="[0-9.]+" font-size="11" text-anchor="middle" '
                                       r'fill="#000" stroke="#fff"[^>]*>agreement</text>', svg)]
assert len(labels) == 1, labels
half = 0.62 * 11 * len("agreement") / 2 + 1
print("plane %.1f to %.1f, ring at %.1f, label %.1f to %.1f" % (left, right, cx, labels[0] - half, labels[0] + half))
sys.exit(0 if left + 2 <= labels[0] - half + 0.05 and labels[0] + half <= right - 2 + 0.05 else 1)
PY
# The plane's y title, turned a quarter, stands left of the plane, clear of the tick labels (a mutant put it 42 px
# inside the plane instead of 42 px before it), and the y tick labels end left of the plane too (another put them
# 6 px inside).
python3 - "$TMP/edge.svg" <<'PY' || fail "the y title or tick labels of the utility plane are not left of the plane"
import re, sys
svg = open(sys.argv[1]).read()
title = re.findall(r'<text x="([0-9.]+)" [^>]*transform="rotate\(-90 [^>]*>utility of B</text>', svg)
frame = [float(x1) for x1, x2 in re.findall(r'<line class="axis" x1="([0-9.]+)" y1="[0-9.]+" x2="([0-9.]+)"', svg)
         if x1 == x2]
ticks = [float(x) for x in re.findall(r'<text x="([0-9.]+)" y="[0-9.]+" font-size="10" text-anchor="end"', svg)]
assert len(title) == 1 and ticks, (title, ticks)
print("y title at %s, y tick labels end at %.1f to %.1f, the plane's left edge at %.1f" % (
    title[0], min(ticks), max(ticks), min(frame)))
sys.exit(0 if float(title[0]) <= min(frame) - 30 and max(ticks) <= min(frame) - 4 else 1)
PY
[ "$fails" -eq 0 ] || exit 1
