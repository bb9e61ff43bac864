#!/usr/bin/env bash
# genius_unseen.sh: how well parley's ports match the original GENIUS agents on domains outside the visible trace
# set (issue 21: at least 90% of the negotiations must match, by the rule of tests/genius/compare_traces.py).
# usage: bash bench/genius_unseen.sh [PARLEY] [TRACES] [DOMAINS]
#   PARLEY   default build/parley
#   TRACES   reference traces (DOMAIN__AGENT__OPPONENT__s1.jsonl[.gz] + index.jsonl); default
#            tests/genius/traces-unseen (Outfit, RentalHouse, Amsterdam: every agent against Boulware, Conceder and
#            HardHeaded, AgentGG with its full ranking; seed 1, 1000 rounds), so the check runs without Java
#   DOMAINS  ANAC 2012 domains to add first: the traces missing from TRACES are made with the GENIUS harness
#            (../shared/genius-reference/harness, GENIUS built into $GENIUS_BUILD, default /tmp/genius-build),
#            under `nice`, from a scratch folder (AgentM writes DataObjects/ into its working folder)
# Prints one line per domain and the total: negotiations matched strictly, and counting the argued differences of
# tests/genius/known_differences.txt.  Exit 0 when the strict rate is at least 90%, 1 otherwise, 2 on bad use.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
PARLEY=${1:-$src/build/parley}
TRACES=${2:-$src/tests/genius/traces-unseen}
NEW_DOMAINS=${3:-}
HARNESS=${GENIUS_HARNESS:-$src/../shared/genius-reference/harness}
DOMAINS_DIR=${GENIUS_DOMAINS:-$src/../shared/genius/anac2012}
[ -x "$PARLEY" ] || { echo "genius_unseen: no parley binary at $PARLEY" >&2; exit 2; }
mkdir -p "$TRACES"

if [ -n "$NEW_DOMAINS" ]; then
    scratch=$(mktemp -d /tmp/genius-unseen-XXXXXX)
    trap 'rm -rf "$scratch"' EXIT
    AGENTS="Boulware Conceder HardHeaded AgentK CUHKAgent Atlas3 NiceTitForTat agents.anac.y2013.TheFawkes.TheFawkes
            agents.anac.y2014.AgentM.AgentM agents.anac.y2016.caduceus.Caduceus
            agents.anac.y2017.ponpokoagent.PonPokoAgent agents.anac.y2018.agreeableagent2018.AgreeableAgent2018
            agents.anac.y2019.agentgg.AgentGG"
    for d in $NEW_DOMAINS; do
        g=$DOMAINS_DIR/$d
        [ -f "$g/$d-A-domain.xml" ] || { echo "genius_unseen: no domain $g/$d-A-domain.xml" >&2; exit 2; }
        for a in $AGENTS; do for o in Boulware Conceder HardHeaded; do
            [ "$a" = "$o" ] && continue
            name="${d}__${a##*.}__${o}__s1.jsonl"
            [ -s "$TRACES/$name" ] || [ -s "$TRACES/$name.gz" ] && continue
            extra=()
            [ "${a##*.}" = AgentGG ] && extra=(--ranking1 all) # AgentGG needs a user model: its full ranking
            if (cd "$scratch" && GENIUS_XMX=${GENIUS_XMX:-2g} timeout 900 nice -n 10 "$HARNESS/run.sh" \
                    --domain "$g/$d-A-domain.xml" --prof1 "$g/$d-A-prof1.xml" --prof2 "$g/$d-A-prof2.xml" \
                    --agent1 "$a" --agent2 "$o" --rounds 1000 --seed 1 "${extra[@]}" \
                    >"$scratch/$name" 2>"$scratch/err"); then
                grep '"summary":true' "$scratch/err" | sed "s/^{/{\"domain\":\"$d\",\"file\":\"$name\",/" \
                    >>"$TRACES/index.jsonl"
                gzip -9 -c "$scratch/$name" >"$TRACES/$name.gz"
            else
                echo "genius_unseen: GENIUS failed on $name: $(tail -n 2 "$scratch/err")" >&2
            fi
            rm -f "$scratch/$name" "$scratch/err"
        done; done
    done
fi

domains=$(ls "$TRACES" | sed -n 's/^\([^_]*\)__.*__s[0-9]*\.jsonl.*/\1/p' | sort -u)
[ -n "$domains" ] || { echo "genius_unseen: no traces in $TRACES" >&2; exit 2; }
total=0 strict=0 argued=0
for d in $domains; do
    out=$(python3 "$src/tests/genius/compare_traces.py" --parley "$PARLEY" --traces "$TRACES" \
          --domains "$DOMAINS_DIR" --name "${d}__" ${GENIUS_EXACT:+--exact "$GENIUS_EXACT"} 2>&1 || true)
    read -r p f s < <(echo "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p')
    [ -n "${p:-}" ] || { echo "genius_unseen: compare_traces failed on $d:"; echo "$out"; exit 1; }
    n=$((p + f + s))
    printf '%-22s %3d of %3d match (%5.1f%%); with argued differences %3d (%5.1f%%)\n' "$d" "$p" "$n" \
        "$(echo "100*$p/$n" | bc -l)" $((p + s)) "$(echo "100*($p+$s)/$n" | bc -l)"
    echo "$out" | { grep -E '^(FAIL|known) ' || true; } | sed 's/^/    /' | cut -c1-200
    total=$((total + n)) strict=$((strict + p)) argued=$((argued + p + s))
done
printf 'all                    %3d of %3d match (%5.1f%%); with argued differences %3d (%5.1f%%)\n' "$strict" \
    "$total" "$(echo "100*$strict/$total" | bc -l)" "$argued" "$(echo "100*$argued/$total" | bc -l)"
[ $((strict * 10)) -ge $((total * 9)) ]
