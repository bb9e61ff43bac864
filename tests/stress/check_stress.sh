#!/usr/bin/env bash
# check_stress.sh: the test suite under a CPU hog (`make check-stress`, `make stress-repeat`).
#
#   check_stress.sh check  RUNS     every ctest entry of both trees (build/, build-asan/), RUNS times in a row
#   check_stress.sh repeat N        the server, guard and progress tests, N times each, in both trees
#
# While the tests run, HOG (default 4) busy processes, niced and bounded by `timeout`, take the CPU; they are
# started and killed by their PIDs.  The trees must be built (`make build asan`; the Makefile targets do it).
# Prints, for each run and tree, the wall time and pass/fail, and a summary; exits 1 when any run failed.
set -u
mode=${1:-check}
count=${2:-3}
HOG=${HOG:-4}
JOBS=${JOBS:-2}
HOG_SECONDS=${HOG_SECONDS:-14400}  # a forgotten hog ends by itself
HOG_NICE=${HOG_NICE:-0}  # 0: the hog competes with the tests as equals (19: it only takes idle time)
REPEAT_TESTS=${REPEAT_TESTS:-'^(test_server|test_server_guard|test_cli_progress|cli_progress|cli_serve_guard|cli_serve_cli)$'}
TREES=${TREES:-"build build-asan"}
SANITIZER_ENV=(ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1)

hogs=()
stop_hog() {
    for p in "${hogs[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${hogs[@]}"; do wait "$p" 2>/dev/null; done
    hogs=()
}
trap stop_hog EXIT
for _ in $(seq 1 "$HOG"); do
    nice -n "$HOG_NICE" timeout "$HOG_SECONDS" sh -c 'while :; do :; done' &
    hogs+=($!)
done
echo "check_stress: $HOG busy processes (PIDs ${hogs[*]}) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

failures=0
log_dir=$(mktemp -d)
# One ctest pass of a tree: prints "tree run: PASS|FAIL  N s  (passed/total)".
one_pass() { # tree label [ctest args...]
    local tree=$1 label=$2; shift 2
    local env=()
    [ "$tree" = build-asan ] && env=("${SANITIZER_ENV[@]}")
    local start=$SECONDS log="$log_dir/$tree-$label.log"
    (cd "$tree" && env "${env[@]}" ctest -j "$JOBS" --output-on-failure "$@" >"$log" 2>&1)
    local rc=$? took=$((SECONDS - start))
    local summary
    summary=$(grep -Eo "[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+" "$log" | tail -1)
    if [ $rc -eq 0 ]; then
        printf '%-11s %-10s PASS  %5d s  %s  (load %s)\n' "$tree" "$label" "$took" "$summary" \
            "$(cut -d' ' -f1 /proc/loadavg)"
    else
        failures=$((failures + 1))
        printf '%-11s %-10s FAIL  %5d s  %s: %s\n' "$tree" "$label" "$took" "$summary" \
            "$(grep -E '\*\*\*|Failed|Timeout' "$log" | grep -v "tests passed" | tr -s ' ' | head -5 | tr '\n' ';')"
    fi
}

for tree in $TREES; do
    [ -f "$tree/CTestTestfile.cmake" ] || { echo "check_stress: $tree is not built (make build asan)"; exit 2; }
done
if [ "$mode" = check ]; then
    for run in $(seq 1 "$count"); do
        for tree in $TREES; do one_pass "$tree" "run$run"; done
    done
elif [ "$mode" = repeat ]; then
    for run in $(seq 1 "$count"); do
        for tree in $TREES; do one_pass "$tree" "repeat$run" -R "$REPEAT_TESTS"; done
    done
else
    echo "usage: check_stress.sh check RUNS | repeat N"; exit 2
fi
if [ "$failures" -eq 0 ]; then
    rm -rf "$log_dir"
    echo "check_stress: every pass passed; load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
else
    echo "check_stress: $failures failed pass(es); load at the end $(cut -d' ' -f1-3 /proc/loadavg); logs in $log_dir"
fi
[ "$failures" -eq 0 ]
