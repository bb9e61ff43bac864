# propose_improve.sh: `parley propose --improve` (improving a signed deal): the textbook
# agreement price=1,color=blue has exactly one Pareto improvement, price=2,color=red (Buyer
# 0.6*0 + 0.4*1 = 0.4 > 0.3, Seller 0.7*1 + 0.3*0 = 0.7 > 0.65, by hand); the Nash package
# price=2,color=red is on the frontier (empty list); a space of 10^7 outcomes is searched, not
# enumerated, says so, and lists only packages that are strictly better for both (recomputed here);
# usage errors and bad input exit 2.
# usage: bash propose_improve.sh PARLEY_BINARY SOURCE_DIR
set -u
PARLEY=$1
SRC=$2
source "$(dirname "$0")/lib/check.sh"
TEXTBOOK=$SRC/examples/textbook-buyer-seller.json

expect_exit 0 "help" "$PARLEY" propose --help
expect_in "$TMP/out" "--improve 'issue=value,...'" "help mentions --improve"

expect_exit 0 "improve text" "$PARLEY" propose "$TEXTBOOK" --improve 'price=1,color=blue'
expect_in "$TMP/out" "1 package every party strictly prefers" "one improvement"
expect_in "$TMP/out" "1. price=2, color=red" "the improvement"
expect_in "$TMP/out" "Buyer 0.3000 -> 0.4000 (+0.1000), Seller 0.6500 -> 0.7000 (+0.0500)" "its utilities"
expect_exit 0 "improve json" "$PARLEY" propose "$TEXTBOOK" --improve 'price=1,color=blue' --json
python3 - "$TMP/out" <<'PY' || fail "improve json: exact form"
import json, sys
got = json.load(open(sys.argv[1]))
want = {"improvements": [{"package": {"price": 2, "color": "red"},
                          "utilities": {"Buyer": {"before": 0.3, "after": 0.4},
                                        "Seller": {"before": 0.65, "after": 0.7}}}],
        "exhaustive": True, "found": 1, "method": "every package of the space was considered"}
assert got == want, got
PY

expect_exit 0 "frontier text" "$PARLEY" propose "$TEXTBOOK" --improve 'price=2,color=red'
expect_in "$TMP/out" "the agreement is on the Pareto frontier" "frontier: none"
expect_exit 0 "frontier json" "$PARLEY" propose "$TEXTBOOK" --improve 'color=red,price=2' --json
python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == {"improvements": [], "exhaustive": True, "found": 0,
    "method": "every package of the space was considered"}' "$TMP/out" ||
    fail "frontier json: empty list"

# 10^7 outcomes: bounded search
python3 - "$TMP/big.json" <<'PY'
import json, sys
issues = [{"name": f"i{k}", "type": "integer", "min": 0, "max": 9} for k in range(7)]
def prefs(up):  # A cares most for i0..i2, B for i4..i6: trades exist
    w = [3, 3, 3, 1, 1, 1, 1] if up else [1, 1, 1, 1, 3, 3, 3]
    return {f"i{k}": {"weight": w[k] / 13, "function": {"type": "linear", "at_min": 0 if (k % 2 == 0) == up else 1,
                                                    "at_max": 1 if (k % 2 == 0) == up else 0}} for k in range(7)}
json.dump({"format": "parley-scenario", "title": "Big", "issues": issues,
           "parties": [{"name": "A", "preferences": prefs(True)}, {"name": "B", "preferences": prefs(False)}]},
          open(sys.argv[1], "w"))
PY
AGREED='i0=5,i1=5,i2=5,i3=5,i4=5,i5=5,i6=5'
expect_exit 0 "bounded text" "$PARLEY" propose "$TMP/big.json" --improve "$AGREED"
expect_in "$TMP/out" "the search was bounded" "bounded: said"
expect_exit 0 "bounded json" "$PARLEY" propose "$TMP/big.json" --improve "$AGREED" --json --limit 5
expect_in "$TMP/err" "too large to enumerate" "bounded: noted on stderr"
python3 - "$TMP/out" <<'PY' || fail "bounded: strict improvements"
import json, sys
full = json.load(open(sys.argv[1]))
got = full["improvements"]
assert 0 < len(got) <= 5, got
assert full["exhaustive"] is False and full["found"] >= len(got) and "search" in full["method"], full
def u(party, p):  # A likes high even issues and low odd ones; B the opposite
    up = party == "A"
    w = [3, 3, 3, 1, 1, 1, 1] if up else [1, 1, 1, 1, 3, 3, 3]
    return sum(w[int(k[1:])] * ((v / 9) if (int(k[1:]) % 2 == 0) == up else (1 - v / 9)) for k, v in p.items()) / 13
base = {f"i{k}": 5 for k in range(7)}
for item in got:
    for party in ("A", "B"):
        assert u(party, item["package"]) > u(party, base) + 1e-9, item
        assert abs(item["utilities"][party]["after"] - u(party, item["package"])) < 1e-6, item
PY

expect_exit 2 "improve missing value" "$PARLEY" propose "$TEXTBOOK" --improve
expect_exit 2 "improve incomplete" "$PARLEY" propose "$TEXTBOOK" --improve 'price=1'
expect_in "$TMP/err" "--improve gives no value for issue 'color'" "incomplete message"
expect_exit 2 "improve bad value" "$PARLEY" propose "$TEXTBOOK" --improve 'price=7,color=red'
expect_in "$TMP/err" "'7' is not a value of issue 'price'" "bad value message"
expect_exit 2 "improve with text" "$PARLEY" propose "$TEXTBOOK" --improve 'price=1,color=red' --text 'price=1,color=red'
expect_exit 2 "bad limit" "$PARLEY" propose "$TEXTBOOK" --improve 'price=1,color=red' --limit 0
expect_exit 2 "limit without improve" "$PARLEY" propose "$TEXTBOOK" --limit 3

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "propose_improve.sh: all passed"
