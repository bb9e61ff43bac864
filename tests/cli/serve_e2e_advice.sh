#!/usr/bin/env bash
# serve_e2e_advice.sh: the parties' advice and the improvement of a signed deal in the dashboard, end to end:
# `parley serve` on loopback, headless Debian chromium driven by playwright-core (tests/e2e/advice.mjs).
# Screenshots go to e2e-screenshots/advice in the directory the test runs in (build/tests).
# FAILS (never skips) when chromium cannot be installed.
set -u
PARLEY=$1
SRC=$2
E2E="$SRC/tests/e2e"
. "$SRC/tests/cli/lib/chromium.sh"
need_chromium "$SRC" serve_e2e_advice || exit 1

tmp=$(mktemp -d)
"$PARLEY" serve --db "$tmp/e2e.db" --listen 127.0.0.1:0 --port-file "$tmp/port" --web "$SRC/web" --analysis-seconds 300 >"$tmp/log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
for _ in $(seq 1 600); do [ -s "$tmp/port" ] && break; sleep 0.1; done # 60 s: only bounds a hang
[ -s "$tmp/port" ] || { echo "FAIL: the server did not start"; cat "$tmp/log"; exit 1; }
port=$(cat "$tmp/port")
if nm "$PARLEY" 2>/dev/null | grep -q __asan_init || nm -D "$PARLEY" 2>/dev/null | grep -q __asan_init; then
    export E2E_TIMEOUT_MS=120000 E2E_NODE_TIMEOUT=1500
fi
timeout "${E2E_NODE_TIMEOUT:-300}" node "$E2E/advice.mjs" "http://127.0.0.1:$port" "$(cat "$tmp/e2e.db.admin-token")" "$PWD/e2e-screenshots/advice"
rc=$?
[ $rc -eq 0 ] || { echo "FAIL: e2e exited with $rc"; cat "$tmp/log"; exit 1; }
echo "PASS serve_e2e_advice"
