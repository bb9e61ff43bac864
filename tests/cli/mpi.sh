#!/usr/bin/env bash
# mpi.sh: `mpirun -n 3 parley tournament` gives the single process's results (JSON and CSV, timings aside);
# a rank killed mid-run fails the job with the runs it lost named; a checkpointed tournament stopped and started
# again ends with the same results; without mpirun nothing changes.
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
command -v mpirun >/dev/null || { echo "FAIL: mpirun is missing (make deps installs openmpi-bin)"; exit 1; }
G="$SRC/../shared/genius/anac2012"
[ -d "$G" ] || { echo "FAIL: $G is missing (the tests need ../shared/genius)"; exit 1; }
MPIRUN=(mpirun --allow-run-as-root --oversubscribe)
# Ranks waiting for a message yield the CPU instead of spinning: with more ranks than free cores (a busy
# machine, --oversubscribe) spinning ranks starve the ones with work.
export OMPI_MCA_mpi_yield_when_idle=1
# Open MPI keeps some of its start-up allocations until exit: under AddressSanitizer, leak checking stays off
# for the ranks (the single-process runs of the other tests keep it).
if nm -D "$PARLEY" 2>/dev/null | grep -q __asan_init || nm "$PARLEY" 2>/dev/null | grep -q __asan_init; then
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fi
same() { # a.json b.json description: equal but for timings
    python3 - "$1" "$2" <<'PY' || fail "$3"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    for k in ("seconds", "threads", "rate", "method", "method_note"):  # how, not what: the figures must agree
        d.pop(k, None)
assert a == b, "results differ"
PY
}

CAMERA="$G/Camera/Camera-A-domain.xml+$G/Camera/Camera-A-prof1.xml+$G/Camera/Camera-A-prof2.xml"
ARGS=("$CAMERA" "$SRC/examples/ceasefire-relaxed.json" --agents boulware,conceder,linear,hardliner,tit-for-tat
      --repeats 4 --rounds 200)
# Opponent-model accuracy and the statistics travel with the runs too (--model bayes leaves the results' JSON as
# it is: the same runs of one process and of three ranks give the tables, the CSV and the statistics).
STATS=(--model bayes --stats-json)
expect_exit 0 "single process" "$PARLEY" tournament "${ARGS[@]}" --json --csv "$TMP/one.csv" "${STATS[@]}" "$TMP/s1.json"
cp "$TMP/out" "$TMP/one.json"
expect_exit 0 "three ranks" "${MPIRUN[@]}" -n 3 "$PARLEY" tournament "${ARGS[@]}" --json --threads 1 --csv "$TMP/three.csv" \
    "${STATS[@]}" "$TMP/s3.json"
cp "$TMP/out" "$TMP/three.json"
same "$TMP/one.json" "$TMP/three.json" "three ranks: JSON differs from one process"
cmp -s "$TMP/one.csv" "$TMP/three.csv" || fail "three ranks: CSV differs from one process"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['negotiations'] == 160, d['negotiations']" \
    "$TMP/three.json" || fail "three ranks: 2 scenarios x 20 ordered pairs x 4 repeats = 160 negotiations"
same "$TMP/s1.json" "$TMP/s3.json" "statistics: three ranks differ from one process"
grep -q '"model_accuracy"' "$TMP/s3.json" || fail "statistics: no model accuracy in $(head -c 300 "$TMP/s3.json")"
expect_exit 0 "one rank under mpirun" "${MPIRUN[@]}" -n 1 "$PARLEY" tournament "${ARGS[@]}" --json
same "$TMP/one.json" "$TMP/out" "one rank: JSON differs"

# Analysis: the outcome range split over three ranks, merged on rank 0: the same figures, frontier and solutions.
for input in "$SRC/examples/ceasefire.json" "$SRC/examples/ceasefire-relaxed.json" "$CAMERA" \
             "$SRC/tests/data/diagnose/many.json"; do
    name=$(basename "${input%%+*}")
    expect_exit 0 "analyze $name, one process" "$PARLEY" analyze ${input//+/ } --json --frontier
    cp "$TMP/out" "$TMP/a1.json"
    expect_exit 0 "analyze $name, three ranks" "${MPIRUN[@]}" -n 3 "$PARLEY" analyze ${input//+/ } --json --frontier \
        --threads 1
    same "$TMP/a1.json" "$TMP/out" "analyze $name: three ranks differ from one process"
done
expect_exit 0 "analyze text, three ranks" "${MPIRUN[@]}" -n 3 "$PARLEY" analyze "$SRC/examples/ceasefire-relaxed.json"
expect_in "$TMP/out" "acceptable   515 to every party" "analyze text, three ranks: the zone of 515 packages"
[ "$(grep -c "^Gaza ceasefire" "$TMP/out")" -eq 1 ] || fail "analyze text: printed once, by rank 0"

# A checkpoint of a finished tournament: started again, it plays nothing and gives the same results.
expect_exit 0 "checkpointed" "$PARLEY" tournament "${ARGS[@]}" --json --checkpoint "$TMP/ck"
same "$TMP/one.json" "$TMP/out" "checkpointed: JSON differs"
[ "$(wc -l <"$TMP/ck")" -eq 161 ] || fail "checkpoint: a header and 160 runs expected, got $(wc -l <"$TMP/ck") lines"
expect_exit 0 "resumed from a full checkpoint" "$PARLEY" tournament "${ARGS[@]}" --json --checkpoint "$TMP/ck"
same "$TMP/one.json" "$TMP/out" "resumed: JSON differs"
expect_exit 2 "another tournament's checkpoint" "$PARLEY" tournament "${ARGS[@]}" --repeats 5 --checkpoint "$TMP/ck"
expect_in "$TMP/err" "belongs to another tournament" "foreign checkpoint refused"

# A tournament with a rank killed mid-run fails the job, naming the runs lost; started again with the same
# checkpoint it finishes, and its results are the single process's.  Mid-run without a race: rank 1 is stopped
# (SIGSTOP) as soon as CHECKPOINT.lost shows a batch of runs handed to it, so the job cannot end before the kill
# however fast the machine (the tournament needs only a few batches: 20 repeats, 400 runs).
ENERGY="$G/Energy/Energy-A-domain.xml+$G/Energy/Energy-A-prof1.xml+$G/Energy/Energy-A-prof2.xml"
LONG=("$ENERGY" --agents boulware,conceder,linear,hardliner,tit-for-tat --rounds 5000 --repeats 20)
"${MPIRUN[@]}" -n 3 "$PARLEY" tournament "${LONG[@]}" --threads 1 --json --checkpoint "$TMP/long.ck" \
    >"$TMP/killed.out" 2>"$TMP/killed.err" &
job=$!
victim=""
for _ in $(seq 1 3000); do # wait until rank 1 holds runs (300 s only bounds a hang)
    if [ -z "$victim" ]; then
        # this job's ranks only (their command names this test's checkpoint), not another test's
        for p in $(pgrep -f "tournament .*--checkpoint $TMP/long.ck" || true); do
            tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx OMPI_COMM_WORLD_RANK=1 && victim=$p
        done
    fi
    [ -n "$victim" ] && grep -q "(rank 1)" "$TMP/long.ck.lost" 2>/dev/null && break
    kill -0 "$job" 2>/dev/null || break
    sleep 0.05
done
stopped=0
[ -n "$victim" ] && kill -STOP "$victim" && grep -q "(rank 1)" "$TMP/long.ck.lost" 2>/dev/null && stopped=1
[ "$stopped" = 1 ] || fail "killed rank: rank 1 was not seen holding runs (victim '$victim', job $(kill -0 "$job" 2>/dev/null && echo running || echo ended))"
for _ in $(seq 1 3000); do # the other ranks go on: some runs reach the checkpoint (300 s only bounds a hang)
    [ -f "$TMP/long.ck" ] && [ "$(wc -l <"$TMP/long.ck")" -gt 20 ] && break
    kill -0 "$job" 2>/dev/null || break
    sleep 0.1
done
[ -n "$victim" ] && kill -9 "$victim"
wait "$job"
killed=$?
[ "$killed" -ne 0 ] || fail "killed rank: the job exited 0"
# rank 0 says it on stderr (which mpirun may no longer forward while it stops the job) and in CHECKPOINT.lost
expect_in "$TMP/long.ck.lost" "runs lost:" "killed rank: the runs lost are named"
grep -q "([^)]*rank 1)" "$TMP/long.ck.lost" || fail "killed rank: rank 1's runs are not among the lost: $(cat "$TMP/long.ck.lost")"
lines=$(wc -l <"$TMP/long.ck")
expect_exit 0 "resumed after the kill" "${MPIRUN[@]}" -n 3 "$PARLEY" tournament "${LONG[@]}" --threads 1 --json \
    --checkpoint "$TMP/long.ck"
cp "$TMP/out" "$TMP/resumed.json"
expect_exit 0 "long, one process" "$PARLEY" tournament "${LONG[@]}" --json
same "$TMP/out" "$TMP/resumed.json" "resumed after the kill: JSON differs from one process"
[ ! -e "$TMP/long.ck.lost" ] || fail "the report of the stop outlived the resumed tournament"
[ "$lines" -gt 1 ] || fail "the checkpoint kept nothing before the kill"

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "mpi.sh: all passed"
