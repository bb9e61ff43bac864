#!/usr/bin/env bash
# bench_tournament_setup.sh: what a small tournament costs per domain, and that
# its results do not change: for each BINARY (an older parley first, to
# compare), a 2-negotiation tournament (2 agents, every ordered pair) per
# domain and agent pair, timed by /usr/bin/time (CPU = user + system seconds,
# wall, peak memory); the JSON of every binary is compared with the first's
# (the "seconds" line left out).
# Usage: bench/bench_tournament_setup.sh [RUNS (default 3)] BINARY...
set -euo pipefail
runs=3
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
    runs=$1
    shift
fi
if [[ $# -lt 1 ]]; then
    echo "usage: $0 [RUNS] BINARY..." >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
g=$here/../../shared/genius
[[ -d $g ]] || g=$here/../shared/genius
a=$g/other/AMPOvsCity
domains=(
    "AMPOvsCity|$a/ampo_vs_city_template.xml+$a/ampo_vs_city_ampo_space.xml+$a/ampo_vs_city_city_space.xml"
    "Energy|$g/anac2012/Energy/Energy-A-domain.xml+$g/anac2012/Energy/Energy-A-prof1.xml+$g/anac2012/Energy/Energy-A-prof2.xml"
    "Car|$g/anac2012/Car/Car-A-domain.xml+$g/anac2012/Car/Car-A-prof1.xml+$g/anac2012/Car/Car-A-prof2.xml"
    "Laptop|$g/anac2012/Laptop/Laptop-A-domain.xml+$g/anac2012/Laptop/Laptop-A-prof1.xml+$g/anac2012/Laptop/Laptop-A-prof2.xml"
)
pairs=(linear,hardliner tit-for-tat,random boulware,conceder)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "machine: $(nproc) cores; $runs runs each, min and max of CPU s (user+sys), wall s and peak MB"
printf '%-11s %-20s %-26s %-17s %-17s %-13s %s\n' domain agents binary "CPU s" "wall s" "peak MB" results
for d in "${domains[@]}"; do
    name=${d%%|*}
    scenario=${d#*|}
    for p in "${pairs[@]}"; do
        first=
        for b in "$@"; do
            cpu=() wall=() mem=()
            for ((r = 0; r < runs; r++)); do
                /usr/bin/time -o "$tmp/time" -f '%U %S %e %M' "$b" tournament "$scenario" --agents "$p" --threads 1 \
                    --json --quiet >"$tmp/out.json" 2>/dev/null
                read -r user sys el kb <"$tmp/time"
                cpu+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')") wall+=("$el") mem+=("$((kb / 1024))")
            done
            grep -v '"seconds"' "$tmp/out.json" >"$tmp/$(basename "$b")-$$.json" || true
            mm() { printf '%s\n' "$@" | sort -g | sed -n '1p;$p' | paste -sd/; }
            same=reference
            if [[ -z $first ]]; then
                first=$tmp/first.json
                cp "$tmp/$(basename "$b")-$$.json" "$first"
            elif cmp -s "$first" "$tmp/$(basename "$b")-$$.json"; then
                same=identical
            else
                same=DIFFER
            fi
            printf '%-11s %-20s %-26s %-17s %-17s %-13s %s\n' "$name" "$p" "$(basename "$(dirname "$b")")/$(basename "$b")" "$(mm "${cpu[@]}")" \
                "$(mm "${wall[@]}")" "$(mm "${mem[@]}")" "$same"
        done
    done
done
