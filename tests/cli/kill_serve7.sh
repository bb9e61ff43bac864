#!/bin/bash
# kill_serve7.sh: every whole-number option of `parley serve` is checked at both ends of its range, at the exact
# bound (issue 27: seed-7 mutants moved --max-red-lines' and --running-per-negotiation's least value from 1 to 0
# and no test noticed; only --max-cells' upper bound was pinned, by kill_serve.sh).  For each option: the least
# value less one and the largest plus one are refused (exit 2) with the message naming the range; the least and
# the largest themselves pass the option's check, seen without starting a server: --analysis-seconds 0, checked
# after every whole-number option, is then the one refused.  The ranges are the ones cmd_serve.c documents in its
# usage and docs/api.md (written out here by hand, not read from the program).  Then the options of seconds and
# rates the same way.
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"

. "$SRC/tests/cli/lib/serve_ranges.sh"

serve() { # a server that wrongly starts is stopped by `timeout`, whose exit 124 fails the check
    timeout 60 "$PARLEY" serve --db "$TMP/x.db" --listen 127.0.0.1:0 --open "$@"
}

checked=0
while read -r option least largest; do
    for bad in $((least - 1)) $((largest + 1)); do
        expect_exit 2 "$option $bad" serve "$option" "$bad"
        expect_in "$TMP/err" "$option expects a whole number from $least to $largest, got '$bad'" "$option $bad refused"
    done
    for good in "$least" "$largest"; do
        expect_exit 2 "$option $good" serve "$option" "$good" --analysis-seconds 0
        expect_in "$TMP/err" "--analysis-seconds '0' is not in (0, 3600]" "$option $good accepted (the next check refuses)"
        grep -qF -- "$option" "$TMP/err" && fail "$option $good refused: $(head -c 300 "$TMP/err")"
    done
    checked=$((checked + 1))
done <<<"$SERVE_RANGES"
[ "$checked" -eq 21 ] || fail "$checked options checked, expected 21"

# The options of seconds and rates (cmd_serve.c: (0, 3600] and [0.001, 1000000]), checked in this order after the
# whole numbers: each one's bounds, a value just past them refused, the bounds themselves accepted (the option
# checked next, given a bad value, is then the one refused).
# option bad-values good-values next-option-and-value next-message
NOWEB="$TMP/no-web"
FRACTIONS="--analysis-seconds|0 -1 3600.001|3600 0.001|--agent-seconds 0|--agent-seconds '0' is not in (0, 3600]
--agent-seconds|0 3600.001|3600 0.001|--write-rate 0|--write-rate '0' is not in [0.001, 1000000]
--write-rate|0.0009 1000000.5|0.001 1000000|--profile-rate 0|--profile-rate '0' is not in [0.001, 1000000]
--profile-rate|0.0009 1000000.5|0.001 1000000|--web $NOWEB|--web '$NOWEB' has no index.html"
while IFS='|' read -r option bads goods next message; do
    for bad in $bads; do
        expect_exit 2 "$option $bad" serve "$option" "$bad"
        expect_in "$TMP/err" "$option '$bad' is not in" "$option $bad refused"
    done
    for good in $goods; do
        # shellcheck disable=SC2086  # $next is an option and its value
        expect_exit 2 "$option $good" serve "$option" "$good" $next
        expect_in "$TMP/err" "$message" "$option $good accepted (the next check refuses)"
    done
done <<<"$FRACTIONS"
[ "$fails" -eq 0 ] || exit 1
echo "PASS kill_serve7"
