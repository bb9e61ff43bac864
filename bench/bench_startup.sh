#!/usr/bin/env bash
# bench_startup.sh: what a parley command costs to start, in CPU time (user + sys) and wall time.
# Usage: bench/bench_startup.sh [RUNS] BINARY...   (e.g. a copy of the old build/parley, then build/parley)
# For each binary: its shared libraries (ldd | wc -l), then RUNS runs of `parley --version` and of a
# Laptop-A analysis (ANAC 2012, 2 parties, 27 outcomes), timed as one loop by /usr/bin/time; the same loop
# running /bin/true is subtracted (the shell's fork and exec), so the figures are per run of parley itself.
# CPU time, not wall time, is the figure to read on a loaded machine.
set -euo pipefail
runs=200
if [[ ${1:-} =~ ^[0-9]+$ ]]; then runs=$1; shift; fi
[ $# -ge 1 ] || { echo "usage: $0 [RUNS] BINARY..." >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
laptop=${PARLEY_SHARED_DIR:-$here/../shared}/genius/anac2012/Laptop
for f in Laptop-A-domain.xml Laptop-A-prof1.xml Laptop-A-prof2.xml; do
  [ -r "$laptop/$f" ] || { echo "$0: missing $laptop/$f" >&2; exit 2; }
done

# loop_cost CMD...: "wall user+sys" seconds of RUNS runs of CMD (output discarded).
loop_cost() {
  /usr/bin/time -f '%e %U %S' bash -c 'for ((i = 0; i < $0; i++)); do "$@" >/dev/null; done' "$runs" "$@" \
    2>&1 >/dev/null | tail -1 | awk '{printf "%s %.3f\n", $1, $2 + $3}'
}
read -r base_wall base_cpu < <(loop_cost /bin/true)
echo "bench_startup: $runs runs per case, $(nproc) cores; per run, after subtracting a /bin/true loop" \
     "(${base_cpu} CPU-s, ${base_wall} s wall for $runs runs)"
printf '%-40s %-10s %-9s %12s %12s\n' binary libraries case "CPU ms/run" "wall ms/run"
for bin in "$@"; do
  libs=$(ldd "$bin" | wc -l)
  for case in version laptop-A; do
    if [ "$case" = version ]; then
      read -r wall cpu < <(loop_cost "$bin" --version)
    else
      read -r wall cpu < <(loop_cost "$bin" analyze "$laptop/Laptop-A-domain.xml" "$laptop/Laptop-A-prof1.xml" \
                                       "$laptop/Laptop-A-prof2.xml")
    fi
    awk -v b="$bin" -v l="$libs" -v c="$case" -v w="$wall" -v u="$cpu" -v bw="$base_wall" -v bu="$base_cpu" \
        -v n="$runs" 'BEGIN { printf "%-40s %-10s %-9s %12.2f %12.2f\n", b, l, c, (u - bu) * 1000 / n, (w - bw) * 1000 / n }'
  done
done
