#!/bin/bash
# baselines_distinct.sh: each name of the ANAC baselines runs its own strategy.  The five baselines
# (hardheaded, agent-k, cuhk, atlas3, agent-gg), each as Israel against the same conceder in the relaxed
# ceasefire with the same seed, make five different sequences of offers (a name wired to another baseline's
# strategy would repeat that baseline's offers exactly).
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
for a in hardheaded agent-k cuhk atlas3 agent-gg; do
    "$PARLEY" negotiate "$SRC/examples/ceasefire-relaxed.json" --agents "$a,conceder" --seed 3 --trace - \
        >"$TMP/$a.trace" 2>"$TMP/$a.err" || fail "$a: exit $? ($(head -c 200 "$TMP/$a.err"))"
    grep '"event":"offer"' "$TMP/$a.trace" | grep '"party":"Israel"' >"$TMP/$a.offers"
    [ -s "$TMP/$a.offers" ] || fail "$a made no offer"
done
for a in hardheaded agent-k cuhk atlas3 agent-gg; do
    for b in hardheaded agent-k cuhk atlas3 agent-gg; do
        [ "$a" \< "$b" ] || continue
        cmp -s "$TMP/$a.offers" "$TMP/$b.offers" && fail "$a and $b made the same offers"
    done
done
# Ported from GENIUS, where domains have no constraints, every ANAC agent still keeps to parley's constraints and
# its own red lines (it offers back the other side's packages, or draws at random): no offer of any of them
# is refused as invalid, on either side of either ceasefire scenario.
for a in hardheaded agent-k cuhk atlas3 agent-gg nice-tit-for-tat agent-m caduceus the-fawkes ponpoko agreeable-2018; do
    for sc in ceasefire ceasefire-relaxed; do
        for pair in "$a,conceder" "conceder,$a"; do
            "$PARLEY" negotiate "$SRC/examples/$sc.json" --agents "$pair" --seed 1 --trace - >"$TMP/k.trace" 2>"$TMP/k.err" ||
                fail "$pair on $sc: exit $?"
            grep -q '"reason":"invalid action' "$TMP/k.trace" && fail "$pair on $sc: $(grep -o '"reason":"invalid action[^"]*"' "$TMP/k.trace" | head -1)"
        done
    done
done
[ "$fails" -eq 0 ] || exit 1
echo "PASS baselines_distinct"
