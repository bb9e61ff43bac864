#!/usr/bin/env bash
# tests/cli/analyze.sh PARLEY SOURCE_DIR: `parley analyze` end to end: human and --json output
# (values worked out by hand in tests/test_analysis.c, read back with python3), --frontier, --threads,
# --time, --help, exit codes 0/1/2 and the error messages for bad files, missing files and bad options.
set -u
parley=$1
src=$2
data=$src/tests/data/core
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# run CMD...: captures stdout, stderr and the exit code
run() {
  "$@" >"$tmp/out" 2>"$tmp/err"
  code=$?
}

expect_code() { # expected-code description
  [ "$code" -eq "$1" ] || fail "$2: exit code $code, expected $1 (stderr: $(head -c 300 "$tmp/err"))"
}

expect_out() { # fragment description
  grep -qF -- "$1" "$tmp/out" || fail "$2: stdout lacks '$1'"
}

expect_err() { # fragment description
  grep -qF -- "$1" "$tmp/err" || fail "$2: stderr lacks '$1' (stderr: $(head -c 300 "$tmp/err"))"
}

# json_check PYTHON-EXPRESSIONS...: each must hold for the JSON object `j` read from stdout
json_check() {
  python3 - "$tmp/out" "$@" <<'PY' || fail "json: $(cat "$tmp/py" 2>/dev/null)"
import json, sys
j = json.load(open(sys.argv[1]))
def near(a, b):
    return abs(a - b) < 1e-9
bad = [e for e in sys.argv[2:] if not eval(e)]
if bad:
    print("failed: " + "; ".join(bad), file=sys.stderr)
    sys.exit(1)
PY
}

# --help
run "$parley" analyze --help
expect_code 0 "--help"
expect_out "usage: parley analyze" "--help"
expect_out "--frontier" "--help"
run "$parley" analyze -h
expect_code 0 "-h"

# textbook.json, human report (see tests/test_analysis.c for the arithmetic)
run "$parley" analyze "$data/textbook.json" --threads 1
expect_code 0 "textbook"
expect_out "Textbook: two issues" "textbook title"
grep -Eq '^outcomes +6$' "$tmp/out" || fail "textbook: outcomes 6"
grep -Eq '^feasible +6 ' "$tmp/out" || fail "textbook: feasible 6"
grep -Eq '^acceptable +3 ' "$tmp/out" || fail "textbook: acceptable 3"
expect_out "Pareto frontier: 2 outcomes" "textbook frontier"
grep -Eq '^Buyer +0\.2000 +5 +0\.7000$' "$tmp/out" || fail "textbook: Buyer row (reservation 0.2, accepts 5, best 0.7)"
grep -Eq '^Seller +0\.2000 +4 +0\.7000$' "$tmp/out" || fail "textbook: Seller row (reservation 0.2, accepts 4, best 0.7)"
[ "$(grep -c 'price=2, color=red' "$tmp/out")" -eq 4 ] || fail "textbook: all four solutions are price=2, color=red"
expect_out "Buyer 0.4000, Seller 0.7000" "textbook solution utilities"
grep -q 'Broker' "$tmp/out" && fail "textbook: the mediator is not a negotiating party"

# --frontier lists the two Pareto outcomes in outcome order
run "$parley" analyze "$data/textbook.json" --frontier
expect_code 0 "textbook --frontier"
python3 - "$tmp/out" <<'PY' || fail "textbook --frontier: outcomes listed"
import sys
text = open(sys.argv[1]).read()
first, second = text.find("price=1, color=red"), text.find("price=2, color=red")
sys.exit(0 if 0 <= first < second else 1)
PY

# --json
run "$parley" analyze "$data/textbook.json" --json
expect_code 0 "textbook --json"
json_check 'j["outcomes"] == 6' 'j["feasible"] == 6' 'j["acceptable"] == 3' 'j["pareto"]["count"] == 2' \
  '"outcomes" not in j["pareto"]' \
  'j["solutions"]["nash"]["outcome"] == {"price": 2, "color": "red"}' \
  'near(j["solutions"]["nash"]["value"], 0.1)' \
  'near(j["solutions"]["kalai"]["value"], 0.4)' \
  'near(j["solutions"]["egalitarian"]["value"], 0.2)' \
  'near(j["solutions"]["welfare"]["value"], 1.1)' \
  'near(j["solutions"]["welfare"]["utilities"]["Buyer"], 0.4)' \
  'near(j["solutions"]["welfare"]["utilities"]["Seller"], 0.7)' \
  'all(j["solutions"][k]["outcome"] == {"price": 2, "color": "red"} for k in ("kalai", "egalitarian", "welfare"))' \
  '[p["name"] for p in j["parties"]] == ["Buyer", "Seller"]' \
  '[p["accepts"] for p in j["parties"]] == [5, 4]' \
  'near(j["parties"][0]["best"], 0.7) and near(j["parties"][1]["reservation"], 0.2)' \
  '[c["holds_on"] for c in j["conditions"]] == [4, 5, 5]' \
  'j["conditions"][0]["kind"] == "red_line" and j["conditions"][0]["name"] == "min_price"'

run "$parley" analyze --json --frontier "$data/textbook.json" --threads 2
expect_code 0 "textbook --json --frontier"
json_check 'j["pareto"]["count"] == 2' \
  '[o["outcome"] for o in j["pareto"]["outcomes"]] == [{"price": 1, "color": "red"}, {"price": 2, "color": "red"}]' \
  'near(j["pareto"]["outcomes"][0]["utilities"]["Buyer"], 0.7)' \
  'near(j["pareto"]["outcomes"][0]["utilities"]["Seller"], 0.35)'

# three parties, ties and equal vectors: 12 on the frontier; Nash v, Kalai and egalitarian w, welfare x
run "$parley" analyze "$data/three.json" --json --threads=2
expect_code 0 "three --json"
json_check 'j["acceptable"] == 12' 'j["pareto"]["count"] == 12' \
  'j["solutions"]["nash"]["outcome"] == {"a": "v", "b": 0}' 'near(j["solutions"]["nash"]["value"], 0.128)' \
  'j["solutions"]["kalai"]["outcome"] == {"a": "w", "b": 0}' 'near(j["solutions"]["kalai"]["value"], 0.5)' \
  'j["solutions"]["egalitarian"]["outcome"] == {"a": "w", "b": 0}' \
  'j["solutions"]["welfare"]["outcome"] == {"a": "x", "b": 0}' 'near(j["solutions"]["welfare"]["value"], 2.0)'

# real numbers in JSON output are numbers, integers integers, labels strings
run "$parley" analyze "$data/full.json" --json --frontier
expect_code 0 "full --json"
json_check 'all(isinstance(o["outcome"]["aid"], (int, float)) and isinstance(o["outcome"]["prisoners"], int) and isinstance(o["outcome"]["war"], str) for o in j["pareto"]["outcomes"])' \
  'j["outcomes"] == 2 * 5 * 5 * 4 * 5'

# no deal: the minimal conflicting sets are named
run "$parley" analyze "$data/conflicts.json"
expect_code 0 "conflicts"
expect_out "No deal" "conflicts"
expect_out "A's red line 'A1' (x >= 3)" "conflicts A1"
expect_out "B's red line 'B1' (x <= 1)" "conflicts B1"
expect_out "A's reservation value 0.5" "conflicts reservation"
[ "$(grep -cE '^  [0-9]+\.' "$tmp/out")" -eq 4 ] || fail "conflicts: four minimal sets listed"
run "$parley" analyze "$data/conflicts.json" --json
expect_code 0 "conflicts --json"
json_check 'j["acceptable"] == 0' 'j["pareto"]["count"] == 0' 'j["feasible"] == 10' \
  'all(j["solutions"][k] is None for k in ("nash", "kalai", "egalitarian", "welfare"))'
# the JSON carries the same minimal conflicting sets as the text: four, one of them A1 + B1 (x >= 3 and x <= 1)
json_check 'len(j["conflicts"]) == 4' \
  'any(sorted(m.get("name", "") for m in s) == ["A1", "B1"] for s in j["conflicts"])' \
  'all(m["kind"] in ("red_line", "reservation") and m["party"] in ("A", "B") for s in j["conflicts"] for m in s)'
run "$parley" analyze "$data/textbook.json" --json
json_check 'j["conflicts"] == []'

# --time: the Buyer's reservation on a curve from 0.2 (t = 0) to 0.8 (t = 1) is 0.5 at t = 0.5.  Acceptable
# packages of textbook.json (price >= 1 for the Seller, both >= their reservations), Buyer/Seller utilities:
# (1, red) .7/.35, (1, blue) .3/.65, (2, red) .4/.7; (2, blue) gives the Buyer 0.  At t = 0 all three (Buyer
# needs .2), at t = 0.5 only (1, red) (Buyer needs .5), at t = 1 none (Buyer needs .8).
sed 's/"name": "Buyer", "reservation": 0.2,/"name": "Buyer", "reservation_curve": [[0, 0.2], [1, 0.8]],/' \
  "$data/textbook.json" >"$tmp/curve.json"
grep -q reservation_curve "$tmp/curve.json" || fail "--time: the curve was not put into the scenario"
run "$parley" analyze "$tmp/curve.json" --json
expect_code 0 "--time default"
json_check 'j["acceptable"] == 3'
run "$parley" analyze "$tmp/curve.json" --time 0.5 --json
expect_code 0 "--time 0.5"
json_check 'j["acceptable"] == 1' 'j["solutions"]["nash"]["outcome"] == {"price": 1, "color": "red"}'
run "$parley" analyze "$tmp/curve.json" --time 1 --json
expect_code 0 "--time 1"
json_check 'j["acceptable"] == 0'
# the approximate analysis reads the reservation at --time too: Buyer .5, frontier (1, red) only
run "$parley" analyze "$tmp/curve.json" --approximate --time 0.5 --json --frontier
expect_code 0 "--approximate --time 0.5"
json_check 'j["parties"][0]["reservation"] == 0.5' 'j["pareto"]["count"] == 1' \
  'j["pareto"]["outcomes"][0]["outcome"] == {"price": 1, "color": "red"}'

# usage errors: exit 2 and a message on stderr, nothing on stdout
for args in "--bogus $data/textbook.json" "" "--threads 0 $data/textbook.json" "--threads abc $data/textbook.json" \
            "--threads 65 $data/textbook.json" "--time 2 $data/textbook.json" "--time x $data/textbook.json" \
            "$data/textbook.json --threads"; do
  # shellcheck disable=SC2086
  run "$parley" analyze $args
  expect_code 2 "analyze $args"
  [ -s "$tmp/err" ] || fail "analyze $args: no message"
  [ -s "$tmp/out" ] && fail "analyze $args: output on stdout"
done
run "$parley" analyze --bogus "$data/textbook.json"
expect_err "unknown option '--bogus'" "unknown option"
run "$parley" analyze
expect_err "expected a scenario file" "no file"

# a missing file: exit 2 (input that cannot be read) with the reason
run "$parley" analyze "$tmp/missing.json"
expect_code 2 "missing file"
expect_err "parley analyze: $tmp/missing.json: cannot read the file: No such file or directory" "missing file"

# bad files: exit 2, "parley analyze: FILE:LINE:COLUMN: ..." for syntax, "FILE: at PATH: ..." for the rest
printf '{\n  "issues": [\n}\n' >"$tmp/syntax.json"
run "$parley" analyze "$tmp/syntax.json"
expect_code 2 "syntax error"
expect_err "parley analyze: $tmp/syntax.json:3:1: " "syntax error location"

sed 's/"rule": "price >= 1"/"rule": "price >= 1 and colour == \\"red\\""/' "$data/textbook.json" >"$tmp/rule.json"
run "$parley" analyze "$tmp/rule.json"
expect_code 2 "unknown issue in a rule"
expect_err "$tmp/rule.json: at parties[1].red_lines[0].rule: unknown issue 'colour'" "rule error path"
expect_err "at column 16 of the rule" "rule error column"

sed 's/"weight": 0.6/"weight": 0.7/' "$data/textbook.json" >"$tmp/weights.json"
run "$parley" analyze "$tmp/weights.json"
expect_code 2 "weights"
expect_err "at parties[0].preferences: party 'Buyer': the issue weights sum to 1.1 (expected 1, within 0.001)" "weights message"

sed 's/"max": 2}/"max": 2, "step": 0}/' "$data/textbook.json" >"$tmp/step.json"
run "$parley" analyze "$tmp/step.json"
expect_code 2 "step 0"
expect_err "at issues[0]: issue 'price': step must be a positive whole number" "step message"

echo '[]' >"$tmp/array.json"
run "$parley" analyze "$tmp/array.json"
expect_code 2 "array document"
: >"$tmp/empty.json"
run "$parley" analyze "$tmp/empty.json"
expect_code 2 "empty file"
expect_err "$tmp/empty.json" "empty file name"

run "$parley" analyze "$data/textbook.json" "$data/three.json"
expect_code 2 "two scenarios"

# a space of 2^64 outcomes is never enumerated: refused as too large (exit 2) or searched and marked approximate
python3 - "$tmp/huge.json" <<'PY'
import json, sys
issues = [{"name": "b%d" % i, "type": "integer", "min": 0, "max": 1} for i in range(64)]
prefs = {"b0": {"weight": 1, "function": {"type": "linear", "at_min": 0, "at_max": 1}}}
json.dump({"issues": issues, "parties": [{"name": "A", "preferences": prefs}, {"name": "B", "preferences": prefs}]},
          open(sys.argv[1], "w"))
PY
run "$parley" analyze "$tmp/huge.json"
if [ "$code" -eq 0 ]; then
  # newer builds search such spaces instead, and must say the result is approximate
  grep -qi "approximate" "$tmp/out" || fail "2^64 outcomes: exit 0 without saying the analysis is approximate"
else
  expect_code 2 "2^64 outcomes"
  expect_err "too many" "2^64 outcomes message"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "analyze.sh: all checks passed"
