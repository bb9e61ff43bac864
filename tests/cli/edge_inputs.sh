#!/bin/bash
# edge_inputs.sh: input at the edges no other test sends, each refused with exit 2 and its own message:
# a GMCR preference statement nested 201 deep (200 is the limit), GENIUS XML elements nested 65 deep (64),
# and the tournament options --elicit and --protocol given last, without their value (one message each),
# besides a --protocol that is given.
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
python3 - "$TMP" <<'PY'
import json, sys
out = sys.argv[1]
def model(statement):
    return {"name": "nested", "decision_makers": [
        {"name": "A", "options": [{"id": "a", "name": "a"}], "preferences": [statement]},
        {"name": "B", "options": [{"id": "b", "name": "b"}], "ranking": [0, 1, 2, 3]}], "status_quo": 0}
json.dump(model("(" * 201 + "1" + ")" * 201), open(out + "/deep.json", "w"))
json.dump(model("(" * 199 + "1" + ")" * 199), open(out + "/deep-ok.json", "w"))
def xml(depth):
    return ('<?xml version="1.0"?>\n<negotiation_template>' + "<objective>" * depth + "</objective>" * depth
            + "</negotiation_template>\n")
open(out + "/deep.xml", "w").write(xml(64))
PY
expect_exit 0 "a statement nested 199 deep" "$PARLEY" conflict "$TMP/deep-ok.json"
expect_exit 2 "a statement nested 201 deep" "$PARLEY" conflict "$TMP/deep.json"
expect_in "$TMP/err" "condition nested too deeply" "the nesting is named"

G="$SRC/tests/data/genius"
expect_exit 2 "GENIUS elements nested 65 deep" "$PARLEY" analyze "$TMP/deep.xml" "$G/tiny-buyer.xml" "$G/tiny-seller.xml"
expect_in "$TMP/err" "elements nested more than 64 deep" "the XML nesting is named"

CF="$SRC/examples/textbook-buyer-seller.json"
expect_exit 2 "tournament --elicit without its number" "$PARLEY" tournament "$CF" --agents boulware,conceder --elicit
expect_in "$TMP/err" "--elicit needs a number of outcomes" "the missing --elicit value is named"
grep -q "unknown option" "$TMP/err" && fail "the missing --elicit value also called an unknown option: $(cat "$TMP/err")"
expect_exit 0 "tournament --protocol single-text" "$PARLEY" tournament "$CF" --agents boulware,conceder \
    --protocol single-text --rounds 20 --repeats 1
[ ! -s "$TMP/err" ] || fail "tournament --protocol single-text wrote: $(cat "$TMP/err")"
expect_exit 2 "tournament --protocol without its name" "$PARLEY" tournament "$CF" --agents boulware,conceder --protocol
expect_in "$TMP/err" "--protocol expects alternating, single-text or shuttle" "the missing --protocol value is named"
[ "$fails" -eq 0 ] || exit 1
echo "PASS edge_inputs"
