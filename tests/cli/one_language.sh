#!/bin/bash
# one_language.sh: every command speaks the same language (issue 11).
#  - The input matrix: analyze, diagnose, propose, negotiate, tournament and convert each read a native scenario,
#    a GENIUS domain followed by its profiles, DOMAIN+P1+P2 as one argument and GeniusWeb JSON, on an ANAC domain
#    (Laptop-A, converted to native and GeniusWeb) and on a native scenario (textbook, converted to GENIUS and
#    GeniusWeb), and exit 0.
#  - The mistakes: each exits 2 with "parley COMMAND: " and the stated message (missing file, directory, did you
#    mean for commands, options, issues, values, rules and agents, doubled operators, unquoted values, a value
#    utility outside [0,1], weights beyond the tolerance), and with --json the error is also a JSON object.
#  - GENIUS weights that do not sum to 1 are used as written with a warning; --normalise-weights divides them.
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
GENIUS="$SRC/../shared/genius"
CORE="$SRC/tests/data/core"

# --- inputs -------------------------------------------------------------------------------------------------
# the native scenario, and the same in GENIUS XML and GeniusWeb JSON (parley convert writes PARTY.xml beside OUT)
NATIVE="$CORE/textbook.json"
"$PARLEY" convert "$NATIVE" -o "$TMP/tb-genius/textbook.xml" >/dev/null 2>&1 || fail "convert textbook to GENIUS"
"$PARLEY" convert --to geniusweb "$NATIVE" -o "$TMP/tb-gw/textbook.json" >/dev/null 2>&1 || fail "convert textbook to GeniusWeb"
TB_XML=("$TMP/tb-genius/textbook.xml" "$TMP/tb-genius/Buyer.xml" "$TMP/tb-genius/Seller.xml")
TB_GW=("$TMP/tb-gw/textbook.json" "$TMP/tb-gw/Buyer.json" "$TMP/tb-gw/Seller.json")
# the ANAC domain, and the same as a native scenario and in GeniusWeb JSON
L="$GENIUS/anac2012/Laptop/Laptop-A"
[ -f "$L-domain.xml" ] || { echo "no $GENIUS: the ANAC half of the matrix needs ../shared/genius"; exit 1; }
LAP_XML=("$L-domain.xml" "$L-prof1.xml" "$L-prof2.xml")
"$PARLEY" convert "${LAP_XML[@]}" -o "$TMP/laptop.json" >/dev/null 2>"$TMP/lap.err" || fail "convert Laptop-A to native"
expect_in "$TMP/lap.err" "Laptop-A-prof1's issue weights sum to 1.0000518: a native scenario divides them by their sum" "convert warns that native normalises"
"$PARLEY" convert --to geniusweb "${LAP_XML[@]}" -o "$TMP/lap-gw/Laptop-A.json" >/dev/null 2>&1 || fail "convert Laptop-A to GeniusWeb"
LAP_GW=("$TMP/lap-gw/Laptop-A.json" "$TMP/lap-gw/Laptop-A-prof1.json" "$TMP/lap-gw/Laptop-A-prof2.json")

join() { local IFS=+; echo "$*"; }

# one scenario in every form: "label|arguments..." (arguments separated by a tab)
forms=(
  "textbook native|$NATIVE"
  "textbook GENIUS|${TB_XML[0]}	${TB_XML[1]}	${TB_XML[2]}"
  "textbook GENIUS joined|$(join "${TB_XML[@]}")"
  "textbook GeniusWeb|${TB_GW[0]}	${TB_GW[1]}	${TB_GW[2]}"
  "textbook GeniusWeb joined|$(join "${TB_GW[@]}")"
  "Laptop-A native|$TMP/laptop.json"
  "Laptop-A GENIUS|${LAP_XML[0]}	${LAP_XML[1]}	${LAP_XML[2]}"
  "Laptop-A GENIUS joined|$(join "${LAP_XML[@]}")"
  "Laptop-A GeniusWeb|${LAP_GW[0]}	${LAP_GW[1]}	${LAP_GW[2]}"
  "Laptop-A GeniusWeb joined|$(join "${LAP_GW[@]}")"
)
n=0
for form in "${forms[@]}"; do
  label=${form%%|*}
  IFS=$'\t' read -r -a args <<<"${form#*|}"
  expect_exit 0 "analyze $label" "$PARLEY" analyze "${args[@]}"
  expect_exit 0 "analyze --json $label" "$PARLEY" analyze --json "${args[@]}"
  expect_exit 0 "diagnose $label" "$PARLEY" diagnose "${args[@]}"
  expect_exit 0 "propose $label" "$PARLEY" propose "${args[@]}"
  expect_exit 0 "negotiate $label" "$PARLEY" negotiate "${args[@]}" --agents boulware,linear --rounds 20
  expect_exit 0 "convert $label" "$PARLEY" convert "${args[@]}" -o "$TMP/out-$n/x.json"
  # a tournament takes one argument per scenario: the joined form (or a native file)
  if [ ${#args[@]} -eq 1 ]; then
    expect_exit 0 "tournament $label" "$PARLEY" tournament "${args[0]}" --agents boulware,linear --rounds 20
  fi
  n=$((n + 1))
done
# read as GENIUS reads it, Laptop-A's Nash product is GENIUS's 0.1575527 (weights as written), in both GENIUS forms
# (GeniusWeb states the reservation value 0.5 as a bid, and native scenarios normalise weights: both warned about)
for form in "Laptop-A GENIUS joined|$(join "${LAP_XML[@]}")" "Laptop-A GENIUS|${LAP_XML[*]}"; do
  "$PARLEY" analyze --json ${form#*|} >"$TMP/nash.json" 2>/dev/null || fail "${form%%|*}: analyze"
  python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))["solutions"]["nash"]["value"]
assert abs(v - 0.1575527) < 5e-8, v' "$TMP/nash.json" || fail "${form%%|*}: Nash product is not GENIUS's 0.1575527"
done

# --- GENIUS weights --------------------------------------------------------------------------------------------
# Laptop-A-prof1's weights sum to 1.0000518: used as written, with a warning; --normalise-weights divides them
expect_exit 0 "raw weights" "$PARLEY" analyze "${LAP_XML[@]}"
expect_in "$TMP/err" "parley analyze: warning: $L-prof1.xml: the issue weights sum to 1.0000518, not 1" "weights warning"
expect_exit 0 "--normalise-weights" "$PARLEY" analyze --normalise-weights "${LAP_XML[@]}"
grep -q "warning" "$TMP/err" && fail "--normalise-weights: still a warning ($(cat "$TMP/err"))"

# --- mistakes: exit 2, one prefix, the stated message ---------------------------------------------------------
mistake() { # command-name description expected-message arguments...
  local cmd=$1 what=$2 want=$3; shift 3
  expect_exit 2 "$what" "$PARLEY" "$@"
  expect_in "$TMP/err" "$want" "$what message"
  [ -z "$cmd" ] || expect_in "$TMP/err" "parley $cmd: " "$what prefix"
}
for cmd in analyze diagnose propose convert; do
  extra=(); [ $cmd = convert ] && extra=(-o "$TMP/c.json")
  mistake $cmd "$cmd missing file" "$TMP/nope.json: cannot read the file: No such file or directory" $cmd "$TMP/nope.json" "${extra[@]}"
  mistake $cmd "$cmd directory" "$CORE: is a directory" $cmd "$CORE" "${extra[@]}"
done
mistake negotiate "negotiate missing file" "cannot read the file: No such file or directory" negotiate "$TMP/nope.json" --agents boulware,linear
mistake tournament "tournament missing profile" "$TMP/nope.xml: cannot read the file: No such file or directory" \
  tournament "${LAP_XML[0]}+${LAP_XML[1]}+$TMP/nope.xml" --agents boulware,linear
mistake "" "command typo" "parley: unknown command 'analyse' (did you mean 'analyze'?)" analyse "$NATIVE"
mistake analyze "option typo" "unknown option '--fronteir' (did you mean --frontier?)" analyze "$NATIVE" --fronteir
mistake negotiate "agent typo" "unknown agent 'bolware' (did you mean 'boulware'?" negotiate "$NATIVE" --agents bolware,linear
mistake propose "rule typo" "--rule expects nash, kalai, egalitarian or welfare (did you mean kalai?)" propose "$NATIVE" --rule kalia
mistake propose "value typo" "'bleu' is not a value of issue 'color' (did you mean 'blue'?)" propose "$NATIVE" --text price=1,color=bleu
# rules: a typo of an issue, a doubled operator, an unquoted value (each at its column of the rule)
rule() { sed "s/\"rule\": \"price >= 1\"/\"rule\": \"$1\"/" "$NATIVE" >"$TMP/rule.json"; }
rule 'price >= 1 and colr == \\"red\\"'
mistake analyze "issue typo in a rule" "unknown issue 'colr' (did you mean 'color'?" analyze "$TMP/rule.json"
rule 'price >= 1 and and color == \\"red\\"'
mistake analyze "doubled operator" "'and' where a value or an issue name was expected: is an operator doubled ('and and')" analyze "$TMP/rule.json"
expect_in "$TMP/err" "at column 16 of the rule" "doubled operator column"
rule 'color == red'
mistake diagnose "unquoted value" "'red' is a value of issue 'color', not an issue: quote it (color == \"red\")" diagnose "$TMP/rule.json"
# a value utility outside [0,1] points at that value
sed 's/"red": 1, "blue": 0}}}},/"red": 10, "blue": 0}}}},/' "$NATIVE" >"$TMP/value.json"
mistake analyze "value utility 10" "at parties[0].preferences.color.values.red: the utility of value 'red' is 10 (expected a number in [0,1])" analyze "$TMP/value.json"
# native weights: rounded to 6 decimals (0.666667 + 0.333333 = 1.000000 here; 0.599999 + 0.4 = 0.999999) are
# normalised with a warning; beyond 1e-3 an error
sed 's/"weight": 0.6,/"weight": 0.599999,/' "$NATIVE" >"$TMP/w6.json"
expect_exit 0 "weights rounded to 6 decimals" "$PARLEY" analyze "$TMP/w6.json"
expect_in "$TMP/err" "parley analyze: warning: $TMP/w6.json: party 'Buyer': the issue weights sum to 0.999999; divided by their sum" "rounded weights warning"
sed 's/"weight": 0.6,/"weight": 0.602,/' "$NATIVE" >"$TMP/w3.json"
mistake analyze "weights beyond the tolerance" "party 'Buyer': the issue weights sum to 1.002 (expected 1, within 0.001)" analyze "$TMP/w3.json"
# with --json, an error is also one JSON object on stderr
expect_exit 2 "json error" "$PARLEY" analyze --json "$TMP/value.json"
python3 - "$TMP/err" <<'PY' || fail "--json error object"
import json, sys
text = open(sys.argv[1]).read()
obj = json.loads(text[text.index("{"):])
assert obj["command"] == "analyze" and obj["kind"] == "bad input", obj
assert obj["path"] == "parties[0].preferences.color.values.red" and obj["file"].endswith("value.json"), obj
assert "is 10" in obj["error"], obj
PY
expect_exit 2 "json usage error" "$PARLEY" propose --json "$NATIVE" --rule nah
python3 -c '
import json, sys
text = open(sys.argv[1]).read()
obj = json.loads(text[text.index("{"):])
assert obj["kind"] == "usage" and obj["command"] == "propose" and "--rule" in obj["error"], obj' "$TMP/err" \
  || fail "--json usage error object"

# --- one number format ---------------------------------------------------------------------------------------
# convert writes 0.4, not 0.40000000000000002; every --json is indented the same way
"$PARLEY" convert "$NATIVE" -o "$TMP/n.json" >/dev/null 2>&1
grep -q '"weight": 0.4,' "$TMP/n.json" || fail "convert: 0.4 not written as 0.4 ($(grep weight "$TMP/n.json" | head -2))"
grep -q '0000000' "$TMP/n.json" && fail "convert: a 17-digit number in $(grep 0000000 "$TMP/n.json" | head -1)"
for c in "analyze --json $NATIVE" "diagnose --json $NATIVE" "propose --json $NATIVE"; do
  "$PARLEY" $c >"$TMP/j.json" 2>/dev/null || fail "$c"
  python3 -c '
import json, sys
text = open(sys.argv[1]).read()
assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n" or text.startswith("{\n  \""), text[:80]' "$TMP/j.json" \
    || fail "$c: not pretty-printed"
done

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "one_language.sh: all passed"
