#!/bin/bash
# negotiate.sh: `parley negotiate`: outcome, JSON, trace (JSON Lines), plot, determinism, usage errors.
# Usage: bash negotiate.sh PARLEY_BINARY SOURCE_DIR
set -u
P=$1
D=$2/tests/data/protocol
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$P" negotiate --help | grep -q -- "--protocol" || fail "help"

# The hand-checked game of tests/test_protocol.c: agreement on x=30 in round 7.
"$P" negotiate "$D/easy.json" --agents boulware:e=0.5,conceder:e=2 --rounds 11 --json > "$T/out.json" || fail "run"
python3 - "$T/out.json" <<'PY' || fail "hand-checked outcome"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["agreement"] is True and r["rounds"] == 7 and r["package"] == {"x": 30}, r
u = {p["name"]: p["utility"] for p in r["parties"]}
assert abs(u["A"] - 0.7) < 1e-9 and abs(u["B"] - 0.3) < 1e-9, u
PY
"$P" negotiate "$D/easy.json" --agents boulware:e=0.5,conceder:e=2 --rounds 11 | grep -q "agreement in round 7" || fail "human report"

# GENIUS's round clock: round r of R is at t = r/(R+1), both moves of a round at the same time.
"$P" negotiate "$D/easy.json" --agents hardliner,hardliner --rounds 3 --clock genius --trace "$T/clock.jsonl" \
    > /dev/null || fail "--clock genius"
python3 - "$T/clock.jsonl" <<'PY' || fail "GENIUS clock times"
import json, sys
offers = [json.loads(l) for l in open(sys.argv[1])]
times = [(e["round"], e["time"]) for e in offers if e["event"] == "offer"]
assert times == [(1, 0.25), (1, 0.25), (2, 0.5), (2, 0.5), (3, 0.75), (3, 0.75)], times
PY
"$P" negotiate "$D/easy.json" --agents hardliner,hardliner --clock martian > /dev/null 2>&1
[ $? -eq 2 ] || fail "an unknown clock must exit 2"

# Every protocol: a trace with one JSON object per line, deterministic for a seed.
for proto in alternating single-text shuttle; do
    extra=""
    [ $proto = shuttle ] && extra="--sessions 3 --venues Cairo,Doha"
    "$P" negotiate "$D/three.json" --agents random,nash,tit-for-tat --protocol $proto $extra --seed 5 \
        --trace "$T/a.jsonl" > /dev/null || fail "$proto run"
    "$P" negotiate "$D/three.json" --agents random,nash,tit-for-tat --protocol $proto $extra --seed 5 \
        --trace "$T/b.jsonl" > /dev/null || fail "$proto second run"
    cmp -s "$T/a.jsonl" "$T/b.jsonl" || fail "$proto: two runs with one seed differ"
    python3 - "$T/a.jsonl" "$proto" <<'PY' || fail "$proto trace"
import json, sys
events = [json.loads(line) for line in open(sys.argv[1])]
kinds = [e["event"] for e in events]
assert kinds[0] == "session_start" and kinds[-1] == "session_end", kinds[:3]
for e in events:
    assert isinstance(e["round"], int) and 0 <= e["time"] <= 1
    if "package" in e and e["party"] not in (None, "Egypt", "mediator"):
        assert "utility" in e
if sys.argv[2] == "shuttle":
    assert {e["venue"] for e in events} <= {"Cairo", "Doha"}
    for e in events:
        if e["event"] in ("offer", "amendment"):
            assert e["to"] == "mediator", e
        for c in e.get("changes", []):
            assert c["reason"], e
if sys.argv[2] == "single-text":
    assert "proposal" in kinds and "vote" in kinds
PY
done

# No zone of agreement: no deal, everyone gets its reservation value 0.6.
"$P" negotiate "$D/nozone.json" --agents conceder,conceder --protocol shuttle --json > "$T/nz.json" || fail "no zone run"
python3 - "$T/nz.json" <<'PY' || fail "no zone outcome"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["agreement"] is False and r["package"] is None
assert all(abs(p["utility"] - 0.6) < 1e-12 for p in r["parties"])
assert r["mediator"] == "Egypt"
PY

# The plot.
"$P" negotiate "$D/easy.json" --agents linear,conceder --plot "$T/p.svg" > /dev/null || fail "plot"
grep -q "<svg" "$T/p.svg" && grep -q "Pareto frontier" "$T/p.svg" && grep -q "</svg>" "$T/p.svg" || fail "svg"
python3 -c "import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])" "$T/p.svg" || fail "svg is not XML"

# Usage errors: exit 2 with a message.
expect2() { "$P" negotiate "$@" > /dev/null 2> "$T/err"; [ $? -eq 2 ] || fail "exit code for: $*"; }
expect2 "$D/easy.json"
grep -q -- "--agents" "$T/err" || fail "missing --agents message"
expect2 "$D/easy.json" --agents linear
grep -q "2 negotiating parties (A, B)" "$T/err" || fail "agent count message"
expect2 "$D/easy.json" --agents linear,sneaky
grep -q "unknown agent 'sneaky'" "$T/err" || fail "unknown agent message"
expect2 "$D/easy.json" --agents linear,conceder:q=1
grep -q "unknown parameter 'q'" "$T/err" || fail "bad parameter message"
expect2 "$D/easy.json" --agents linear,linear --protocol haggling
expect2 "$D/easy.json" --agents linear,linear --rounds 0
expect2 "$D/easy.json" --agents linear,linear --venues Cairo
expect2 "$D/easy.json" --agents linear,linear --protocol shuttle --rounds 2 --sessions 3
exit 0
