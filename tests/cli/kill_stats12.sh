#!/bin/bash
# kill_stats12.sh: the range checks of the tournament's statistics and uncertainty options (src/cli/cli_stats.c), each
# at both ends, with its exact message and exit 2, and each option given last without its value.  A value that is
# accepted is shown cheaply: it is followed by a bad --model, so the run stops at --model's message, not at the
# option's own (the options are read in order and the first bad one is reported).  Also a statistics file that
# cannot be written (/dev/full: the write fails when the file is closed) is reported with exit 1.
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
TB="$SRC/examples/textbook-buyer-seller.json"
T=("$PARLEY" tournament "$TB" --agents boulware,conceder --rounds 10)

refused() { # message description options...
    local msg=$1 what=$2; shift 2
    expect_exit 2 "$what" "${T[@]}" "$@"
    expect_in "$TMP/err" "$msg" "$what"
}
accepted() { # description options... (followed by a bad --model, whose message must be the one reported)
    local what=$1; shift
    refused "--model expects frequency, smith or bayes" "$what accepted" "$@" --model psychic
    [ "$(head -n 1 "$TMP/err")" = "parley tournament: --model expects frequency, smith or bayes" ] ||
        fail "$what: another message before --model's: $(cat "$TMP/err")"
}

refused "--bootstrap expects a whole number from 10 to 1000000, got '9'" "--bootstrap 9" --bootstrap 9
accepted "--bootstrap 10" --bootstrap 10
accepted "--bootstrap 1000000" --bootstrap 1000000
refused "--bootstrap expects a whole number from 10 to 1000000, got '1000001'" "--bootstrap 1000001" \
    --bootstrap 1000001
refused "--bootstrap needs a value" "--bootstrap last" --bootstrap

refused "--uncertain needs a number of ranked outcomes" "--uncertain last" --uncertain
accepted "--uncertain 1" --uncertain 1
accepted "--uncertain 1000000" --uncertain 1000000
refused "--uncertain expects a whole number from 1 to 1000000, got '1000001'" "--uncertain 1000001" \
    --uncertain 1000001

refused "--elicit expects a whole number from 0 to 1000000, got '-1'" "--elicit -1" --elicit -1
accepted "--elicit 0" --elicit 0
accepted "--elicit 1000000" --elicit 1000000
refused "--elicit expects a whole number from 0 to 1000000, got '1000001'" "--elicit 1000001" --elicit 1000001

refused "--elicit-cost needs a value" "--elicit-cost last" --elicit-cost
refused "--elicit-cost expects a number, got 'cheap'" "--elicit-cost cheap" --elicit-cost cheap
refused "--elicit-cost expects a cost per outcome in [0,1]" "--elicit-cost -0.01" --elicit-cost -0.01
accepted "--elicit-cost 0" --elicit-cost 0
accepted "--elicit-cost 1" --elicit-cost 1
refused "--elicit-cost expects a cost per outcome in [0,1]" "--elicit-cost 1.01" --elicit-cost 1.01

refused "--estimator expects lp or frequency" "--estimator last" --estimator
refused "--estimator expects lp or frequency" "--estimator median" --estimator median
accepted "--estimator lp" --estimator lp
accepted "--estimator frequency" --estimator frequency

refused "--uncertain-parties needs a list like 1,2" "--uncertain-parties last" --uncertain-parties
for bad in 0 65 1,65 x '1;2' 2,,3; do
    refused "--uncertain-parties expects party numbers 1..64 separated by commas, got '$bad'" \
        "--uncertain-parties $bad" --uncertain-parties "$bad"
done
accepted "--uncertain-parties 1" --uncertain-parties 1
accepted "--uncertain-parties 64" --uncertain-parties 64
accepted "--uncertain-parties 2,1" --uncertain-parties 2,1

refused "--stats-json needs a file name" "--stats-json last" --stats-json
refused "--stats-csv needs a file name" "--stats-csv last" --stats-csv
refused "--model expects frequency, smith or bayes" "--model last" --model
accepted "--model frequency then psychic" --model frequency
accepted "--model smith then psychic" --model smith
accepted "--model bayes then psychic" --model bayes

# A statistics file whose writing fails: exit 1 and the reason, for JSON and CSV alike.
if [ -w /dev/full ]; then
    for kind in json csv; do
        expect_exit 1 "--stats-$kind /dev/full" "${T[@]}" --bootstrap 10 --stats-$kind /dev/full
        expect_in "$TMP/err" "cannot write the statistics: No space left on device" "--stats-$kind /dev/full"
    done
fi

[ "$fails" -eq 0 ] || exit 1
