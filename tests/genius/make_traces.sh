#!/bin/bash
# make_traces.sh: more reference traces from the original GENIUS agents, through the headless harness of
# ../shared/genius-reference (GENIUS built once with its harness/build.sh into $GENIUS_BUILD, default
# /tmp/genius-build), in the layout compare_traces.py reads (DOMAIN__AGENT__OPPONENT__sSEED.jsonl + index.jsonl).
# usage: tests/genius/make_traces.sh OUT "Domain1 Domain2" "Agent1 Agent2" "Opponent1 Opponent2" [SEEDS] [ROUNDS]
#   e.g. tests/genius/make_traces.sh /tmp/more "Barter FiftyFifty" "HardHeaded" "Boulware Conceder" "1 2 3"
#   then python3 tests/genius/compare_traces.py --traces /tmp/more --only boulware,conceder,hardheaded
# Agents by the harness's names (Boulware, Conceder, HardHeaded, AgentK, ... or a full GENIUS class name);
# domains from ../shared/genius/anac2012 (GENIUS_DOMAINS to change), A profiles.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
HARNESS=${HARNESS:-$here/../shared/genius-reference/harness}
DOMAINS=${GENIUS_DOMAINS:-$here/../shared/genius/anac2012}
[ $# -ge 4 ] || { sed -n 2,9p "$0"; exit 2; }
OUT=$1 SEEDS=${5:-1} ROUNDS=${6:-1000}
mkdir -p "$OUT"
for d in $2; do for a in $3; do for o in $4; do for s in $SEEDS; do
    [ "$a" = "$o" ] && continue
    f="$OUT/${d}__${a##*.}__${o##*.}__s$s.jsonl"
    [ -s "$f" ] && continue
    GENIUS_XMX=${GENIUS_XMX:-2g} timeout 600 nice "$HARNESS/run.sh" --domain "$DOMAINS/$d/$d-A-domain.xml" \
        --prof1 "$DOMAINS/$d/$d-A-prof1.xml" --prof2 "$DOMAINS/$d/$d-A-prof2.xml" --agent1 "$a" --agent2 "$o" \
        --rounds "$ROUNDS" --seed "$s" >"$f" 2>"$f.err"
    grep '"summary":true' "$f.err" | sed "s/^{/{\"domain\":\"$d\",\"file\":\"$(basename "$f")\",/" >>"$OUT/index.jsonl"
    rm -f "$f.err"
done; done; done; done
