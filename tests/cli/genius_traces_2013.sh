#!/bin/bash
# genius_traces_2013.sh: parley's ports against original GENIUS traces on ANAC 2013 domains (issue 21's
# generalisation check beyond the 2012 domains and their file naming): tests/genius/traces-2013 (Coffee: 112
# packages, discount 0.5, reservation 0.2; Kitchen: 15,625 packages, discount 0.8, no reservation; DefensiveCharms:
# 36 packages, undiscounted, reservation 0.7; Icecream: 720 packages, undiscounted, no reservation; files from
# ../shared/genius/anac2013 in make_traces.sh's order),
# every ported agent against Boulware, Conceder and HardHeaded, harness, seed 1, 1000 rounds.  At least FLOOR of
# TOTAL must match strictly (the count measured when the traces were made: a regression lowers it; docs/agents.md
# lists the misses; GENIUS_2013_FLOOR overrides the floor, to see the test fail above the figure reached).
# The negotiations parley plays move for move as the original (tests/genius/exact_2013.txt, compare_traces.py
# --write-exact: 106 of 132) must stay so, as cli_genius_traces checks exact_visible.txt: every offer of the first
# agent, the round and the deal; one that differs fails the test whatever the floor.
# Also checks that the checker can fail there: boulware in CUHKAgent's place must not match.
# In the sanitizer tree (several times slower) one trace of each ordered pair of agents is played (the domains
# taken in turn): none may fail to run and at most as many may miss as the floor allows in all.
set -euo pipefail
PARLEY=$1
SOURCE=$2
FLOOR=${GENIUS_2013_FLOOR:-125}
TOTAL=132
. "$SOURCE/tests/cli/lib/sanitized.sh"
COMPARE=(python3 "$SOURCE/tests/genius/compare_traces.py" --parley "$PARLEY" --traces "$SOURCE/tests/genius/traces-2013"
         --domains "$SOURCE/../shared/genius/anac2013" --exact "$SOURCE/tests/genius/exact_2013.txt")
sample=()
is_sanitized "$PARLEY" && sample=(--one-per-pair)
out=$("${COMPARE[@]}" "${sample[@]}" 2>&1 || true)
echo "$out"
read -r matched failed skipped < <(echo "$out" |
    sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p')
[ -n "${matched:-}" ] || { echo "FAIL: no total from compare_traces.py"; exit 1; }
total=$((matched + failed + skipped))
if echo "$out" | grep -q "parley exited\|no domain"; then
    echo "FAIL: a negotiation did not run"
    exit 1
fi
if echo "$out" | grep -q '^FAIL .*exact: '; then
    echo "FAIL: a negotiation of tests/genius/exact_2013.txt no longer matches the original move for move"
    exit 1
fi
if [ ${#sample[@]} -gt 0 ]; then
    if [ $((total - matched)) -gt $((TOTAL - FLOOR)) ] || [ "$total" -lt 30 ]; then
        echo "FAIL: $matched of $total sampled negotiations match (at most $((TOTAL - FLOOR)) misses," \
             "at least 30 played)"
        exit 1
    fi
elif [ "$matched" -lt "$FLOOR" ] || [ "$total" -ne "$TOTAL" ]; then
    echo "FAIL: $matched of $total ANAC 2013 negotiations match, fewer than the $FLOOR of $TOTAL measured"
    exit 1
fi
if sub=$("${COMPARE[@]}" --agent cuhk --substitute cuhk=boulware 2>&1); then
    echo "FAIL: boulware playing as CUHKAgent matched every CUHKAgent trace: the checker checks nothing"
    echo "$sub"
    exit 1
fi
echo "ok: $matched of $total match (at least $FLOOR);" \
     "the checker rejects boulware in CUHKAgent's place ($(echo "$sub" | tail -1))"
