#!/bin/bash
# genius_traces_pairs.sh: the ANAC ports against each other as the GENIUS originals play (issue 21): reference
# traces made with the harness of ../shared/genius-reference (A profiles, 1000 rounds, seed 1, DET=1) in
# tests/genius/traces-pairs, each a pairing where parley's port used to part from the original.  The originals
# accept below their reservation value: NiceTitForTat takes CUHKAgent's best bid (0.23 for it) on Barter in both
# orders, TheFawkes CUHKAgent's 0.45 on Phone, Atlas3 Boulware's 0.41 on Outfit (its threshold 1 - t/d), AgentK
# Boulware's 0.40 on FiftyFifty.  Above 10,000 packages NiceTitForTat picks among the first two packages of its
# window in enumeration order (EnergySmall against CUHKAgent: no agreement, every move as the original's).
# TheFawkes's model weights change through GENIUS's setWeight (Barter against HardHeaded: agreement in round 1000).
# NiceTitForTat's Nash estimate once its Bayesian model has broken down is its best package (Phone against
# Conceder: the model breaks down in round 625; agreement in round 920, not 625).
# Every trace must match (tests/genius/compare_traces.py, issue 21's rule).
# Also checks that the checker can fail: conceder in NiceTitForTat's place must not match.
set -euo pipefail
PARLEY=$1
SOURCE=$2
COMPARE=(python3 "$SOURCE/tests/genius/compare_traces.py" --parley "$PARLEY" --traces "$SOURCE/tests/genius/traces-pairs"
         --domains "$SOURCE/../shared/genius/anac2012")
"${COMPARE[@]}"
if out=$("${COMPARE[@]}" --name Barter__ --substitute nice-tit-for-tat=conceder 2>&1); then
    echo "FAIL: conceder playing as NiceTitForTat matched the Barter traces: the checker checks nothing"
    echo "$out"
    exit 1
fi
echo "ok: the checker rejects conceder in NiceTitForTat's place ($(echo "$out" | tail -1))"
