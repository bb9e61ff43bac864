#!/usr/bin/env bash
# seat_answer.sh: `parley seat-answer`, the internal program that parley serve executes for one answer of a
# seated built-in, BOA or plug-in agent (docs/api.md, "Agents at the table"): not in `parley --help`; the request
# of include/parley/live.h on stdin, {"ok": answer} or {"error": message} on stdout (exit 0); bad usage exits 2.
# Boulware on a clock of 3 texts asks for its best price at the first text and accepts at its deadline.
set -u
PARLEY=$1
SRC=$2
source "$SRC/tests/cli/lib/check.sh"
trap 'rm -rf "$TMP"' EXIT

"$PARLEY" --help >"$TMP/help"
grep -q seat-answer "$TMP/help" && fail "parley --help lists the internal seat-answer"
expect_exit 2 "an unknown option" "$PARLEY" seat-answer --bogus
expect_exit 2 "--draft with --plugin" "$PARLEY" seat-answer --draft --plugin x.so

request() { # rounds price
    printf '{"scenario": {"issues": [{"name": "price", "type": "integer", "min": 0, "max": 2}], "parties": [
 {"name": "Buyer", "reservation": 0.25, "preferences": {"price": {"weight": 1, "function": {"type": "linear", "at_min": 1, "at_max": 0}}}},
 {"name": "Seller", "preferences": {"price": {"weight": 1, "function": {"type": "linear", "at_min": 1, "at_max": 0}}}},
 {"name": "Broker", "role": "mediator"}]}, "party": "Buyer", "agent": "boulware", "seed": 1, "rounds": %d,
 "texts": [{"outcome": {"price": %d}}]}' "$1" "$2"
}
answer() { # description expected-exit expected-text args... (stdin: the request)
    local what=$1 code=$2 want=$3
    shift 3
    "$PARLEY" seat-answer "$@" >"$TMP/out" 2>"$TMP/err"
    local got=$?
    [ "$got" -eq "$code" ] || fail "$what: exit $got, expected $code ($(cat "$TMP/err"))"
    grep -qF -- "$want" "$TMP/out" || fail "$what: '$want' not in $(cat "$TMP/out")"
}
request 3 2 | answer "first text" 0 '{"ok":{"answer":"amend","amendments":[{"issue":"price","value":0,'
request 1 0 | answer "at the deadline" 0 '{"ok":{"answer":"accept","amendments":[]}}'
echo '{bad' | answer "a request that is not JSON" 0 '{"error":"the request is not a JSON object'
request 3 2 | answer "a plug-in that is not there" 0 '{"error":"cannot load the agent plug-in' --plugin "$TMP/none.so"
[ "$fails" -eq 0 ] || exit 1
echo "PASS seat_answer"
