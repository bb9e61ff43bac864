#!/usr/bin/env bash
# kill_mpi.sh: an MPI tournament in which one rank fails cleanly (its agent returns an error) ends with rank 0's
# message naming the runs that were not played (docs/distributed.md), pinned where a generated mutant survived
# (issue 27: cmd_tournament.c handed tournament_dist_end no error record after a successful local run, so the
# job failed without saying why).  The plug-in agent of tests/data/protocol/plugin_agent.c fails in rank 1 (r=1).
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
command -v mpirun >/dev/null || { echo "FAIL: mpirun is missing (make deps installs openmpi-bin)"; exit 1; }
export OMPI_MCA_mpi_yield_when_idle=1
if nm -D "$PARLEY" 2>/dev/null | grep -q __asan_init || nm "$PARLEY" 2>/dev/null | grep -q __asan_init; then
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" # Open MPI's start-up allocations
fi
"${CC:-cc}" -shared -fPIC -O1 -I"$SRC/include" -o "$TMP/libplug.so" "$SRC/tests/data/protocol/plugin_agent.c" \
    || { echo "FAIL: cannot build the plug-in agent"; exit 1; }
expect_exit 1 "a rank whose agent fails" mpirun --allow-run-as-root --oversubscribe -n 3 "$PARLEY" tournament \
    "$SRC/tests/data/protocol/easy.json" --agents "$TMP/libplug.so:r=1,linear" --repeats 30 --threads 1 --json
expect_in "$TMP/err" "runs were not played (the first: run " "rank 0 names the runs the failed rank did not play"
expect_in "$TMP/err" "a rank failed; start again with --checkpoint" "rank 0 says what to do"
[ "$fails" -eq 0 ] || exit 1
