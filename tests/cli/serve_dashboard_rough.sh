#!/usr/bin/env bash
# serve_dashboard_rough.sh: `parley serve` on loopback and tests/e2e/dashboard_rough.mjs in headless chromium:
# a malformed scenario reported with line and column, "Table text" off until a session is open, no API path
# in messages, welfare among the rules.  FAILS (never skips) when chromium cannot be installed.
set -u
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/chromium.sh"
need_chromium "$SRC" serve_dashboard_rough || exit 1
tmp=$(mktemp -d)
"$PARLEY" serve --db "$tmp/e2e.db" --listen 127.0.0.1:0 --port-file "$tmp/port" --web "$SRC/web" >"$tmp/log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
for _ in $(seq 1 600); do [ -s "$tmp/port" ] && break; sleep 0.1; done # 60 s: only bounds a hang
[ -s "$tmp/port" ] || { echo "FAIL: the server did not start"; cat "$tmp/log"; exit 1; }
if nm "$PARLEY" 2>/dev/null | grep -q __asan_init; then export E2E_TIMEOUT_MS=120000 E2E_NODE_TIMEOUT=1500; fi
timeout "${E2E_NODE_TIMEOUT:-240}" node "$SRC/tests/e2e/dashboard_rough.mjs" "http://127.0.0.1:$(cat "$tmp/port")" "$(cat "$tmp/e2e.db.admin-token")"
rc=$?
[ $rc -eq 0 ] || { echo "FAIL: dashboard_rough.mjs exited with $rc"; tail -20 "$tmp/log"; exit 1; }
echo "PASS serve_dashboard_rough"
