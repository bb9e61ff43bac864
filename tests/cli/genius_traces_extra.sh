#!/bin/bash
# genius_traces_extra.sh: parley's ports against original GENIUS traces on ANAC 2012 domains outside the visible set
# (issue 21's generalisation check): bench/genius_unseen.sh over tests/genius/traces-unseen (Outfit, RentalHouse,
# Amsterdam: every agent against Boulware, Conceder and HardHeaded; 16 more domains: the Boulware, Conceder and
# HardHeaded pairings; 204 negotiations, harness, seed 1, 1000 rounds).  At least FLOOR must match strictly (the
# count measured when the ports were last changed: a regression anywhere lowers it; docs/agents.md lists the
# misses).  Also checks that the checker can fail there: boulware in AgentK's place must not match.
# In the sanitizer tree (several times slower) the count is the normal tree's: there one trace of each ordered pair
# of agents is played (every agent's code against each opponent, the domains taken in turn), none may fail to run,
# and at most as many may miss as the floor allows in all.
set -euo pipefail
PARLEY=$1
SOURCE=$2
FLOOR=199
TOTAL=204
. "$SOURCE/tests/cli/lib/sanitized.sh"
# The negotiations parley plays move for move as the original (compare_traces.py --write-exact, against the
# GENIUS traces) must stay so: a change that moves one offer or the round of a deal there is a miss.
export GENIUS_EXACT="$SOURCE/tests/genius/exact_unseen.txt"
COMPARE=(python3 "$SOURCE/tests/genius/compare_traces.py" --parley "$PARLEY" --traces "$SOURCE/tests/genius/traces-unseen"
         --domains "$SOURCE/../shared/genius/anac2012" --exact "$GENIUS_EXACT")
if is_sanitized "$PARLEY"; then
    out=$("${COMPARE[@]}" --one-per-pair 2>&1 || true)
    echo "$out"
    read -r matched failed skipped < <(echo "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p')
    [ -n "${matched:-}" ] || { echo "FAIL: no total from compare_traces.py"; exit 1; }
    total=$((matched + failed + skipped))
    if echo "$out" | grep -q "parley exited"; then
        echo "FAIL: a negotiation did not run under the sanitizers"
        exit 1
    fi
    if [ $((total - matched)) -gt $((TOTAL - FLOOR)) ] || [ "$total" -lt 30 ]; then
        echo "FAIL: $matched of $total sampled negotiations match (at most $((TOTAL - FLOOR)) misses, at least 30 played)"
        exit 1
    fi
else
    out=$(bash "$SOURCE/bench/genius_unseen.sh" "$PARLEY" "$SOURCE/tests/genius/traces-unseen" || true)
    echo "$out"
    read -r matched total < <(echo "$out" | sed -n 's/^all  *\([0-9]*\) of  *\([0-9]*\) match.*/\1 \2/p')
    [ -n "${matched:-}" ] || { echo "FAIL: no total from bench/genius_unseen.sh"; exit 1; }
    if [ "$matched" -lt "$FLOOR" ] || [ "$total" -ne "$TOTAL" ]; then
        echo "FAIL: $matched of $total unseen negotiations match, fewer than the $FLOOR of $TOTAL measured"
        exit 1
    fi
fi
if sub=$("${COMPARE[@]}" --agent agent-k --name Outfit__ --substitute agent-k=boulware 2>&1); then
    echo "FAIL: boulware playing as AgentK matched every Outfit trace: the checker checks nothing"
    echo "$sub"
    exit 1
fi
echo "ok: $matched of $total match (at least $FLOOR); the checker rejects boulware in AgentK's place ($(echo "$sub" | tail -1))"
