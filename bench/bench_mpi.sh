#!/usr/bin/env bash
# bench_mpi.sh: speed-up of `mpirun -n N parley` over N = 1, 2, 3 ranks of one thread each, and the cost of the MPI
# path against the plain one.  Usage: bash bench/bench_mpi.sh build/parley [SECONDS_PER_NEGOTIATION] [ANALYSIS_OUTCOMES]
#   - a tournament whose negotiations end on a deadline in seconds (ANAC-style real-time deadlines): boulware vs
#     hardliner never agree, so each negotiation lasts the whole deadline;
#   - an exact, streamed analysis of a generated 2-party space with a red line over two issues (ANALYSIS_OUTCOMES,
#     default 10^10; at ~2.5*10^8 outcomes/s/core that is about 40 s on one core: pass 1e9 for a quick look).
# Prints one line per run: what, ranks, wall seconds, speed-up over one rank; then the MPI overhead.
set -euo pipefail
PARLEY=${1:-build/parley}
SECONDS_EACH=${2:-0.5}
OUTCOMES=${3:-1e10}
MPIRUN=(mpirun --allow-run-as-root --oversubscribe --bind-to none)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

wall() { # prints the wall seconds of a command (its output dropped)
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>"$TMP/err" || { cat "$TMP/err" >&2; return 1; }
    t1=$(date +%s.%N)
    python3 -c "print(f'{$t1 - $t0:.2f}')"
}

# The scenario: issues of 10 values until OUTCOMES, three parties with random-ish weights, one red line.
python3 - "$OUTCOMES" >"$TMP/big.json" <<'PY'
import json, math, sys
n = round(math.log10(float(sys.argv[1])))
issues = [{"name": f"i{k}", "type": "integer", "min": 0, "max": 9} for k in range(n)]
def party(name, seed, flip):
    w = [((seed * (k + 3)) % 7) + 1 for k in range(n)]
    s = sum(w)
    prefs = {f"i{k}": {"weight": w[k] / s, "function": {"type": "linear", "at_min": float(flip[k]), "at_max": float(1 - flip[k])}}
             for k in range(n)}
    return {"name": name, "reservation": 0.3, "preferences": prefs}
a = party("A", 3, [0] * n)
b = party("B", 5, [1] * n)
a["red_lines"] = [{"name": "floor", "rule": "i0 + i1 >= 4"}]
print(json.dumps({"title": f"bench: 10^{n} outcomes, 2 parties", "issues": issues, "parties": [a, b]}))
PY

T=("$(dirname "$0")/../examples/textbook-buyer-seller.json" "$(dirname "$0")/../examples/ceasefire-relaxed.json"
   --agents boulware,hardliner,conceder --time "$SECONDS_EACH")
base_t=""
for n in 1 2 3; do
    s=$(wall "${MPIRUN[@]}" -n "$n" "$PARLEY" tournament "${T[@]}" --threads 1)
    [ -z "$base_t" ] && base_t=$s
    echo "tournament, 12 negotiations of ${SECONDS_EACH} s: $n rank(s), ${s} s, speed-up $(python3 -c "print(f'{$base_t / $s:.2f}')")"
done
base_a=""
for n in 1 2 3; do
    s=$(wall "${MPIRUN[@]}" -n "$n" "$PARLEY" analyze "$TMP/big.json" --threads 1 --stream)
    [ -z "$base_a" ] && base_a=$s
    echo "analysis, $OUTCOMES outcomes: $n rank(s), ${s} s, speed-up $(python3 -c "print(f'{$base_a / $s:.2f}')")"
done
plain=$(wall "$PARLEY" analyze "$TMP/big.json" --threads 1 --stream)
echo "overhead: the same analysis without mpirun ${plain} s, under mpirun -n 1 ${base_a} s" \
     "($(python3 -c "print(f'{100 * ($base_a - $plain) / $plain:+.1f}')")%)"
