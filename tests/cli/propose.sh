# propose.sh: `parley propose` end to end: the phased package on
# examples/ceasefire-relaxed.json (text and JSON), the three rules on a
# scenario where they differ (hand values in tests/test_propose.c), amendment
# checks, no zone (exit 0, saying why and pointing to `parley diagnose`), help, usage errors
# and bad input (exit code 2).
# usage: bash propose.sh PARLEY_BINARY SOURCE_DIR
set -u
PARLEY=$1
SRC=$2
DATA=$SRC/tests/data/diagnose
source "$(dirname "$0")/lib/check.sh"

RELAXED=$SRC/examples/ceasefire-relaxed.json

# help and usage errors
expect_exit 0 "help" "$PARLEY" propose --help
expect_in "$TMP/out" "usage: parley propose SCENARIO" "help text"
expect_in "$TMP/out" "--amend" "help mentions amendments"
expect_exit 2 "no scenario" "$PARLEY" propose
expect_exit 2 "unknown option" "$PARLEY" propose "$RELAXED" --frobnicate
expect_exit 2 "bad rule" "$PARLEY" propose "$RELAXED" --rule welfair
expect_in "$TMP/err" "parley propose: --rule expects nash, kalai, egalitarian or welfare (did you mean welfare?)" "bad rule message"
# --rule welfare: the package of greatest total utility (the welfare solution of `parley analyze`)
expect_exit 0 "rule welfare" "$PARLEY" propose "$RELAXED" --rule welfare --json
cp "$TMP/out" "$TMP/welfare.json"
"$PARLEY" analyze "$RELAXED" --json >"$TMP/analysis.json" || fail "analyze relaxed"
python3 - "$TMP/welfare.json" "$TMP/analysis.json" <<'PY' || fail "welfare package"
import json, sys
p, a = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert p["zone"] is True and p["rule"] == "welfare", p
assert p["package"] == a["solutions"]["welfare"]["outcome"], (p["package"], a["solutions"]["welfare"])
PY
expect_exit 2 "missing rule" "$PARLEY" propose "$RELAXED" --rule
expect_exit 2 "two scenarios" "$PARLEY" propose "$RELAXED" "$RELAXED"
expect_exit 2 "bad threads" "$PARLEY" propose "$RELAXED" --threads 100
expect_exit 2 "--time outside [0,1]" "$PARLEY" propose "$RELAXED" --time 3
expect_exit 2 "--amend without --text" "$PARLEY" propose "$DATA/amend.json" --amend y=2
expect_in "$TMP/err" "--amend needs the --text" "amend without text message"
expect_exit 2 "--text missing an issue" "$PARLEY" propose "$DATA/amend.json" --text x=b --amend y=2
expect_in "$TMP/err" "no value for issue 'y'" "incomplete text message"
expect_exit 2 "--text unknown issue" "$PARLEY" propose "$DATA/amend.json" --text x=b,z=1 --amend y=2
expect_in "$TMP/err" "unknown issue 'z'" "unknown issue message"
expect_exit 2 "--amend bad value" "$PARLEY" propose "$DATA/amend.json" --text x=b,y=1 --amend y=7
expect_in "$TMP/err" "'7' is not a value of issue 'y'" "bad amendment value message"

# bad input
printf '{"issues": [\n' >"$TMP/syntax.json"
expect_exit 2 "syntax error" "$PARLEY" propose "$TMP/syntax.json"
expect_in "$TMP/err" "$TMP/syntax.json:" "syntax error file"
sed 's/"fallback": {"y": "none"}/"fallback": {"x": 0}/' "$DATA/phased.json" >"$TMP/fallback.json"
expect_exit 2 "fallback not in the phase" "$PARLEY" propose "$TMP/fallback.json"
expect_in "$TMP/err" "'x' is not an issue of phase 'two'" "fallback message"
expect_exit 2 "missing file" "$PARLEY" propose "$TMP/none.json"
expect_in "$TMP/err" "parley propose: $TMP/none.json: cannot read the file: No such file or directory" "missing file reason"
expect_exit 2 "directory" "$PARLEY" propose "$TMP"
expect_in "$TMP/err" "is a directory" "directory reason"

# no zone: a normal answer (exit 0) that says why and points to parley diagnose
expect_exit 0 "ceasefire: no zone" "$PARLEY" propose "$SRC/examples/ceasefire.json"
expect_in "$TMP/out" "No package to table: no package is acceptable to every party" "no zone message"
expect_in "$TMP/out" "parley diagnose" "no zone pointer"
expect_exit 0 "ceasefire: no zone json" "$PARLEY" propose "$SRC/examples/ceasefire.json" --json
python3 - "$TMP/out" <<'PY' || fail "no zone JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["zone"] is False and d["rule"] == "nash" and "every party" in d["reason"], d
PY

# the relaxed ceasefire: a package in three phases
expect_exit 0 "relaxed text" "$PARLEY" propose "$RELAXED"
expect_in "$TMP/out" "Package to table (Nash bargaining solution)" "relaxed: rule"
expect_in "$TMP/out" "phase one (6 weeks)" "relaxed: phase one"
expect_in "$TMP/out" "phase two (6 weeks)" "relaxed: phase two"
expect_in "$TMP/out" "phase three (6 weeks)" "relaxed: phase three"
expect_in "$TMP/out" "Israel: utility" "relaxed: Israel explained"
expect_in "$TMP/out" "Hamas: utility" "relaxed: Hamas explained"
for rule in nash kalai egalitarian; do
    expect_exit 0 "relaxed json $rule" "$PARLEY" propose "$RELAXED" --json --rule "$rule"
    python3 - "$TMP/out" "$rule" <<'PY' || fail "relaxed JSON ($rule)"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["rule"] == sys.argv[2]
assert len(d["phases"]) == 3, d["phases"]
assert [p["name"] for p in d["phases"]] == ["one", "two", "three"]
assert all(p["weeks"] == 6 for p in d["phases"])
assert set(d["phases"][0]["issues"]) == {"hostage_release", "prisoners_released", "ceasefire", "withdrawal"}
assert set(d["phases"][1]["issues"]) == {"remaining_hostages", "end_of_war"}
assert set(d["phases"][2]["issues"]) == {"aid"}
assert len(d["package"]) == 7
# Hamas's remaining red line: releasing the remaining hostages needs an end of the war
assert d["package"]["remaining_hostages"] == "held" or d["package"]["end_of_war"] == "yes"
# Israel's red lines: no end of the war, a release
assert d["package"]["end_of_war"] == "no" and d["package"]["hostage_release"] != "none"
names = [p["name"] for p in d["parties"]]
assert names == ["Israel", "Hamas"], names
for p in d["parties"]:
    assert p["gain"] >= 0 and abs(p["utility"] - p["reservation"] - p["gain"]) < 1e-9, p
    assert 0 <= p["share_of_best_gain"] <= 1 + 1e-9, p
    weights = [x["weight"] for x in p["priorities"]]
    assert weights == sorted(weights, reverse=True), weights    # heaviest first
    assert all(x["status"] in ("met", "partly met", "given up") for x in p["priorities"])
PY
done

# the three rules pick three different packages (tests/test_propose.c)
for pair in nash:n:0.185 kalai:k:0.5 egalitarian:e:0.42; do
    rule=${pair%%:*}; rest=${pair#*:}; deal=${rest%%:*}; value=${rest#*:}
    expect_exit 0 "rules $rule" "$PARLEY" propose "$DATA/rules.json" --rule "$rule" --json
    python3 - "$TMP/out" "$deal" "$value" <<'PY' || fail "rules JSON ($rule)"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["package"] == {"deal": sys.argv[2], "venue": "geneva"}, d["package"]
assert abs(d["value"] - float(sys.argv[3])) < 1e-9, d["value"]
assert "phases" not in d
PY
done
expect_exit 0 "rules text" "$PARLEY" propose "$DATA/rules.json" --rule egalitarian
expect_in "$TMP/out" "Package to table (egalitarian solution)" "egalitarian text"

# amendments to x=b, y=1 (tests/test_propose.c)
expect_exit 0 "amendments" "$PARLEY" propose "$DATA/amend.json" --text x=b,y=1 --amend y=2 --amend "x=a:B wants it" --amend x=c --amend y=0
expect_in "$TMP/out" "amendment 1, y=2: makes the text unacceptable; breaks A's red line 'A1'; A would not accept it" "amendment 1"
expect_in "$TMP/out" "amendment 2, x=a, because B wants it: makes the text unacceptable; breaks B's red line 'B1'; B would not accept it" "amendment 2"
expect_in "$TMP/out" "amendment 3, x=c: keeps the text acceptable to every party" "amendment 3"
expect_in "$TMP/out" "amendment 4, y=0: keeps the text acceptable to every party" "amendment 4"
expect_in "$TMP/out" "the text as it stands: acceptable to every party" "the text itself"
expect_in "$TMP/out" "all 4 amendments together: makes the text unacceptable; breaks the constraint 'G'" "all together"
expect_in "$TMP/out" "A 0.5000 -> 0.2500 (-0.2500), B 0.5000 -> 0.7500 (+0.2500)" "amendment 1: utilities before and after"
# an amendment that makes an unacceptable text acceptable says so (x=a breaks B's red line B1; x=b does not)
expect_exit 0 "amendment that mends" "$PARLEY" propose "$DATA/amend.json" --text x=a,y=1 --amend x=b
expect_in "$TMP/out" "amendment 1, x=b: makes the text acceptable to every party" "makes acceptable"
expect_exit 0 "no amendment" "$PARLEY" propose "$DATA/amend.json" --text x=b,y=1
expect_in "$TMP/out" "the text as it stands: acceptable to every party" "the text alone"
# x=b, y=2 breaks A's red line y <= 1: amending y=1 makes it acceptable (x=b, y=1 is, above)
expect_exit 0 "amendment that mends" "$PARLEY" propose "$DATA/amend.json" --text x=b,y=2 --amend y=1
expect_in "$TMP/out" "the text as it stands: unacceptable; breaks A's red line 'A1'" "broken text"
expect_in "$TMP/out" "amendment 1, y=1: makes the text acceptable to every party" "amendment that mends"
grep -q "together" "$TMP/out" && fail "one amendment: no 'all 1 amendments together' line"
# the text alone (no --amend): what it is, and no 'all 0 amendments together'
expect_exit 0 "text alone" "$PARLEY" propose "$DATA/amend.json" --text x=b,y=1
expect_in "$TMP/out" "the text as it stands: acceptable to every party" "text alone"
grep -q "amendments together" "$TMP/out" && fail "text alone: 'all 0 amendments together'"
expect_exit 2 "value typo" "$PARLEY" propose "$DATA/amend.json" --text x=bb,y=1
expect_in "$TMP/err" "'bb' is not a value of issue 'x' (did you mean 'b'?)" "value typo"
expect_exit 2 "issue typo" "$PARLEY" propose "$DATA/amend.json" --text xx=b,y=1
expect_in "$TMP/err" "unknown issue 'xx' (did you mean 'x'?)" "issue typo"
expect_exit 0 "amendments json" "$PARLEY" propose "$DATA/amend.json" --json --text x=b,y=1 --amend y=2 --amend x=a --amend x=c --amend y=0
python3 - "$TMP/out" <<'PY' || fail "amendments JSON"
import json, sys
d = json.load(open(sys.argv[1]))
d = d["amendments"] + [d["together"]]
names = lambda x: [(b["party"], b["name"]) for b in x["breaks"]]
assert [x["acceptable_to_all"] for x in d] == [False, False, True, True, False], d
assert names(d[0]) == [("A", "A1")], d[0]
assert names(d[1]) == [("B", "B1")], d[1]
assert "amendment" not in d[4] and d[4]["breaks_global"] is True
assert names(d[4]) == [(None, "G")], d[4]
assert [x["rejected_by"] for x in d] == [["A"], ["B"], [], [], ["A", "B"]], d
# amend.json (tests/test_propose.c): A = 0.5 * x-part + 0.5 * y-part; the text x=b, y=1 gives both 0.5;
# y=2 moves A to 0.25 and B to 0.75; all four together end at x=c, y=0: A 0.25 + 0.25 = 0.5, B 0.5
u = d[0]["utilities"]
assert u["A"] == {"before": 0.5, "after": 0.25, "change": -0.25} and u["B"]["after"] == 0.75, u
assert d[4]["utilities"]["A"]["change"] == 0 and d[4]["utilities"]["B"]["after"] == 0.5, d[4]
PY

# a phased text is judged by expected utilities (tests/test_propose.c): (2, full) gives B 0.45 < 0.5
expect_exit 0 "phased amendments json" "$PARLEY" propose "$DATA/phased.json" --json --text x=2,y=full --amend x=1
python3 - "$TMP/out" <<'PY' || fail "phased amendments JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["amendments"][0]["breaks"] == [] and d["amendments"][0]["rejected_by"] == ["A"], d     # x=1: A 0.375
assert abs(d["amendments"][0]["utilities"]["A"]["after"] - 0.375) < 1e-9, d
assert d["together"]["breaks"] == [] and d["together"]["rejected_by"] == ["A"], d
PY
expect_exit 0 "phased amendments text" "$PARLEY" propose "$DATA/phased.json" --text x=2,y=full --amend x=3
# the text (2, full) is already unacceptable to B (0.45 < 0.5): the amendment leaves it so
expect_in "$TMP/out" "the text as it stands: unacceptable; B would not accept it" "phased text"
expect_in "$TMP/out" "amendment 1, x=3: leaves the text unacceptable; B would not accept it" "phased amendment text"

# --compare (tests/test_moves.c works compare.json by hand): x=4 scores 0.03 of the Nash package's 0.04
MOVES="$SRC/tests/data/moves"
expect_exit 0 "compare" "$PARLEY" propose "$MOVES/compare.json" --compare "$MOVES/texts.json"
expect_in "$TMP/out" "1. text 2: acceptable to every party; nash 0.0300 (75.0% of the nash package's)" "compare: first"
expect_in "$TMP/out" "4. high: not acceptable to every party; B would reject it" "compare: last"
expect_exit 0 "compare json" "$PARLEY" propose "$MOVES/compare.json" --compare "$MOVES/texts.json" --json
python3 - "$TMP/out" <<'PY' || fail "compare JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["rule"] == "nash" and abs(d["best_score"] - 0.04) < 1e-9, d
assert [t["name"] for t in d["texts"]] == ["text 2", "edge", "low", "high"], d
assert d["texts"][0]["utilities"] == {"A": 0.4, "B": 0.6} and d["texts"][0]["package"] == {"x": 4}, d
assert d["texts"][3]["rejected_by"] == ["B"] and abs(d["texts"][3]["shortfall"] - 0.2) < 1e-9, d
PY
expect_exit 2 "compare bad value" "$PARLEY" propose "$MOVES/compare.json" --compare "$MOVES/texts-bad.json"
expect_in "$TMP/err" "texts-bad.json: at [1].package.x: 11 is not a value of issue 'x'" "compare: located error"

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "propose.sh: all passed"
