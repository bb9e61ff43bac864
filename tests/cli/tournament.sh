#!/usr/bin/env bash
# tournament.sh: `parley tournament` end to end: counts, JSON and CSV output, errors and exit codes.
set -euo pipefail
parley=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$parley" tournament --help | grep -q "usage: parley tournament"
# 3 agents, 2 parties: 3*2 ordered pairs, 2 repeats, 2 scenarios = 24 negotiations
"$parley" tournament "$src/examples/textbook-buyer-seller.json" "$src/examples/ceasefire-relaxed.json" \
  --agents boulware,conceder:e=2,hardliner --repeats 2 --rounds 40 --json --csv "$tmp/runs.csv" >"$tmp/t.json"
python3 - "$tmp" <<'PY'
import csv, json, sys
tmp = sys.argv[1]
d = json.load(open(f"{tmp}/t.json"))
assert d["negotiations"] == 24, d["negotiations"]
assert len(d["runs"]) == 24
assert [s["agent"] for s in d["scores"]] == ["boulware", "conceder:e=2", "hardliner"]
# each agent sits in 2 of the 3*2 ordered pairs per side... 4 pairs include it, times 2 repeats, 2 scenarios
assert all(s["played"] == 16 for s in d["scores"]), d["scores"]
rows = list(csv.DictReader(open(f"{tmp}/runs.csv")))
assert len(rows) == 24 and rows[0]["agents"].count(" ") == 1
for run in d["runs"]:
    if not run["agreed"]:
        continue
    assert abs(run["welfare"] - sum(run["utilities"])) < 1e-6
print("tournament: counts, JSON and CSV agree")
PY
# errors: no agents, unknown agent, missing file
set +e
"$parley" tournament "$src/examples/textbook-buyer-seller.json" 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q -- "--agents" "$tmp/err" || { echo "expected exit 2 for missing --agents"; exit 1; }
"$parley" tournament "$src/examples/textbook-buyer-seller.json" --agents boulware,nosuch 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "nosuch" "$tmp/err" || { echo "expected exit 2 for an unknown agent, got $rc"; cat "$tmp/err"; exit 1; }
"$parley" tournament "$tmp/missing.json" --agents boulware,linear 2>"$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "missing.json" "$tmp/err" || { echo "expected exit 1 (a runtime failure) and an error naming the missing file, got $rc"; exit 1; }
exit 0
