#!/usr/bin/env bash
# serve_cli.sh: `parley serve` as a command: --help, usage errors (exit 2), an unusable database (exit 1; also
# PostgreSQL without libpq, or without a server), a clean stop on SIGTERM (exit 0) with the data kept for the next
# start.
set -u
PARLEY=$1
SRC=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
expect() { # $1 = exit code, rest = arguments
    local want=$1; shift
    "$PARLEY" serve "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    local got=$?
    [ "$got" -eq "$want" ] || fail "parley serve $* exited $got (expected $want): $(cat "$tmp/err")"
}
expect 0 --help
grep -q -- "--listen" "$tmp/out" || fail "--help does not document --listen"
expect 2 --listen nowhere
grep -q "ADDRESS:PORT" "$tmp/err" || fail "bad --listen message: $(cat "$tmp/err")"
expect 2 --listen 127.0.0.1:99999
expect 2 --sync sometimes
expect 2 --max-body 12
expect 2 --web /nonexistent
expect 2 --bogus
expect 2 --db
expect 1 --db /nonexistent-dir/x.db --listen 127.0.0.1:0
# libpq is loaded when a PostgreSQL database is opened (src/server/pg_lib.h): without it the start fails saying so
PARLEY_LIBPQ=/nonexistent/libpq.so.5 expect 1 --db "postgresql:///x?host=$tmp" --listen 127.0.0.1:0
grep -q "libpq5" "$tmp/err" && grep -q "/nonexistent/libpq.so.5" "$tmp/err" || fail "no libpq, unclear message: $(cat "$tmp/err")"
# with it, a PostgreSQL server that is not there is named as such (libpq itself answered)
expect 1 --db "postgresql:///x?host=$tmp" --listen 127.0.0.1:0
grep -q "cannot connect to the PostgreSQL database" "$tmp/err" || fail "no PostgreSQL server: $(cat "$tmp/err")"

"$PARLEY" serve --db "$tmp/s.db" --listen 127.0.0.1:0 --port-file "$tmp/port" --web "$SRC/web" >"$tmp/out" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do [ -s "$tmp/port" ] && break; sleep 0.05; done # 60 s: only bounds a hang
[ -s "$tmp/port" ] || fail "no port file"
grep -q "listening on http://127.0.0.1:$(cat "$tmp/port")/" "$tmp/out" || fail "no listening line: $(cat "$tmp/out")"
kill -TERM $pid
wait $pid
[ $? -eq 0 ] || fail "SIGTERM did not stop the server cleanly"
[ -s "$tmp/s.db" ] || fail "no database file"

# --json: one JSON line announcing the server, its port the same as in the port file
"$PARLEY" serve --db "$tmp/j.db" --listen 127.0.0.1:0 --port-file "$tmp/jport" --web "$SRC/web" --json >"$tmp/jout" 2>/dev/null &
pid=$!
for _ in $(seq 1 1200); do [ -s "$tmp/jport" ] && break; sleep 0.05; done # 60 s: only bounds a hang
[ -s "$tmp/jport" ] || fail "no port file within 60 s (--json)"
kill -TERM $pid
wait $pid
python3 - "$tmp/jout" "$(cat "$tmp/jport")" <<'PY' || fail "--json line"
import json, sys
d = json.loads(open(sys.argv[1]).readline())
assert d["port"] == int(sys.argv[2]) and d["url"] == "http://127.0.0.1:%s/" % sys.argv[2], d
assert d["sync"] == "full" and d["schema"] >= 1 and d["database"].endswith("j.db"), d
PY
echo "PASS serve_cli"
