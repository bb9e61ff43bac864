# serve.sh: sourced by the browser tests that need a server: start_serve PARLEY WEB_DIR starts `parley serve` on
# an ephemeral loopback port with a fresh database in a temporary folder (removed, and the server stopped, on exit)
# and sets $tmp, $port, $base and $admin_token; E2E_TIMEOUT_MS is raised under AddressSanitizer (a slower server).
# Returns non-zero after printing "FAIL: ..." when the server does not start.
start_serve() {
    local parley=$1 web=$2
    tmp=$(mktemp -d)
    # a generous analysis budget: under the sanitizers, with other tests sharing the cores, an analysis can take
    # longer than the 5 s default (the budget itself is tested by test_server_guard)
    "$parley" serve --db "$tmp/e2e.db" --listen 127.0.0.1:0 --port-file "$tmp/port" --web "$web" --analysis-seconds 300 >"$tmp/log" 2>&1 &
    serve_pid=$!
    trap 'kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
    for _ in $(seq 1 600); do [ -s "$tmp/port" ] && break; sleep 0.1; done # 60 s: only bounds a hang
    [ -s "$tmp/port" ] || { echo "FAIL: the server did not start"; cat "$tmp/log"; return 1; }
    port=$(cat "$tmp/port")
    base="http://127.0.0.1:$port"
    admin_token=$(cat "$tmp/e2e.db.admin-token")
    if nm "$parley" 2>/dev/null | grep -q __asan_init || nm -D "$parley" 2>/dev/null | grep -q __asan_init; then
        export E2E_TIMEOUT_MS=60000
    fi
    return 0
}
