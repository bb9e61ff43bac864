#!/bin/bash
# option_bounds.sh: command-line limits at their boundaries, the value on each side: the server's admin token
# file (16 to 90 characters), --max-values (at least 2), the tournament's --time (0 < t <= 86400: 0 and 86401 refused) and --uncertain (from 1), and
# --sessions 1 (the default, so allowed with any protocol) against 2 (shuttle only).
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"

# Starts `parley serve` with the given options and stops it once it listens: 0 when it started.
serves() {
    rm -f "$TMP/port"
    "$PARLEY" serve --db "$TMP/s.db" --listen 127.0.0.1:0 --port-file "$TMP/port" "$@" >"$TMP/serve.log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 1200); do # 60 s: only bounds a hang
        [ -s "$TMP/port" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    local started=1
    [ -s "$TMP/port" ] && started=0
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return $started
}

printf '%s\n' 0123456789abcde >"$TMP/t15"
printf '%s\n' 0123456789abcdef >"$TMP/t16"
printf '%090d\n' 7 >"$TMP/t90"
printf '%091d\n' 7 >"$TMP/t91"
# (a server that wrongly starts is stopped by `timeout`, whose exit 124 fails the check)
expect_exit 1 "an admin token of 15 characters" timeout 60 "$PARLEY" serve --db "$TMP/x.db" --listen 127.0.0.1:0 \
    --admin-token-file "$TMP/t15"
expect_in "$TMP/err" "16 to 90 characters" "the token's length is explained"
expect_exit 1 "an admin token of 91 characters" timeout 60 "$PARLEY" serve --db "$TMP/x.db" --listen 127.0.0.1:0 \
    --admin-token-file "$TMP/t91"
serves --admin-token-file "$TMP/t16" || fail "an admin token of 16 characters refused: $(cat "$TMP/serve.log")"
serves --admin-token-file "$TMP/t90" || fail "an admin token of 90 characters refused: $(cat "$TMP/serve.log")"

expect_exit 2 "--max-values 1" timeout 60 "$PARLEY" serve --db "$TMP/x.db" --listen 127.0.0.1:0 --open --max-values 1
serves --open --max-values 2 || fail "--max-values 2 refused: $(cat "$TMP/serve.log")"

CF="$SRC/examples/ceasefire-relaxed.json"
expect_exit 2 "tournament --time 0" "$PARLEY" tournament "$CF" --agents boulware,conceder --time 0
expect_in "$TMP/err" "--time expects seconds in (0, 86400]" "--time 0 is refused with the option's range"
expect_exit 2 "tournament --time 86401" "$PARLEY" tournament "$CF" --agents boulware,conceder --time 86401

expect_exit 2 "tournament --uncertain 0" "$PARLEY" tournament "$CF" --agents boulware,conceder --uncertain 0
expect_in "$TMP/err" "--uncertain expects a whole number from 1 to 1000000, got '0'" "--uncertain 0 names the range"
grep -q "cannot read" "$TMP/err" && fail "--uncertain 0: its value was then taken for a file"

expect_exit 0 "negotiate --sessions 1 (alternating)" "$PARLEY" negotiate "$CF" --agents boulware,conceder --sessions 1
expect_exit 2 "negotiate --sessions 2 (alternating)" "$PARLEY" negotiate "$CF" --agents boulware,conceder --sessions 2
expect_in "$TMP/err" "need --protocol shuttle" "--sessions 2 says it needs the shuttle"

[ "$fails" -eq 0 ] || exit 1
echo "PASS option_bounds"
