#!/usr/bin/env bash
# bench_genius_tournament.sh: the same tournament in GENIUS 10.4 (the original Java agents, through the headless
# harness of ../shared/genius-reference, one JVM per negotiation as the harness runs them, GENIUS_JOBS=2 at a time)
# and in parley
# (`parley tournament`, one thread): every ordered pair of the agents (both orders, no self-play) on Laptop,
# Camera and Grocery (A profiles), 1000 rounds, seed 1.  Reports CPU seconds (user + sys of the process tree)
# and wall seconds for each and their ratio, and the fixed cost GENIUS pays per negotiation here (JVM start,
# class loading, reading the domain: a 1-round negotiation), which a GENIUS tournament run in one JVM pays once.
# usage: bash bench/bench_genius_tournament.sh [build/parley] [DOMAINS] [AGENTS]
#   AGENTS: parley names (default: those of the 12 of issue 21 that the binary has); GENIUS must be built
#   (../shared/genius-reference/README.md).  GENIUS runs under `nice -n 10`.
set -euo pipefail
PARLEY=${1:-build/parley}
DOMAINS=${2:-Laptop Camera Grocery}
src=$(cd "$(dirname "$0")/.." && pwd)
. "$src/bench/genius_agents.sh"
AGENTS=$(agents_in_parley "${3:-$ALL_AGENTS}" "$PARLEY")
ROUNDS=1000
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (shared)"
echo "agents: $AGENTS"
echo "domains: $DOMAINS; $ROUNDS rounds"
[ -n "$AGENTS" ] || { echo "no agent to play" >&2; exit 2; }

# cpu_wall CMD...: runs CMD (output to $TMP/out) and prints "cpu wall" seconds of its process tree
# (QUIET_FAIL=1: a failing exit status is expected, as `run.sh --help`'s)
cpu_wall() {
    /usr/bin/time -f "%U %S %e" -o "$TMP/time" "$@" >"$TMP/out" 2>"$TMP/err" ||
        [ "${QUIET_FAIL:-0}" = 1 ] || { cat "$TMP/err" >&2; return 1; }
    awk '/^[0-9.]+ [0-9.]+ [0-9.]+$/ {printf "%.2f %.2f\n", $1 + $2, $3}' "$TMP/time"
}

# every negotiation of the GENIUS tournament, GENIUS_JOBS (default 2) JVMs at a time
genius_all() {
    local d a b
    for d in $DOMAINS; do for a in $AGENTS; do for b in $AGENTS; do
        [ "$a" = "$b" ] || echo "$d $a $b"
    done; done; done | xargs -P "${GENIUS_JOBS:-2}" -L 1 bash -c 'genius_negotiation "$0" "$1" "$2" 1000 1'
}
export -f genius_all
export AGENTS DOMAINS

first=${DOMAINS%% *} a0=${AGENTS%% *}
read -r jvm_cpu jvm_wall < <(cpu_wall bash -c 'genius_negotiation "$0" "$1" "$1" 1 1' "$first" "$a0")
read -r g_cpu g_wall < <(cpu_wall bash -c genius_all)
runs=$(grep -c '"summary":true' "$TMP/out" || true)
agreed=$(grep -c '"agreement":true' "$TMP/out" || true)
echo "GENIUS: $runs negotiations ($agreed agreements), cpu $g_cpu s, wall $g_wall s (${GENIUS_JOBS:-2} JVMs at a time) (start-up, a 1-round negotiation: cpu $jvm_cpu s, wall $jvm_wall s)"

scen=()
for d in $DOMAINS; do scen+=("$(parley_scenario_arg "$d")"); done
read -r p_cpu p_wall < <(cpu_wall "$PARLEY" tournament "${scen[@]}" --agents "$(echo $AGENTS | tr ' ' ',')" \
    --rounds $ROUNDS --seed 1 --threads 1 --quiet --json)
p_runs=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["negotiations"], sum(r["agreed"] for r in d["runs"]))' "$TMP/out")
echo "parley: ${p_runs% *} negotiations (${p_runs#* } agreements), cpu $p_cpu s, wall $p_wall s (1 thread)"
python3 - "$g_cpu" "$g_wall" "$p_cpu" "$p_wall" "$jvm_cpu" "$runs" <<'PY'
import sys
g_cpu, g_wall, p_cpu, p_wall, jvm, runs = map(float, sys.argv[1:])
ratio = lambda a, b: f"{a / b:.0f}x" if b > 0 else "inf (parley below the timer's 0.01 s)"
print(f"ratio GENIUS/parley: cpu {ratio(g_cpu, p_cpu)}, wall {ratio(g_wall, p_wall)}; "
      f"GENIUS without the start-ups (cpu - {runs:.0f} x {jvm:.2f} s): {ratio(max(g_cpu - runs * jvm, 0), p_cpu)}")
PY
