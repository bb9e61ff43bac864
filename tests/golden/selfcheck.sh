#!/bin/bash
# selfcheck.sh: golden.py can fail.  A recorded output that differs by one byte, a case not recorded and a bad
# .cases file must each be reported; the recorded output itself must match.
PYTHON=$1 GOLDEN=$2 PARLEY=$3 SRC=$4
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
mkdir "$TMP/expected"
printf '[case hello]\necho "hello from $(basename "$PARLEY")"; echo written > out.txt; exit 3\n' > "$TMP/self.cases"
"$PYTHON" "$GOLDEN" "$PARLEY" "$SRC" "$TMP/self.cases" --update >/dev/null || fail "--update failed"
want='== case hello
-- exit 3
-- stdout
hello from parley
-- stderr
-- file out.txt
written'
[ "$(cat "$TMP/expected/self.golden")" = "$want" ] || fail "recorded: $(cat "$TMP/expected/self.golden")"
"$PYTHON" "$GOLDEN" "$PARLEY" "$SRC" "$TMP/self.cases" >"$TMP/out" || fail "the recorded output does not match itself: $(cat "$TMP/out")"
sed -i 's/written/writtem/' "$TMP/expected/self.golden"
"$PYTHON" "$GOLDEN" "$PARLEY" "$SRC" "$TMP/self.cases" >"$TMP/out"
[ $? -eq 1 ] && grep -q '^FAIL hello' "$TMP/out" && grep -q '^+written' "$TMP/out" || fail "a changed byte passed: $(cat "$TMP/out")"
printf '[case other]\ntrue\n' >> "$TMP/self.cases"
"$PYTHON" "$GOLDEN" "$PARLEY" "$SRC" "$TMP/self.cases" --only other >"$TMP/out"
[ $? -eq 1 ] && grep -q 'FAIL other: not recorded' "$TMP/out" || fail "a case not recorded passed: $(cat "$TMP/out")"
printf 'echo before any case\n' > "$TMP/bad.cases"
"$PYTHON" "$GOLDEN" "$PARLEY" "$SRC" "$TMP/bad.cases" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q "bad.cases:1: expected '\[case NAME\]'" "$TMP/err" || fail "a bad .cases file: $(cat "$TMP/err")"
[ "$fails" -eq 0 ] && echo "ok: golden.py fails on a changed byte, a missing case and a bad file"
[ "$fails" -eq 0 ]
