#!/bin/bash
# convert_roundtrip.sh: `parley convert` between GENIUS XML, GeniusWeb JSON and native scenarios.
#  - GENIUS -> GENIUS, GENIUS -> native, GENIUS -> GeniusWeb -> GENIUS on ANAC domains: the analysis is unchanged
#    (counts, frontier size, solution utilities within 1e-9), where the target can express everything;
#  - losses are warned about: red lines (no GENIUS form), a reservation value GeniusWeb must state as a bid,
#    a numeric issue whose utilities are not linear; and the command still succeeds;
#  - usage errors and unreadable input give exit code 2.
set -euo pipefail
PARLEY=$1
SOURCE=$2
DATA="$SOURCE/tests/data/genius"
GENIUS="$SOURCE/../shared/genius"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

same_analysis() { # same_analysis A.json B.json label: figures equal, parties by position
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
def fig(x):
    names = [p['name'] for p in x['parties']]
    sol = {k: (None if v is None else (v['value'], [v['utilities'][n] for n in names])) for k, v in x['solutions'].items()}
    return x['outcomes'], x['acceptable'], x['pareto']['count'], [(p['accepts'], p['best'], p['reservation']) for p in x['parties']], sol
fa, fb = fig(a), fig(b)
def close(u, v):
    if isinstance(u, (list, tuple)):
        return len(u) == len(v) and all(close(p, q) for p, q in zip(u, v))
    if isinstance(u, dict):
        return u.keys() == v.keys() and all(close(u[k], v[k]) for k in u)
    if isinstance(u, float) or isinstance(v, float):
        return abs(u - v) <= 1e-9
    return u == v
if not close(fa, fb):
    print('FAIL', sys.argv[3], fa, fb)
    sys.exit(1)
print('ok', sys.argv[3])
PY
}

check_domain() { # check_domain LABEL DOMAIN PROFILE...
  local label=$1; shift
  "$PARLEY" analyze --json "$@" > "$TMP/orig.json"
  # GENIUS -> GENIUS
  "$PARLEY" convert "$@" -o "$TMP/g/$label-domain.xml" > "$TMP/g.out" 2> "$TMP/g.err" || { mkdir -p "$TMP/g"; "$PARLEY" convert "$@" -o "$TMP/g/$label-domain.xml" > "$TMP/g.out" 2> "$TMP/g.err"; }
  "$PARLEY" analyze --json $(sed 's/^wrote //' "$TMP/g.out") > "$TMP/g.json"
  same_analysis "$TMP/orig.json" "$TMP/g.json" "$label genius->genius"
  # GENIUS -> native
  "$PARLEY" convert "$@" -o "$TMP/$label.json" > /dev/null 2>&1
  "$PARLEY" analyze --json "$TMP/$label.json" > "$TMP/n.json"
  same_analysis "$TMP/orig.json" "$TMP/n.json" "$label genius->native"
  # native -> GENIUS
  mkdir -p "$TMP/ng"
  "$PARLEY" convert "$TMP/$label.json" -o "$TMP/ng/$label.xml" > "$TMP/ng.out" 2>/dev/null
  "$PARLEY" analyze --json $(sed 's/^wrote //' "$TMP/ng.out") > "$TMP/ng.json"
  same_analysis "$TMP/orig.json" "$TMP/ng.json" "$label native->genius"
}

mkdir -p "$TMP/g" "$TMP/w"
check_domain tiny "$DATA/tiny-domain.xml" "$DATA/tiny-buyer.xml" "$DATA/tiny-seller.xml"
# the buyer's price utilities are a clamped line (1.1 - 0.3 (x - 10)): still a GENIUS integer issue, no warning
grep -q 'name="price" type="integer"' "$TMP/g/tiny-domain.xml" || { echo "FAIL price not written as integer"; exit 1; }
if grep -q "price" "$TMP/g.err"; then echo "FAIL unexpected warning: $(cat "$TMP/g.err")"; exit 1; fi
grep -q 'name="Food &amp; Drinks"' "$TMP/g/tiny-domain.xml" || { echo "FAIL issue name not restored"; exit 1; }
echo "ok tiny: clamped linear evaluator and the original issue names written back"
[ -d "$GENIUS" ] || { echo "FAIL: no $GENIUS (the ANAC domains of the round trips; CI always has ../shared/genius)"; exit 1; }
{
  for d in Camera/Camera-A Energy/Energy-B Travel/Travel-C ItexvsCypress/ItexvsCypress-A; do
    check_domain "$(basename $d)" "$GENIUS/anac2012/$d-domain.xml" "$GENIUS/anac2012/$d-prof1.xml" "$GENIUS/anac2012/$d-prof2.xml"
  done
  U="$GENIUS/anac2015/group2-dinner"
  check_domain Dinner "$U/Dinner.xml" "$U/Dinner_util1.xml" "$U/Dinner_util2.xml" "$U/Dinner_util3.xml"
  # GENIUS -> GeniusWeb -> analysis: lossless when the reservation value is 0 (GeniusWeb states it as a bid)
  C="$GENIUS/anac2012/Camera/Camera-B"
  "$PARLEY" analyze --json "$C-domain.xml" "$C-prof1.xml" "$C-prof2.xml" > "$TMP/cb.json"
  "$PARLEY" convert --to geniusweb "$C-domain.xml" "$C-prof1.xml" "$C-prof2.xml" -o "$TMP/w/Camera-B.json" > "$TMP/w.out" 2> "$TMP/w.err"
  # the only loss: the discount factor (GeniusWeb profiles have none); the analysis at t = 0 does not use it
  grep -q "discount factor 0.5 has no place" "$TMP/w.err" || { echo "FAIL no discount warning"; exit 1; }
  if grep -v "discount factor" "$TMP/w.err"; then echo "FAIL unexpected warnings"; exit 1; fi
  "$PARLEY" analyze --json $(sed 's/^wrote //' "$TMP/w.out") > "$TMP/w.json"
  same_analysis "$TMP/cb.json" "$TMP/w.json" "Camera-B genius->geniusweb"
  # ... and back to GENIUS
  mkdir -p "$TMP/wg"
  "$PARLEY" convert $(sed 's/^wrote //' "$TMP/w.out") -o "$TMP/wg/Camera-B.xml" > "$TMP/wg.out" 2>/dev/null
  "$PARLEY" analyze --json $(sed 's/^wrote //' "$TMP/wg.out") > "$TMP/wg.json"
  same_analysis "$TMP/cb.json" "$TMP/wg.json" "Camera-B geniusweb->genius"
  # Camera-A has reservation 0.5: GeniusWeb needs a bid; the warning says so unless a bid is worth exactly 0.5
  A="$GENIUS/anac2012/Camera/Camera-A"
  "$PARLEY" convert --to geniusweb "$A-domain.xml" "$A-prof1.xml" "$A-prof2.xml" -o "$TMP/w/Camera-A.json" > /dev/null 2> "$TMP/wa.err"
  grep -q "reservation value as a bid" "$TMP/wa.err" || { echo "FAIL no reservation-bid warning"; cat "$TMP/wa.err"; exit 1; }
  grep -q '"reservationBid": {' "$TMP/w/Camera-A-prof1.json" || { echo "FAIL no reservation bid written"; exit 1; }
  echo "ok Camera-A reservation bid warned about"
}

# GeniusWeb hand-written example -> GENIUS -> analysis unchanged (fte and days are linear: range issues)
"$PARLEY" analyze --json "$DATA/gw-domain.json" "$DATA/gw-employer.json" "$DATA/gw-employee.json" > "$TMP/gw.json"
"$PARLEY" convert "$DATA/gw-domain.json" "$DATA/gw-employer.json" "$DATA/gw-employee.json" -o "$TMP/gw/jobs.json" --to geniusweb > "$TMP/gw.out" 2>"$TMP/gw.err" || {
  mkdir -p "$TMP/gw"; "$PARLEY" convert "$DATA/gw-domain.json" "$DATA/gw-employer.json" "$DATA/gw-employee.json" -o "$TMP/gw/jobs.json" --to geniusweb > "$TMP/gw.out" 2>"$TMP/gw.err"; }
"$PARLEY" analyze --json $(sed 's/^wrote //' "$TMP/gw.out") > "$TMP/gw2.json"
same_analysis "$TMP/gw.json" "$TMP/gw2.json" "jobs geniusweb->geniusweb"

# red lines have no GENIUS form: warned about, left out, exit 0
mkdir -p "$TMP/cf"
"$PARLEY" convert "$SOURCE/examples/ceasefire.json" -o "$TMP/cf/ceasefire.xml" > "$TMP/cf.out" 2> "$TMP/cf.err"
grep -q "red line .* has no GENIUS form" "$TMP/cf.err" || { echo "FAIL no red-line warning"; cat "$TMP/cf.err"; exit 1; }
"$PARLEY" convert --json "$SOURCE/examples/ceasefire.json" -o "$TMP/cf/ceasefire.xml" 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["format"] == "genius" and len(d["files"]) >= 3, d
assert any("red line" in w for w in d["warnings"]), d
print("ok red lines warned about (%d warnings, %d files)" % (len(d["warnings"]), len(d["files"])))'
"$PARLEY" analyze $(sed 's/^wrote //' "$TMP/cf.out") > /dev/null

# every loss is warned about: phases and trust (they change every utility), mediators; the output folder is
# created; the parties keep their names (Israel.xml, not cf-Israel.xml) when read back
"$PARLEY" convert "$SOURCE/examples/ceasefire.json" -o "$TMP/new/deeper/cf.xml" > "$TMP/cf2.out" 2> "$TMP/cf2.err" \
  || { echo "FAIL convert into a missing folder: $(cat "$TMP/cf2.err")"; exit 1; }
[ -f "$TMP/new/deeper/cf.xml" ] || { echo "FAIL folder not created"; exit 1; }
grep -q "parley convert: warning: phase '.*' has no GENIUS form and is left out" "$TMP/cf2.err" || { echo "FAIL no phase warning"; cat "$TMP/cf2.err"; exit 1; }
grep -q "trust .* that phase '.*' is carried out has no GENIUS form" "$TMP/cf2.err" || { echo "FAIL no trust warning"; exit 1; }
grep -q "mediator '.*' has no GENIUS form" "$TMP/cf2.err" || { echo "FAIL no mediator warning"; exit 1; }
python3 - "$SOURCE/examples/ceasefire.json" "$TMP/cf2.err" <<'PY' || exit 1
import json, sys
sc = json.load(open(sys.argv[1]))
err = open(sys.argv[2]).read()
for ph in sc["phases"]:  # one warning per phase
    assert "phase '%s' has no GENIUS form" % ph["name"] in err, ph["name"]
PY
"$PARLEY" analyze --json $(sed 's/^wrote //' "$TMP/cf2.out") > "$TMP/cf2.json"
python3 - "$SOURCE/examples/ceasefire.json" "$TMP/cf2.json" <<'PY' || { echo "FAIL party names"; exit 1; }
import json, sys
sc, a = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
want = [p["name"] for p in sc["parties"] if p.get("role", "party") == "party"]
got = [p["name"] for p in a["parties"]]
assert got == want, (got, want)
print("ok ceasefire -> GENIUS: folder created, phases and trust warned about, party names kept", got)
PY
# and to GeniusWeb: the same names
"$PARLEY" convert --to geniusweb "$SOURCE/examples/ceasefire.json" -o "$TMP/gwnew/cf.json" > "$TMP/cf3.out" 2>/dev/null || { echo "FAIL geniusweb into a missing folder"; exit 1; }
"$PARLEY" analyze --json $(sed 's/^wrote //' "$TMP/cf3.out") | python3 -c '
import json, sys
a = json.load(sys.stdin)
assert [p["name"] for p in a["parties"]] == ["Israel", "Hamas"], a["parties"]' || { echo "FAIL geniusweb party names"; exit 1; }

# errors
set +e
"$PARLEY" convert "$DATA/tiny-domain.xml" "$DATA/tiny-buyer.xml" "$DATA/tiny-seller.xml" 2>/dev/null; [ $? -eq 2 ] || { echo "FAIL missing -o"; exit 1; }
"$PARLEY" convert "$DATA/tiny-domain.xml" "$DATA/tiny-buyer.xml" "$DATA/bad-xml.xml" -o "$TMP/x.xml" 2> "$TMP/e.err"; [ $? -eq 2 ] || { echo "FAIL bad xml exit"; exit 1; }
grep -q "bad-xml.xml:6:" "$TMP/e.err" || { echo "FAIL bad xml location: $(cat "$TMP/e.err")"; exit 1; }
"$PARLEY" convert --to klingon "$DATA/tiny-domain.xml" -o "$TMP/x.xml" 2>/dev/null; [ $? -eq 2 ] || { echo "FAIL --to"; exit 1; }
"$PARLEY" convert --help | grep -q "usage: parley convert" || { echo "FAIL help"; exit 1; }
echo "convert: all ok"
