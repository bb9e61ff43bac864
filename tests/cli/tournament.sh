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
python3 - "$tmp" "$src/examples/textbook-buyer-seller.json" "$src/examples/ceasefire-relaxed.json" <<'PY'
import csv, json, sys
tmp = sys.argv[1]
d = json.load(open(f"{tmp}/t.json"))
assert d["negotiations"] == 24, d["negotiations"]
assert len(d["runs"]) == 24
assert [s["agent"] for s in d["scores"]] == ["boulware", "conceder:e=2", "hardliner"]
# each agent sits in 2 of the 3*2 ordered pairs per side... 4 pairs include it, times 2 repeats, 2 scenarios
assert all(s["played"] == 16 for s in d["scores"]), d["scores"]
rows = list(csv.DictReader(open(f"{tmp}/runs.csv")))
assert len(rows) == 24
# scenarios by name (their titles), parties by name, one column per party's agent and utility
titles = [json.load(open(f)).get("title") for f in sys.argv[2:4]]
assert {r["scenario"] for r in rows} == set(titles), ({r["scenario"] for r in rows}, titles)
buyer_seller = [r for r in rows if r["scenario"] == titles[0]]
assert all(r["party1"] == "Buyer" and r["party2"] == "Seller" for r in buyer_seller), buyer_seller[0]
agents = {"boulware", "conceder:e=2", "hardliner"}
assert all(r["agent1"] in agents and r["agent2"] in agents and r["agent1"] != r["agent2"] for r in rows)
for r, run in zip(rows, d["runs"]):
    assert r["scenario"] == run["scenario"] and [r["party1"], r["party2"]] == run["parties"], (r, run)
    assert abs(float(r["utility1"]) - run["utilities"][0]) < 1e-12 and abs(float(r["utility2"]) - run["utilities"][1]) < 1e-12
    if run["agreed"]:
        assert abs(run["welfare"] - sum(run["utilities"])) < 1e-6
# the per-scenario table: 12 negotiations each, means recomputed from the runs
assert [t["scenario"] for t in d["scenarios"]] == titles
for t in d["scenarios"]:
    mine = [run for run in d["runs"] if run["scenario"] == t["scenario"]]
    assert t["negotiations"] == len(mine) == 12, t
    assert t["agreements"] == sum(1 for run in mine if run["agreed"])
    for k, party in enumerate(mine[0]["parties"]):
        mean = sum(run["utilities"][k] for run in mine) / len(mine)
        assert abs(t["mean_utility"][party] - mean) < 1e-9, (t, party, mean)
print("tournament: counts, JSON and CSV agree; scenarios and parties by name")
PY
# errors: no agents, unknown agent, missing file
set +e
"$parley" tournament "$src/examples/textbook-buyer-seller.json" 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q -- "--agents" "$tmp/err" || { echo "expected exit 2 for missing --agents"; exit 1; }
"$parley" tournament "$src/examples/textbook-buyer-seller.json" --agents boulware,nosuch 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "nosuch" "$tmp/err" || { echo "expected exit 2 for an unknown agent, got $rc"; cat "$tmp/err"; exit 1; }
grep -q "did you mean 'boulware'" <("$parley" tournament "$src/examples/textbook-buyer-seller.json" --agents boulwar,linear 2>&1) \
  || { echo "expected did you mean for an agent"; exit 1; }
"$parley" tournament "$tmp/missing.json" --agents boulware,linear 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "parley tournament: $tmp/missing.json: cannot read the file: No such file or directory" "$tmp/err" \
  || { echo "expected exit 2 and an error naming the missing file, got $rc"; cat "$tmp/err"; exit 1; }
# the text report: the per-scenario table names both scenarios
"$parley" tournament "$src/examples/textbook-buyer-seller.json" "$src/examples/ceasefire-relaxed.json" \
  --agents boulware,linear --rounds 20 >"$tmp/text" || { echo "text report failed"; exit 1; }
grep -q "mean utility per party" "$tmp/text" && grep -q "Buyer" "$tmp/text" || { echo "no per-scenario table"; cat "$tmp/text"; exit 1; }
exit 0
