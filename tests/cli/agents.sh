#!/usr/bin/env bash
# agents.sh: `parley agents` lists every built-in agent and BOA component (text and JSON), and
# `parley tournament --stats/--stats-json/--stats-csv/--model` writes statistics that agree across threads.
parley=$1
src=$2
. "$src/tests/cli/lib/check.sh"

expect_exit 0 "agents --help" "$parley" agents --help
expect_in "$TMP/out" "usage: parley agents" "agents --help"
expect_exit 2 "agents with a stray argument" "$parley" agents --frobnicate
expect_in "$TMP/err" "unexpected argument '--frobnicate'" "agents bad argument"
expect_exit 0 "agents" "$parley" agents
for name in boulware linear conceder hardliner tit-for-tat random nash boa hardheaded nice-tit-for-tat agent-k \
            cuhk atlas3 agent-gg micro frequency smith bayes perfect combi; do
    expect_in "$TMP/out" "  $name " "agents lists $name"
done
expect_exit 0 "agents --json" "$parley" agents --json
python3 - "$TMP/out" <<'PY' || fail "agents --json content"
import json, sys
items = json.load(open(sys.argv[1]))
kinds = {(i["kind"], i["name"]) for i in items}
for want in [("agent", "micro"), ("agent", "boa"), ("bidding", "tft"), ("model", "bayes"), ("acceptance", "combi")]:
    assert want in kinds, want
for i in items:
    assert i["source"] and i["description"], i
    for p in i["parameters"]:
        assert p["key"] and "default" in p, p
combi = [i for i in items if i["name"] == "combi"][0]
assert combi["parameters"][0] == {"key": "t", "default": "0.98", "description": combi["parameters"][0]["description"]}
PY

scen="$src/examples/textbook-buyer-seller.json"
agents="boulware,hardheaded,micro,boa:bidding=tft:model=bayes:accept=combi:t=0.95"
for threads in 1 2; do
    expect_exit 0 "tournament --stats on $threads threads" "$parley" tournament "$scen" --agents "$agents" \
        --rounds 60 --repeats 3 --threads $threads --stats --model frequency --bootstrap 500 \
        --stats-json "$TMP/stats$threads.json" --stats-csv "$TMP/stats$threads.csv"
    expect_in "$TMP/out" "95% CI (bootstrap)" "stats text"
    expect_in "$TMP/out" "replicator dynamics" "stats meta-game"
done
cmp -s "$TMP/stats1.json" "$TMP/stats2.json" || fail "statistics differ between 1 and 2 threads"
cmp -s "$TMP/stats1.csv" "$TMP/stats2.csv" || fail "statistics CSV differs between 1 and 2 threads"
python3 - "$TMP/stats1.json" "$TMP/stats1.csv" <<'PY' || fail "stats JSON/CSV content"
import csv, json, sys
d = json.load(open(sys.argv[1]))
assert len(d["agents"]) == 4
for a in d["agents"]:
    lo, hi = a["ci95"]
    assert lo <= a["mean"] <= hi, a
    assert a["model_accuracy"] is not None and -1 <= a["model_accuracy"]["pearson"] <= 1, a
assert len(d["pairwise"]) == 6
assert abs(sum(d["meta_game"]["replicator"]) - 1) < 1e-9
rows = list(csv.DictReader(open(sys.argv[2])))
assert [r["agent"] for r in rows] == [a["agent"] for a in d["agents"]]
assert abs(float(rows[0]["ci95_low"]) - d["agents"][0]["ci95"][0]) < 1e-6
PY
# --json --stats: the statistics inside the tournament's JSON; without --self-play the CLI plays each agent
# against itself for the meta-game's diagonal (the same payoff a --self-play tournament gives these deterministic agents)
expect_exit 0 "tournament --json --stats" "$parley" tournament "$scen" --agents boulware,conceder,micro --rounds 60 \
    --json --stats --bootstrap 200
cp "$TMP/out" "$TMP/plain.json"
expect_exit 0 "tournament --json --stats --self-play" "$parley" tournament "$scen" --agents boulware,conceder,micro \
    --rounds 60 --json --stats --bootstrap 200 --self-play
python3 - "$TMP/plain.json" "$TMP/out" <<'PY' || fail "tournament --json --stats content"
import json, sys
plain, selfplay = (json.load(open(f)) for f in sys.argv[1:3])
st = plain["stats"]
assert st["unit"] == "cell" and len(plain["runs"]) == 6, st
for a in st["agents"]:
    assert a["cells"] == 4 and a["played"] == 4, a
    assert a["ci95"][0] <= a["mean"] <= a["ci95"][1], a
assert st["meta_game"]["replicator_missing"] is None
assert abs(sum(st["meta_game"]["replicator"]) - 1) < 1e-9
for i in range(3):
    assert abs(st["meta_game"]["payoffs"][i][i] - selfplay["stats"]["meta_game"]["payoffs"][i][i]) < 1e-12
PY
expect_exit 2 "tournament --model psychic" "$parley" tournament "$scen" --agents boulware,micro --model psychic
expect_in "$TMP/err" "--model expects frequency, smith or bayes" "bad model"
expect_exit 2 "tournament --bootstrap 3" "$parley" tournament "$scen" --agents boulware,micro --bootstrap 3
expect_exit 2 "boa with a key of another component" "$parley" tournament "$scen" --agents boulware,boa:bidding=tft:e=1
expect_in "$TMP/err" "unknown parameter 'e'" "boa bad key"
# negotiate --model: the models' accuracy over time appended to the trace, 10 points per party, each over 1000
# sampled outcomes
expect_exit 0 "negotiate --model" "$parley" negotiate "$src/examples/ceasefire-relaxed.json" --agents boulware,conceder \
    --rounds 50 --trace "$TMP/trace.jsonl" --model frequency
python3 - "$TMP/trace.jsonl" <<'PY' || fail "negotiate --model: accuracy lines"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
acc = [l for l in lines if l.get("kind") == "model_accuracy"]
assert sorted({a["party"] for a in acc}) == [0, 1], acc
assert all(a["model"] == "frequency" and -1 <= a["pearson"] <= 1 and a["rmse"] >= 0 for a in acc), acc
assert len(acc) == 20, len(acc)
assert all(a["samples"] == 1000 for a in acc), acc  # 1000 sampled outcomes of the 11,340 (docs: parley/stats.h)
times = [a["time"] for a in acc if a["party"] == 0]
assert times == sorted(times), times
PY
expect_exit 2 "negotiate --model without --trace" "$parley" negotiate "$src/examples/ceasefire-relaxed.json" \
    --agents boulware,conceder --model frequency
expect_in "$TMP/err" "give --trace" "negotiate --model needs the trace"
# an unknown agent: the message lists every built-in, the ANAC baselines included, and suggests the nearest
expect_exit 2 "unknown agent" "$parley" negotiate "$src/examples/ceasefire-relaxed.json" --agents hardhead,boulware
expect_in "$TMP/err" "did you mean 'hardheaded'?" "unknown agent: the nearest"
expect_in "$TMP/err" "nice-tit-for-tat, agent-k, cuhk, atlas3, agent-gg, micro" "unknown agent: the baselines listed"
[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
