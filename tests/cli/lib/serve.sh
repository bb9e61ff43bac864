# serve.sh: sourced by the browser tests that need a server (browser_talks, at the end, is the whole of
# serve_e2e.sh and party_e2e.sh): start_serve PARLEY WEB_DIR starts `parley serve` on
# an ephemeral loopback port with a fresh database in a temporary folder (removed, and the server stopped, on exit)
# and sets $tmp, $port, $base, $admin_token and $variant; E2E_TIMEOUT_MS (a step's bound) and E2E_NODE_TIMEOUT
# (the browser script's) are raised under AddressSanitizer (a slower server).  With PARLEY_TEST_PG_URL_FILE set (the
# *_pg variants, ctest fixture pg_cluster) the database is a fresh schema of that PostgreSQL cluster instead, and
# $variant is "-pg" (for the screenshots' folder).
# Returns non-zero after printing "FAIL: ..." when the server does not start.
start_serve() {
    local parley=$1 web=$2
    tmp=$(mktemp -d)
    test_db "$tmp/e2e.db" || return 1
    # a generous analysis budget: under the sanitizers, with other tests sharing the cores, an analysis can take
    # longer than the 5 s default (the budget itself is tested by test_server_guard)
    "$parley" serve --db "$db" --admin-token-file "$tmp/e2e.db.admin-token" --listen 127.0.0.1:0 \
        --port-file "$tmp/port" --web "$web" --analysis-seconds 300 >"$tmp/log" 2>&1 &
    serve_pid=$!
    trap 'kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
    for _ in $(seq 1 600); do [ -s "$tmp/port" ] && break; sleep 0.1; done # 60 s: only bounds a hang
    [ -s "$tmp/port" ] || { echo "FAIL: the server did not start"; cat "$tmp/log"; return 1; }
    port=$(cat "$tmp/port")
    base="http://127.0.0.1:$port"
    admin_token=$(cat "$tmp/e2e.db.admin-token")
    if nm "$parley" 2>/dev/null | grep -q __asan_init || nm -D "$parley" 2>/dev/null | grep -q __asan_init; then
        export E2E_TIMEOUT_MS=120000 E2E_NODE_TIMEOUT=1500
    fi
    return 0
}

# test_db FILE: sets $db, the --db of a test server: FILE, or with PARLEY_TEST_PG_URL_FILE set a fresh schema of
# that PostgreSQL cluster; and $variant, "" or "-pg".  Non-zero after printing "FAIL: ..." without a schema.
test_db() {
    db=$1
    variant=""
    [ -n "${PARLEY_TEST_PG_URL_FILE:-}" ] || return 0
    local url schema="t_$$_$RANDOM"
    url=$(cat "$PARLEY_TEST_PG_URL_FILE") && psql -q "$url" -c "CREATE SCHEMA $schema" >/dev/null ||
        { echo "FAIL: no schema in the PostgreSQL cluster of $PARLEY_TEST_PG_URL_FILE"; return 1; }
    db="$url&options=-csearch_path%3D$schema"
    variant="-pg"
}

# browser_talks PARLEY SRC NAME SCRIPT SHOTS WHAT: the browser test NAME that drives tests/e2e/SCRIPT (node, at most
# E2E_NODE_TIMEOUT s, 480 by default) against a fresh server (start_serve) with the arguments URL ADMIN_TOKEN and
# its screenshots' folder, $PWD/SHOTS$variant.  Needs chromium.sh sourced too.  Prints "PASS NAME" and returns 0, or
# prints "FAIL: WHAT exited with CODE" and the server's log and returns 1.
browser_talks() {
    local parley=$1 src=$2 name=$3 script=$4 shots=$5 what=$6 rc
    need_chromium "$src" "$name" || return 1
    start_serve "$parley" "$src/web" || return 1
    timeout "${E2E_NODE_TIMEOUT:-480}" node "$src/tests/e2e/$script" "$base" "$admin_token" "$PWD/$shots$variant"
    rc=$?
    [ $rc -eq 0 ] || { echo "FAIL: $what exited with $rc"; cat "$tmp/log"; return 1; }
    echo "PASS $name"
}
