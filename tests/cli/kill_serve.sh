#!/bin/bash
# kill_serve.sh: `parley serve --max-cells` takes up to 2^40 = 1099511627776 cells (cmd_serve.c; a generated
# mutant lowered the bound to 2^39, issue 27).  2^40 + 1 is refused naming the range; 2^40 itself passes the check,
# seen without starting a server: the next option checked, --max-outcomes 0, is the one refused.
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
# (a server that wrongly starts is stopped by `timeout`, whose exit 124 fails the check)
expect_exit 2 "--max-cells 2^40 + 1" timeout 60 "$PARLEY" serve --db "$TMP/x.db" --listen 127.0.0.1:0 --open \
    --max-cells 1099511627777
expect_in "$TMP/err" "--max-cells expects a whole number from 2 to 1099511627776, got '1099511627777'" "2^40 + 1 refused"
expect_exit 2 "--max-cells 2^40" timeout 60 "$PARLEY" serve --db "$TMP/x.db" --listen 127.0.0.1:0 --open \
    --max-cells 1099511627776 --max-outcomes 0
expect_in "$TMP/err" "--max-outcomes expects a whole number from 1" "2^40 accepted (the next option is refused)"
grep -q -- "--max-cells" "$TMP/err" && fail "--max-cells 2^40 refused: $(cat "$TMP/err")"
[ "$fails" -eq 0 ] || exit 1
echo "PASS kill_serve"
