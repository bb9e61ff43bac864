#!/bin/bash
# genius_write.sh: the GENIUS XML writers, text for text.  tests/data/genius-write/scenario.json (a categorical
# issue, an integer issue 10..14 and a two-valued integer issue 0..1, both linear for both parties) converted
# with `parley convert --to genius` gives the domain and profiles next to it, checked by hand: issues and items
# numbered from 1; a linear integer issue written as an evaluator whose offset is the utility at the lower bound
# and whose slope is per unit (Buyer's price 1 - (x - 10) / 4: slope -0.25, offset 1; Seller's rush 1 - x:
# slope -1, offset 1, from the two end values since no value lies strictly inside (0, 1)); weights, the
# reservation (0 when the scenario gives none), the discount factor 1; the title escaped (&amp;).  Read back
# with an issue named "!!", that issue's identifier is "issue" (nothing of the name is an identifier).
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
# Read back with an issue named only by punctuation ("!!"): its identifier is "issue", its GENIUS name kept
# as the description.
for f in two Buyer Seller; do sed 's/name="color"/name="!!"/' "$DATA/$f.xml" >"$TMP/bang-$f.xml"; done
"$PARLEY" convert "$TMP/bang-two.xml" "$TMP/bang-Buyer.xml" "$TMP/bang-Seller.xml" -o "$TMP/bang.json" >/dev/null 2>&1 \
    || { echo "FAIL: the domain with an issue named !! was not read"; fails=$((fails + 1)); }
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); i = d["issues"][0]
assert (i["name"], i.get("description")) == ("issue", "!!"), i' "$TMP/bang.json" \
    || { echo "FAIL: an issue named !! is not read as 'issue' described '!!'"; fails=$((fails + 1)); }
[ "$fails" -eq 0 ] || exit 1
echo "PASS genius_write"
