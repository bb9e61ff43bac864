#!/usr/bin/env bash
# genius_ranking.sh: the ranking of the GENIUS 10.4 originals of the ANAC agents (mean discounted utility per agent,
# every ordered pair, no self-play, A profiles, 1000 rounds, seed 1) on the ANAC 2012 domains, played through the
# headless harness of ../shared/genius-reference, next to parley's ranking of its ports on the same domains against
# the same opponents (`parley tournament`).  Prints a Markdown table.
# usage: bash bench/genius_ranking.sh [build/parley] [OUT] [DOMAINS] [AGENTS]
#   OUT      folder of the GENIUS results (OUT/genius.jsonl, one summary per negotiation; a second run plays only
#            what is missing, so it can be stopped and resumed) and of parley's (OUT/parley.json)
#   DOMAINS  default: the 24 ANAC 2012 domains, smallest file first
#   AGENTS   parley names (default: boulware conceder and the 2010-2015 winners and runner-up nice-tit-for-tat:
#            hardheaded agent-k cuhk atlas3 nice-tit-for-tat the-fawkes agent-m)
#   PLAY_GENIUS=0 skips playing GENIUS (table from what OUT holds); PLAY_PARLEY=0 leaves parley out.
# Without agreement an agent scores its reservation value (discounted by GENIUS's rule r * d^t at the end).
# Negotiations the reference traces already hold (IMPORT) are not played again.
# Only domains where every GENIUS pair was played enter the table; parley's column has the agents the binary
# knows (the others are named), against each other; a second table takes every domain where GENIUS finished a
# negotiation, with only the negotiations it finished on both sides (bench/genius_ranking_table.py).  GENIUS runs
# under `nice -n 10`.
# The test's reference (cli_genius_ranking) is made from OUT/genius.jsonl:
#   python3 bench/genius_ranking_reference.py OUT/genius.jsonl tests/genius/ranking-genius.jsonl
#   python3 tests/genius/check_ranking.py --domains all --write-exact tests/genius/exact_ranking.txt
set -euo pipefail
PARLEY=${1:-build/parley}
OUT=${2:-/tmp/genius-ranking}
src=$(cd "$(dirname "$0")/.." && pwd)
. "$src/bench/genius_agents.sh"
DOMAINS=${3:-$(for d in "$GENIUS_DOMAINS"/*/; do n=$(basename "$d"); echo "$(stat -c %s "$d/$n-A-domain.xml") $n"; done |
               sort -n | awk '{print $2}' | tr '\n' ' ')}
AGENTS=${4:-boulware conceder hardheaded agent-k cuhk atlas3 nice-tit-for-tat the-fawkes agent-m}
ROUNDS=1000
# The JVM's start and its optimising compiler are most of a negotiation's CPU time on the ANAC 2012 domains:
# with the client compiler only, the serial collector and no perf-data file a run costs 30-40% less CPU (measured:
# Supermarket CUHKAgent-HardHeaded 8.3 -> 5.3 CPU-s, Laptop CUHKAgent-Boulware 3.4 -> 2.4), with the same summary
# line bit for bit (these flags change how Java code is compiled and memory collected, not what it computes).
export JAVA_TOOL_OPTIONS=${GENIUS_JAVA_OPTIONS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData}
mkdir -p "$OUT"
touch "$OUT/genius.jsonl"

# Negotiations already played with the harness under the same settings (A profiles, 1000 rounds, seed 1, DET=1):
# the reference traces' summaries (index.jsonl of each folder in IMPORT) are taken instead of playing them again.
IMPORT=${IMPORT:-$src/tests/genius/traces-unseen $src/../shared/genius-reference/traces}
python3 - "$OUT/genius.jsonl" "$DOMAINS" "$AGENTS" $IMPORT <<'PY'
import gzip, json, os, sys
out, domains, agents = sys.argv[1], set(sys.argv[2].split()), sys.argv[3].split()
alias = {"Boulware": "boulware", "Conceder": "conceder", "HardHeaded": "hardheaded", "AgentK": "agent-k",
         "CUHKAgent": "cuhk", "Atlas3": "atlas3", "NiceTitForTat": "nice-tit-for-tat", "TheFawkes": "the-fawkes",
         "AgentM": "agent-m"}
have = {(r["domain"], r["a"], r["b"]) for r in map(json.loads, open(out)) if "a" in r}
added = 0
with open(out, "a") as f:
    for folder in sys.argv[4:]:
        for name in ("index.jsonl", "index.jsonl.gz"):
            path = os.path.join(folder, name)
            if not os.path.exists(path):
                continue
            for line in (gzip.open if name.endswith(".gz") else open)(path, "rt"):
                r = json.loads(line)
                parts = r.get("file", "").split("__")
                if len(parts) != 4 or r.get("seed") != 1 or r.get("rounds") != 1000 or not r.get("det"):
                    continue
                a, b = alias.get(parts[1]), alias.get(parts[2])
                key = (r.get("domain"), a, b)
                if a in agents and b in agents and key[0] in domains and key not in have and r.get("error") is None:
                    r.pop("file")
                    f.write(json.dumps(dict({"domain": key[0], "a": a, "b": b}, **r), separators=(",", ":")) + "\n")
                    have.add(key)
                    added += 1
print("genius_ranking: %d negotiations taken from the reference traces" % added, file=sys.stderr)
PY

if [ "${PLAY_GENIUS:-1}" = 1 ]; then
    for d in $DOMAINS; do for a in $AGENTS; do for b in $AGENTS; do
        [ "$a" = "$b" ] && continue
        grep -q "\"domain\":\"$d\",\"a\":\"$a\",\"b\":\"$b\"" "$OUT/genius.jsonl" && continue
        line=$(genius_negotiation "$d" "$a" "$b" "$ROUNDS" 1 || true)
        [ -n "$line" ] || line='{"error":"no summary (crash or timeout)"}'
        echo "{\"domain\":\"$d\",\"a\":\"$a\",\"b\":\"$b\",${line#\{}" >>"$OUT/genius.jsonl"
    done; done; done
fi

# the domains GENIUS completed, and those where it played at least one negotiation, in the order given
read -r complete played < <(python3 - "$OUT/genius.jsonl" "$DOMAINS" "$AGENTS" <<'PY'
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
agents = sys.argv[3].split()
pairs = {(a, b) for a in agents for b in agents if a != b}
domains = sys.argv[2].split()
done = lambda d: {(r["a"], r["b"]) for r in runs if r["domain"] == d}
ok = lambda d: any(r["domain"] == d and not r.get("error") and "agreement" in r for r in runs)
print(",".join(d for d in domains if pairs <= done(d)) or "-", ",".join(d for d in domains if ok(d)) or "-")
PY
)
complete=${complete//,/ }; played=${played//,/ }
[ "$played" != - ] || { echo "no GENIUS negotiation played yet" >&2; exit 1; }
rm -f "$OUT/parley.json"
if [ "${PLAY_PARLEY:-1}" = 1 ]; then
    mine=$(agents_in_parley "$AGENTS" "$PARLEY")
    scen=()
    for d in $played; do scen+=("$(parley_scenario_arg "$d")"); done
    # GENIUS's round clock (t = round / (rounds + 1)): with parley's, t = (round - 1) / (rounds - 1), the last round
    # is at t = 1 and t > 0.9985 (CUHKAgent's last chance) holds in two rounds instead of one
    [ -z "$mine" ] || nice "$PARLEY" tournament "${scen[@]}" --agents "$(echo $mine | tr ' ' ',')" --rounds $ROUNDS \
        --clock genius --seed 1 --quiet --json >"$OUT/parley.json"
fi
python3 "$src/bench/genius_ranking_table.py" "$OUT/genius.jsonl" "$OUT/parley.json" "$complete" "$played" "$AGENTS" \
    "$GENIUS_DOMAINS"
