#!/usr/bin/env bash
# serve_token_mode.sh: `parley serve` warns on stderr when an existing admin token file can be read by others,
# and says nothing when it is private (mode 600).
set -u
PARLEY=$1
tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
run() { # $1 = mode of the token file; leaves the server's stderr in $tmp/err
    echo "0123456789abcdef0123456789abcdef" >"$tmp/token"
    chmod "$1" "$tmp/token"
    rm -f "$tmp/port"
    "$PARLEY" serve --db "$tmp/s.db" --listen 127.0.0.1:0 --port-file "$tmp/port" --admin-token-file "$tmp/token" \
        >/dev/null 2>"$tmp/err" &
    pid=$!
    for _ in $(seq 1 1200); do # 60 s: only bounds a hang (10 s was tight for the sanitizer tree under load)
        [ -s "$tmp/port" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    [ -s "$tmp/port" ] || fail "no port file within 60 s (mode $1): $(cat "$tmp/err")"
    kill -TERM "$pid"
    wait "$pid"
    pid=""
}
run 644
grep -q "warning: the admin token file $tmp/token can be read or written by others (mode 644)" "$tmp/err" \
    || fail "no warning for mode 644: $(cat "$tmp/err")"
run 600
grep -q "warning" "$tmp/err" && fail "a warning for mode 600: $(cat "$tmp/err")"
echo "serve_token_mode: ok"
