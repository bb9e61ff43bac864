#!/bin/bash
# genius_traces_extra.sh: parley's ports against original GENIUS traces on a domain outside the visible set
# (issue 21's generalisation check): tests/genius/traces-extra holds the Outfit-A negotiations (harness, seed 1,
# 1000 rounds) of the six agents that match all three of theirs there (agent-k, agent-m, agreeable-2018, atlas3,
# nice-tit-for-tat, the-fawkes against Boulware, Conceder, HardHeaded): 18 of 18 must match.  The full picture on
# Outfit, RentalHouse and Amsterdam (every agent: 27, 24 and 25 of 36 with agent-gg) is in docs/agents.md.  Also checks that the
# checker can fail there: boulware in AgentK's place must not match.
set -euo pipefail
PARLEY=$1
SOURCE=$2
COMPARE=(python3 "$SOURCE/tests/genius/compare_traces.py" --parley "$PARLEY" --traces "$SOURCE/tests/genius/traces-extra"
         --domains "$SOURCE/../shared/genius/anac2012")
"${COMPARE[@]}"
if out=$("${COMPARE[@]}" --agent agent-k --substitute agent-k=boulware 2>&1); then
    echo "FAIL: boulware playing as AgentK matched every Outfit trace: the checker checks nothing"
    echo "$out"
    exit 1
fi
echo "ok: the checker rejects boulware in AgentK's place ($(echo "$out" | tail -1))"
