#!/bin/bash
# kill_cli.sh: the output-path check every --trace/--plot/--dot/--svg/--stats-* option makes before any work
# (cli_common.c), pinned where a generated mutant survived (issue 27: `stat(path) == 0` read as `== 1` refused
# every existing file, "cannot write there: Success").  An existing file is overwritten; an existing folder, or a
# file in a folder that does not exist, is refused with exit 2 and the reason, before the negotiation runs.
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
SCENARIO="$SRC/examples/textbook-buyer-seller.json"
echo "an older trace" >"$TMP/old.jsonl"
expect_exit 0 "trace over an existing file" "$PARLEY" negotiate "$SCENARIO" --agents boulware,conceder \
    --trace "$TMP/old.jsonl"
expect_in "$TMP/old.jsonl" '{"event":"session_start"' "the existing file holds the new trace"
grep -q "an older trace" "$TMP/old.jsonl" && fail "the existing file was not overwritten"
mkdir "$TMP/folder"
expect_exit 2 "trace into a folder" "$PARLEY" negotiate "$SCENARIO" --agents boulware,conceder --trace "$TMP/folder"
expect_in "$TMP/err" "--trace: cannot write there: Is a directory" "a folder is refused"
expect_exit 2 "trace in a missing folder" "$PARLEY" negotiate "$SCENARIO" --agents boulware,conceder \
    --trace "$TMP/missing/t.jsonl"
expect_in "$TMP/err" "--trace: cannot write there: No such file or directory" "a missing folder is refused"
[ "$fails" -eq 0 ] || exit 1
echo "PASS kill_cli"
