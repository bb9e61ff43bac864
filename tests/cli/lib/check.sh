# check.sh: helpers the CLI test scripts source (not a test itself: tests/cli/lib is not globbed).
# Sets TMP (removed on exit) and `fails`; fail, expect_exit and expect_in record failures; the script ends
# with `[ "$fails" -eq 0 ] || exit 1`.
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

expect_exit() { # expected_code description command...
    local want=$1 what=$2; shift 2
    "$@" >"$TMP/out" 2>"$TMP/err"
    local got=$?
    [ "$got" -eq "$want" ] || fail "$what: exit $got, expected $want ($(head -c 300 "$TMP/err"))"
}
expect_in() { # file text description
    grep -qF -- "$2" "$1" || fail "$3: '$2' not in $(head -c 600 "$1")"
}
stderr_is() { # description expected-stderr: the last command's stderr, exactly
    printf '%s\n' "$2" | cmp -s - "$TMP/err" || fail "$1: stderr is '$(cat "$TMP/err")', expected '$2'"
}
