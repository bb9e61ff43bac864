# diagnose.sh: `parley diagnose` end to end: the ceasefire impasse (the three
# linkage red lines that collide), JSON output parsed with python3, a scenario
# with a zone (nothing to diagnose), guarantees on a phased deal, --time with a
# reservation curve, help, usage errors and bad input (exit code 2).  Hand
# values: tests/test_diagnose.c.
# usage: bash diagnose.sh PARLEY_BINARY SOURCE_DIR
set -u
PARLEY=$1
SRC=$2
DATA=$SRC/tests/data/diagnose
source "$(dirname "$0")/lib/check.sh"

# help and usage errors
expect_exit 0 "help" "$PARLEY" diagnose --help
expect_in "$TMP/out" "usage: parley diagnose SCENARIO" "help text"
expect_exit 0 "-h" "$PARLEY" diagnose -h
expect_exit 2 "no scenario" "$PARLEY" diagnose
expect_in "$TMP/err" "expected a scenario file" "no scenario message"
expect_exit 2 "unknown option" "$PARLEY" diagnose "$SRC/examples/ceasefire.json" --frobnicate
expect_in "$TMP/err" "unknown option '--frobnicate'" "unknown option message"
expect_exit 2 "two scenarios" "$PARLEY" diagnose "$SRC/examples/ceasefire.json" "$SRC/examples/ceasefire.json"
expect_exit 2 "bad threads" "$PARLEY" diagnose "$SRC/examples/ceasefire.json" --threads 0
expect_exit 2 "missing --time value" "$PARLEY" diagnose "$SRC/examples/ceasefire.json" --time
expect_exit 2 "--time outside [0,1]" "$PARLEY" diagnose "$SRC/examples/ceasefire.json" --time 1.5
expect_exit 2 "--time not a number" "$PARLEY" diagnose "$SRC/examples/ceasefire.json" --time soon

# bad input: JSON syntax (file:line), an unknown issue in a rule (JSON path), a phase naming an unknown issue
printf '{"issues": [\n  {"name": "x",,}\n]}\n' >"$TMP/syntax.json"
expect_exit 2 "syntax error" "$PARLEY" diagnose "$TMP/syntax.json"
expect_in "$TMP/err" "$TMP/syntax.json:2" "syntax error location"
sed 's/"rule": "price <= 6"/"rule": "cost <= 6"/' "$DATA/reservation.json" >"$TMP/rule.json"
expect_exit 2 "unknown issue in a rule" "$PARLEY" diagnose "$TMP/rule.json"
expect_in "$TMP/err" "parties[1].red_lines[0].rule" "rule error path"
expect_in "$TMP/err" "unknown issue 'cost'" "rule error message"
sed 's/"issues": \["y"\]/"issues": ["v"]/' "$DATA/phased.json" >"$TMP/phase.json"
expect_exit 2 "unknown issue in a phase" "$PARLEY" diagnose "$TMP/phase.json"
expect_in "$TMP/err" "phases[1].issues[0]" "phase error path"
sed 's/"trust": {"two": 0.5}/"trust": {"two": 2}/' "$DATA/phased.json" >"$TMP/trust.json"
expect_exit 2 "trust outside [0,1]" "$PARLEY" diagnose "$TMP/trust.json"
expect_in "$TMP/err" "parties[0].trust.two" "trust error path"
expect_exit 2 "missing file" "$PARLEY" diagnose "$TMP/none.json"
expect_in "$TMP/err" "parley diagnose: $TMP/none.json: cannot read the file: No such file or directory" "missing file reason"

# the ceasefire impasse: Israel's no_end_of_war and release_required against Hamas's linkage
expect_exit 0 "ceasefire text" "$PARLEY" diagnose "$SRC/examples/ceasefire.json"
expect_in "$TMP/out" "0 acceptable to every party" "ceasefire: no zone"
expect_in "$TMP/out" "1. these 3 cannot hold together:" "ceasefire: a set of three"
expect_in "$TMP/out" "Israel's red line 'no_end_of_war'" "ceasefire: no_end_of_war"
expect_in "$TMP/out" "Israel's red line 'release_required'" "ceasefire: release_required"
expect_in "$TMP/out" "Hamas's red line 'release_requires_end_of_war'" "ceasefire: Hamas's linkage"
expect_in "$TMP/out" "drop Hamas's red line 'release_requires_end_of_war'" "ceasefire: a relaxation"
expect_in "$TMP/out" "Guarantees:" "ceasefire: guarantees (phased)"
# the three red lines form one set, listed together
awk '/cannot hold together/ { n++ } n == 1 && /^     - / { print }' "$TMP/out" >"$TMP/set1"
[ "$(wc -l <"$TMP/set1")" -eq 3 ] || fail "ceasefire: the first set does not have three members: $(cat "$TMP/set1")"

expect_exit 0 "ceasefire json" "$PARLEY" diagnose "$SRC/examples/ceasefire.json" --json
python3 - "$TMP/out" <<'PY' || fail "ceasefire JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["acceptable"] == 0, d["acceptable"]
want = {("Israel", "no_end_of_war"), ("Israel", "release_required"), ("Hamas", "release_requires_end_of_war")}
sets = [{(c["party"], c.get("name")) for c in conflict} for conflict in d["conflicts"]]
assert want in sets, sets
assert all(c["kind"] == "red_line" for conflict in d["conflicts"] for c in conflict if c.get("name") in {n for _, n in want})
assert d["conflicts_complete"] is True
assert len(d["relaxations"]) == 3, d["relaxations"]
zones = [r["zone"] for r in d["relaxations"]]
assert zones == sorted(zones, reverse=True), zones          # largest zone first
for r in d["relaxations"]:
    assert r["zone"] > 0 and set(r["nash"]["utilities"]) == {"Israel", "Hamas"}, r
    assert "from" not in r                                    # red lines are dropped, not lowered
assert set(d["guarantee"]) == {"stated_trust", "guaranteed"}
PY

# reservation values (tests/test_diagnose.c): Seller's 0.65 lowered to 0.5 opens {price 5}
expect_exit 0 "reservation text" "$PARLEY" diagnose "$DATA/reservation.json"
expect_in "$TMP/out" "2 minimal conflicting sets" "reservation: two sets"
expect_in "$TMP/out" "lower Seller's reservation value 0.65 to 0.5000 (by 0.1500)" "reservation: lowered value"
expect_in "$TMP/out" "opens a zone of 1 package;" "reservation: zone"
expect_in "$TMP/out" "price=5" "reservation: Nash package"
expect_in "$TMP/out" "opens nothing on its own" "reservation: a relaxation that opens nothing"
expect_exit 0 "reservation json" "$PARLEY" diagnose "$DATA/reservation.json" --json
python3 - "$TMP/out" <<'PY' || fail "reservation JSON"
import json, sys
d = json.load(open(sys.argv[1]))
sets = sorted(sorted((c["party"], c["kind"]) for c in s) for s in d["conflicts"])
assert sets == [[("Buyer", "red_line"), ("Seller", "reservation")], [("Buyer", "reservation"), ("Seller", "reservation")]], sets
r = d["relaxations"][0]
assert r["condition"]["party"] == "Seller" and abs(r["from"] - 0.65) < 1e-9 and abs(r["to"] - 0.5) < 1e-9, r
assert r["zone"] == 1 and r["nash"]["outcome"] == {"price": 5}, r
assert [x["zone"] for x in d["relaxations"]] == [1, 0, 0]
assert "guarantee" not in d
PY

# overlapping conflicts {A,B}, {B,C}, {A,C,D}
expect_exit 0 "overlap json" "$PARLEY" diagnose "$DATA/overlap.json" --json
python3 - "$TMP/out" <<'PY' || fail "overlap JSON"
import json, sys
d = json.load(open(sys.argv[1]))
sets = sorted(sorted(c["name"] for c in s) for s in d["conflicts"])
assert sets == [["A", "B"], ["A", "C", "D"], ["B", "C"]], sets
PY

# more than 20 conditions: the smallest sets only
expect_exit 0 "many" "$PARLEY" diagnose "$DATA/many.json"
expect_in "$TMP/out" "3 minimal conflicting sets (the smallest ones, up to four members)" "many: smallest sets"
expect_exit 0 "many json" "$PARLEY" diagnose "$DATA/many.json" --json --threads 2
python3 - "$TMP/out" <<'PY' || fail "many JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["conflicts_complete"] is False
sets = sorted(sorted(c["name"] for c in s) for s in d["conflicts"])
assert sets == [["e0", "e1", "e2", "e3"], ["r1", "r2"], ["r3", "r4", "r5"]], sets
PY

# guarantees on a phased deal: 0 with the stated trust, 5 if phase two were guaranteed
expect_exit 0 "phased" "$PARLEY" diagnose "$DATA/phased.json"
expect_in "$TMP/out" "Guarantees: 0 acceptable packages with each party's stated trust in the later phases, 5 if every later phase were guaranteed." "phased: guarantees"
expect_in "$TMP/out" "lower A's reservation value 0.5 to 0.3750 (by 0.1250)" "phased: A lowered"
expect_exit 0 "phased json" "$PARLEY" diagnose "$DATA/phased.json" --json
python3 - "$TMP/out" <<'PY' || fail "phased JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["guarantee"] == {"stated_trust": 0, "guaranteed": 5}, d["guarantee"]
PY

# a zone of agreement: nothing to diagnose, exit 0
expect_exit 0 "zone" "$PARLEY" diagnose "$SRC/examples/ceasefire-relaxed.json"
expect_in "$TMP/out" "nothing to diagnose" "zone: message"
expect_exit 0 "zone json" "$PARLEY" diagnose "$SRC/examples/ceasefire-relaxed.json" --json
python3 - "$TMP/out" <<'PY' || fail "zone JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["acceptable"] > 0 and d["conflicts"] == [] and d["relaxations"] == [], d
PY

# pressure: Seller's reservation 0.75 - 0.5 t; Buyer 0.45 (price <= 5)
cat >"$TMP/pressure.json" <<'JSON'
{"issues": [{"name": "price", "type": "integer", "min": 0, "max": 10}],
 "parties": [
  {"name": "Seller", "reservation_curve": [[0, 0.75], [1, 0.25]],
   "preferences": {"price": {"weight": 1, "function": {"type": "linear", "at_min": 0, "at_max": 1}}}},
  {"name": "Buyer", "reservation": 0.45,
   "preferences": {"price": {"weight": 1, "function": {"type": "linear", "at_min": 1, "at_max": 0}}}}]}
JSON
expect_exit 0 "pressure t=0" "$PARLEY" diagnose "$TMP/pressure.json"
expect_in "$TMP/out" "lower Seller's reservation value 0.75 to 0.5000 (by 0.2500)" "pressure: t=0"
expect_exit 0 "pressure t=0.6" "$PARLEY" diagnose "$TMP/pressure.json" --time 0.6
expect_in "$TMP/out" "1 acceptable to every party" "pressure: t=0.6 zone"
expect_in "$TMP/out" "nothing to diagnose" "pressure: t=0.6"
expect_exit 0 "pressure t=1" "$PARLEY" diagnose "$TMP/pressure.json" --time=1
expect_in "$TMP/out" "3 acceptable to every party" "pressure: t=1 zone"

# no feasible package at all: the global constraints are to blame, not a red line
cat >"$TMP/infeasible.json" <<'JSON'
{"issues": [{"name": "x", "type": "integer", "min": 0, "max": 3}],
 "constraints": [{"name": "never", "rule": "x > 5"}],
 "parties": [
  {"name": "A", "preferences": {"x": {"weight": 1, "function": {"type": "linear", "at_min": 0, "at_max": 1}}},
   "red_lines": [{"name": "a1", "rule": "x >= 1"}]},
  {"name": "B", "preferences": {"x": {"weight": 1, "function": {"type": "linear", "at_min": 1, "at_max": 0}}}}]}
JSON
expect_exit 0 "infeasible" "$PARLEY" diagnose "$TMP/infeasible.json"
expect_in "$TMP/out" "4 outcomes, 0 feasible" "infeasible: counts"
expect_in "$TMP/out" "no package satisfies the global constraints" "infeasible: message"
expect_exit 0 "infeasible json" "$PARLEY" diagnose "$TMP/infeasible.json" --json
python3 - "$TMP/out" <<'PY' || fail "infeasible JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["feasible"] == 0 and d["conflicts"] == [] and d["relaxations"] == [], d
PY

# a red line the global constraints rule out: a set of one
expect_exit 0 "impossible" "$PARLEY" diagnose "$DATA/impossible.json"
expect_in "$TMP/out" "1. this one cannot hold with the global constraints:" "impossible: one member"
expect_in "$TMP/out" "A's red line 'all_in'" "impossible: the red line"
# all_in (x == 3) allows the top value: the smallest move is the threshold x >= 2, the one package x = 2
expect_in "$TMP/out" "move A's red line 'all_in'" "impossible: a move, not a drop"
expect_in "$TMP/out" "to: x >= 2" "impossible: the moved threshold"
expect_in "$TMP/out" "opens a zone of 1 package;" "impossible: relaxation"

# moves (tests/test_moves.c works them by hand): thresholds from both ends, then both sides part of the way
expect_exit 0 "thresholds" "$PARLEY" diagnose "$SRC/tests/data/moves/thresholds.json"
expect_in "$TMP/out" "to: subsidy >= 2" "thresholds: Buyer's smallest move"
expect_in "$TMP/out" "to: subsidy <= 6" "thresholds: Seller's smallest move"
expect_in "$TMP/out" "the largest concession, 0.2000" "thresholds: combined"
expect_exit 0 "thresholds json" "$PARLEY" diagnose "$SRC/tests/data/moves/thresholds.json" --json
python3 - "$TMP/out" <<'PY' || fail "thresholds JSON"
import json, sys
d = json.load(open(sys.argv[1]))
moves = {(r["condition"]["party"], r["change"], r["to"]) for r in d["relaxations"]}
assert moves == {("Buyer", "move", "subsidy >= 2"), ("Seller", "move", "subsidy <= 6")}, moves
c = d["combination"]
assert abs(c["largest_concession"] - 0.2) < 1e-9 and c["zone"] == 1 and c["nash"]["outcome"] == {"subsidy": 4}, c
assert sorted((m["party"], m["to"]) for m in c["moves"]) == [("Buyer", "subsidy >= 4"), ("Seller", "subsidy <= 4")], c
PY

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "diagnose.sh: all passed"
