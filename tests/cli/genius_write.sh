#!/bin/bash
# genius_write.sh: the GENIUS XML writers, text for text.  tests/data/genius-write/scenario.json (a categorical
# issue, an integer issue 10..14 and a two-valued integer issue 0..1, both linear for both parties) converted
# with `parley convert --to genius` gives the domain and profiles next to it, checked by hand: issues and items
# numbered from 1; a linear integer issue written as an evaluator whose offset is the utility at the lower bound
# and whose slope is per unit (Buyer's price 1 - (x - 10) / 4: slope -0.25, offset 1; Seller's rush 1 - x:
# slope -1, offset 1, from the two end values since no value lies strictly inside (0, 1)); weights, the
# reservation (0 when the scenario gives none), the discount factor 1; the title escaped (&amp;).
set -euo pipefail
PARLEY=$1
SOURCE=$2
DATA="$SOURCE/tests/data/genius-write"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$PARLEY" convert --to genius "$DATA/scenario.json" -o "$TMP/two.xml" > "$TMP/out" 2> "$TMP/err" \
    || { echo "FAIL: convert --to genius exited $?: $(cat "$TMP/err")"; exit 1; }
fails=0
for f in two.xml Buyer.xml Seller.xml; do
    diff -u "$DATA/$f" "$TMP/$f" || { echo "FAIL: $f differs from the hand-checked text"; fails=$((fails + 1)); }
done
[ "$fails" -eq 0 ] || exit 1
echo "PASS genius_write"
