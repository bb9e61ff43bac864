#!/bin/bash
# kill_io.sh: the GENIUS writer keeps every hyperrectangle over integer issues, also when the domain's first
# issue is categorical and a rectangle names fewer issues than the domain has (genius_write.c; a generated mutant
# that looked one range past a rectangle's last read the first issue's type there and dropped the rectangle as
# "ranging over a categorical issue", issue 27).  Domain: d (discrete x, y), a and b (integers 0..3); each
# nonlinear profile has a rectangle over a alone and one over a and b; both come back as written.  Also the
# warning for a best value worth less than 1, the GeniusWeb writer's numeric issues and the GeniusWeb reader's
# party descriptions (below).
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
mkdir "$TMP/in" "$TMP/written"
ISSUES='<issue index="1" name="d" type="discrete"><item index="1" value="x"/><item index="2" value="y"/></issue>
   <issue index="2" name="a" type="integer" lowerbound="0" upperbound="3"/>
   <issue index="3" name="b" type="integer" lowerbound="0" upperbound="3"/>'
cat >"$TMP/in/dom.xml" <<XML
<negotiation_template><utility_space number_of_issues="3"><objective index="0" name="root" type="objective">
   $ISSUES
</objective></utility_space></negotiation_template>
XML
for p in 1 2; do
    cat >"$TMP/in/p$p.xml" <<XML
<utility_space type="nonlinear"><objective index="0" name="root" type="objective">
   $ISSUES
   <utility maxutility="10"><ufun type="PlainUfun" weight="1" aggregation="sum">
      <hyperRectangle utility="$((p * 3))"><INCLUDES index="2" min="0" max="1"/></hyperRectangle>
      <hyperRectangle utility="4"><INCLUDES index="2" min="2" max="3"/><INCLUDES index="3" min="1" max="2"/></hyperRectangle>
   </ufun></utility>
</objective><reservation value="0.1"/></utility_space>
XML
done
expect_exit 0 "convert nonlinear to genius" "$PARLEY" convert --to genius "$TMP/in/dom.xml" "$TMP/in/p1.xml" \
    "$TMP/in/p2.xml" -o "$TMP/written/dom.xml"
grep -q "categorical" "$TMP/err" && fail "a rectangle over integer issues was reported as categorical: $(cat "$TMP/err")"
for p in 1 2; do
    tr -d '\n ' <"$TMP/written/p$p.xml" >"$TMP/flat$p"
    expect_in "$TMP/flat$p" "<hyperRectangleutility=\"$((p * 3))\"><INCLUDESindex=\"2\"min=\"0\"max=\"1\"/></hyperRectangle>" \
        "p$p: the rectangle over a alone"
    expect_in "$TMP/flat$p" '<hyperRectangleutility="4"><INCLUDESindex="2"min="2"max="3"/><INCLUDESindex="3"min="1"max="2"/></hyperRectangle>' \
        "p$p: the rectangle over a and b"
done
# Writing a native scenario as GENIUS warns when an issue's best value is worth less than 1 (GENIUS divides by
# the largest evaluation): A's colour is worth red 0.8, blue 0.5, green 0: one warning, scaled by 1/0.8 = 1.25;
# A's size (s 1, m 0.5) and B's issues reach 1: no warning (a mutant that skipped the first value when finding
# the best warned "worth 0.5", g-const-77cb453d35).
cat >"$TMP/in/scaled.json" <<'JSON'
{"format": "parley-scenario", "title": "scaled",
 "issues": [{"name": "color", "type": "categorical", "values": ["red", "blue", "green"]},
            {"name": "size", "type": "categorical", "values": ["s", "m"]}],
 "parties": [
  {"name": "A", "preferences": {"color": {"weight": 0.5, "values": {"red": 0.8, "blue": 0.5, "green": 0}},
                                "size": {"weight": 0.5, "values": {"s": 1, "m": 0.5}}}},
  {"name": "B", "preferences": {"color": {"weight": 0.5, "values": {"red": 0, "blue": 0.5, "green": 1}},
                                "size": {"weight": 0.5, "values": {"s": 0, "m": 1}}}}]}
JSON
mkdir "$TMP/scaled"
expect_exit 0 "convert scaled to genius" "$PARLEY" convert --to genius "$TMP/in/scaled.json" -o "$TMP/scaled/d.xml"
expect_in "$TMP/err" "A: the best value of issue 'color' is worth 0.8, not 1; GENIUS divides evaluations by the largest, so this issue's utilities read back scaled by 1.25" \
    "the warning for A's colour"
[ "$(grep -c "warning" "$TMP/err")" -eq 1 ] || fail "expected one warning, got: $(cat "$TMP/err")"
# The GeniusWeb writer states a numeric issue as a line (NumberValueSetUtilities) only when it is linear for
# every party, the first one included: here the Buyer values price 0, 1, 2 at 1, 0, 1 (not a line) and the Seller
# linearly, so price is written value by value, with a warning (a mutant checked the parties from the second
# only, and wrote the Buyer's bent utilities as a line, g-const-1179ad4883).  The textbook's price, linear for
# both, is a line from (0, 1) to (2, 0) for the Buyer.
cat >"$TMP/in/bent.json" <<'JSON'
{"format": "parley-scenario", "title": "bent",
 "issues": [{"name": "price", "type": "integer", "min": 0, "max": 2},
            {"name": "color", "type": "categorical", "values": ["red", "blue"]}],
 "parties": [
  {"name": "Buyer", "preferences": {"price": {"weight": 0.5, "values": {"0": 1, "1": 0, "2": 1}},
                                    "color": {"weight": 0.5, "values": {"red": 1, "blue": 0}}}},
  {"name": "Seller", "preferences": {"price": {"weight": 0.5, "function": {"type": "linear", "at_min": 0, "at_max": 1}},
                                     "color": {"weight": 0.5, "values": {"red": 0, "blue": 1}}}}]}
JSON
mkdir "$TMP/web" "$TMP/bent"
expect_exit 0 "convert bent to geniusweb" "$PARLEY" convert --to geniusweb "$TMP/in/bent.json" -o "$TMP/bent/d.json"
expect_in "$TMP/err" "issue 'price' is written as discrete values (its value utilities are not linear)" "bent: the warning"
python3 - "$TMP/bent/Buyer.json" <<'PY' || fail "geniusweb: the Buyer's bent price is not written value by value"
import json, sys
space = json.load(open(sys.argv[1]))["LinearAdditiveUtilitySpace"]
assert space["issueUtilities"]["price"] == {"DiscreteValueSetUtilities": {"valueUtilities": {"0": 1, "1": 0, "2": 1}}}, space
assert space["domain"]["issuesValues"]["price"] == {"values": ["0", "1", "2"]}, space["domain"]
PY
expect_exit 0 "convert textbook to geniusweb" "$PARLEY" convert --to geniusweb "$SRC/examples/textbook-buyer-seller.json" \
    -o "$TMP/web/d.json"
python3 - "$TMP/web/Buyer.json" <<'PY' || fail "geniusweb: the Buyer's price is not written as a line"
import json, sys
space = json.load(open(sys.argv[1]))["LinearAdditiveUtilitySpace"]
line = space["issueUtilities"]["price"]["NumberValueSetUtilities"]
assert (line["lowValue"], line["lowUtility"], line["highValue"], line["highUtility"]) == (0, 1, 2, 0), line
assert space["domain"]["issuesValues"]["price"]["range"] == {"low": 0, "high": 2, "step": 1}, space["domain"]
PY
# A party read from a GeniusWeb profile is described by the file it came from (geniusweb_read.c; a mutant left
# the description unwritten, g-call-001cb25721).
GW="$SRC/tests/data/genius"
expect_exit 0 "geniusweb to native" "$PARLEY" convert "$GW/gw-domain.json" "$GW/gw-employee.json" "$GW/gw-employer.json" \
    -o "$TMP/gw.json"
python3 - "$TMP/gw.json" "$GW" <<'PY' || fail "geniusweb: the parties' descriptions do not name their profiles"
import json, sys
parties = json.load(open(sys.argv[1]))["parties"]
want = [("gw-employee", "GeniusWeb profile %s/gw-employee.json" % sys.argv[2]),
        ("gw-employer", "GeniusWeb profile %s/gw-employer.json" % sys.argv[2])]
assert [(p["name"], p.get("description")) for p in parties] == want, parties
PY
[ "$fails" -eq 0 ] || exit 1
echo "PASS kill_io"
