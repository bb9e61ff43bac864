#!/bin/bash
# kill_serve12.sh: every numeric limit of `parley serve` at both ends of its range (issue 27: a changed bound in
# cmd_serve.c's table reached no test).  The options are checked in a fixed order (the number table, then
# --analysis-seconds, --agent-seconds, the rates, --web, --agent-dir), so a run given every limit at its lowest
# (or highest) value and a missing --agent-dir must stop at the --agent-dir message: a bound that refused a value
# in range would stop it earlier with that option's message.  One past each end is refused with exit 2 and the
# range named.  No server is started.
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"

. "$SRC/tests/cli/lib/serve_ranges.sh"

serve() { # expected-exit description args...
    local want=$1 what=$2
    shift 2
    expect_exit "$want" "$what" timeout 60 "$PARLEY" serve --db "$TMP/never.db" --listen 127.0.0.1:0 "$@"
}
NO_DIR="parley serve: --agent-dir '$TMP/none' is not a folder
(see 'parley serve --help')"

lows=() highs=()
while read -r name min max; do
    lows+=("$name" "$min")
    highs+=("$name=$max")
    serve 2 "$name $((min - 1))" "$name" "$((min - 1))"
    stderr_is "$name $((min - 1))" "parley serve: $name expects a whole number from $min to $max, got '$((min - 1))'
(see 'parley serve --help')"
    over=$((max + 1))
    serve 2 "$name=$over" "$name=$over"
    stderr_is "$name=$over" "parley serve: $name expects a whole number from $min to $max, got '$over'
(see 'parley serve --help')"
done <<<"$SERVE_RANGES"
serve 2 "every limit at its lowest" "${lows[@]}" --agent-dir "$TMP/none"
stderr_is "every limit at its lowest" "$NO_DIR"
serve 2 "every limit at its highest" "${highs[@]}" --agent-dir "$TMP/none"
stderr_is "every limit at its highest" "$NO_DIR"
serve 2 "a limit without its value" --max-parties
stderr_is "a limit without its value" "parley serve: option --max-parties needs a value
(see 'parley serve --help')"
serve 2 "a path option without its value" --agent-dir
stderr_is "a path option without its value" "parley serve: option --agent-dir needs a value
(see 'parley serve --help')"

# seconds in (0, 3600] and rates per second in [0.001, 1000000]
for opt in --analysis-seconds --agent-seconds; do
    for bad in 0 -1 3600.001; do
        serve 2 "$opt $bad" "$opt" "$bad"
        stderr_is "$opt $bad" "parley serve: $opt '$bad' is not in (0, 3600]
(see 'parley serve --help')"
    done
    serve 2 "$opt x" "$opt" x
    stderr_is "$opt x" "parley serve: $opt expects a number, got 'x'
(see 'parley serve --help')"
done
serve 2 "seconds at the ends" --analysis-seconds 3600 --agent-seconds 0.0001 --agent-dir "$TMP/none"
stderr_is "seconds at the ends" "$NO_DIR"
serve 2 "seconds at the ends, the other way" --analysis-seconds 0.0001 --agent-seconds 3600 --agent-dir "$TMP/none"
stderr_is "seconds at the ends, the other way" "$NO_DIR"
for opt in --write-rate --profile-rate; do
    for bad in 0.0009 1000000.5 0; do
        serve 2 "$opt $bad" "$opt" "$bad"
        stderr_is "$opt $bad" "parley serve: $opt '$bad' is not in [0.001, 1000000]
(see 'parley serve --help')"
    done
    serve 2 "$opt nan" "$opt" nan
    stderr_is "$opt nan" "parley serve: $opt expects a number, got 'nan'
(see 'parley serve --help')"
done
serve 2 "rates at the ends" --write-rate 0.001 --profile-rate 1000000 --agent-dir "$TMP/none"
stderr_is "rates at the ends" "$NO_DIR"
serve 2 "rates at the ends, the other way" --write-rate 1e6 --profile-rate 0.001 --agent-dir "$TMP/none"
stderr_is "rates at the ends, the other way" "$NO_DIR"

# --listen ADDRESS:PORT, --sync, --open against a token file, --web, an argument that is no option
for bad in 127.0.0.1 :80 127.0.0.1: 127.0.0.1:65536 127.0.0.1:-1 127.0.0.1:8x; do
    expect_exit 2 "--listen $bad" timeout 60 "$PARLEY" serve --db "$TMP/never.db" --listen "$bad"
    stderr_is "--listen $bad" "parley serve: --listen '$bad' is not ADDRESS:PORT (e.g. 127.0.0.1:8080)
(see 'parley serve --help')"
done
for good in 127.0.0.1:65535 localhost:0; do
    expect_exit 2 "--listen $good" timeout 60 "$PARLEY" serve --db "$TMP/never.db" --listen "$good" --agent-dir "$TMP/none"
    stderr_is "--listen $good" "$NO_DIR"
done
serve 2 "--sync fast" --sync fast
stderr_is "--sync fast" "parley serve: --sync 'fast' is not full or normal
(see 'parley serve --help')"
serve 2 "--sync normal" --sync normal --agent-dir "$TMP/none"
stderr_is "--sync normal" "$NO_DIR"
serve 2 "--open with a token file" --open --admin-token-file "$TMP/token"
stderr_is "--open with a token file" "parley serve: --open and --admin-token-file exclude each other
(see 'parley serve --help')"
for alone in --open "--admin-token-file=$TMP/token"; do
    serve 2 "$alone alone" "$alone" --agent-dir "$TMP/none"
    stderr_is "$alone alone" "$NO_DIR"
done
mkdir "$TMP/web"
serve 2 "--web without index.html" --web "$TMP/web"
stderr_is "--web without index.html" "parley serve: --web '$TMP/web' has no index.html
(see 'parley serve --help')"
touch "$TMP/file"
serve 2 "--agent-dir a file" --agent-dir "$TMP/file"
stderr_is "--agent-dir a file" "parley serve: --agent-dir '$TMP/file' is not a folder
(see 'parley serve --help')"
serve 2 "an argument" extra
stderr_is "an argument" "parley serve: unexpected argument 'extra'
(see 'parley serve --help')"
[ -e "$TMP/never.db" ] && fail "a refused option still created the database"
[ "$fails" -eq 0 ] || exit 1
echo "PASS kill_serve12"
