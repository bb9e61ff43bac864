#!/usr/bin/env bash
# serve_guard.sh: `parley serve`'s defences as a command: the admin token file (created 0600 with a fresh token,
# then reused; creation refused without it), --open, a database that cannot be written (exit 1 at start, with
# the reason), SIGTERM while a long analysis runs (the server stops within 2 s, exit 0, the acknowledged write
# kept), and usage errors of the new options.
set -u
PARLEY=$1
SRC=$2
source "$SRC/tests/cli/lib/check.sh"
command -v curl >/dev/null || { echo "FAIL: curl is missing"; exit 1; }
finish() { [ "$fails" -eq 0 ] || exit 1; echo "PASS serve_guard"; exit 0; }
server=""
stop_server() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; server=""; }
trap 'stop_server; rm -rf "$TMP"' EXIT

start() { # db, extra options...: starts the server in the background, sets $url
    local db=$1; shift
    rm -f "$TMP/port"
    "$PARLEY" serve --db "$db" --listen 127.0.0.1:0 --port-file "$TMP/port" "$@" >"$TMP/log" 2>&1 &
    server=$!
    for _ in $(seq 1 1200); do [ -s "$TMP/port" ] && break; sleep 0.05; done # 60 s: only bounds a hang
    [ -s "$TMP/port" ] || { fail "the server did not start: $(cat "$TMP/log")"; return 1; }
    url="http://127.0.0.1:$(cat "$TMP/port")/api"
}
post() { # path token body: prints the HTTP status, the body in $TMP/reply
    curl -s -o "$TMP/reply" -w '%{http_code}' -XPOST "$url/$1" -H "Content-Type: application/json" \
         ${2:+-H "Authorization: Bearer $2"} -d "$3"
}

# Usage errors of the new options.
expect_exit 2 "--open with --admin-token-file" "$PARLEY" serve --open --admin-token-file "$TMP/t"
expect_exit 2 "--analysis-seconds 0" "$PARLEY" serve --analysis-seconds 0
expect_exit 2 "--max-streams x" "$PARLEY" serve --max-streams x
expect_exit 2 "--request-seconds 0" "$PARLEY" serve --request-seconds 0
"$PARLEY" serve --help >"$TMP/help"
for o in --admin-token-file --open --allow-origin --max-connections --max-per-address --request-seconds \
         --max-streams --analysis-seconds --max-values --max-parties --max-cells --max-outcomes; do
    expect_in "$TMP/help" "$o" "--help documents $o"
done

# The admin token file: created with mode 0600 and a fresh token, named at start.
scenario='{"scenario":{"issues":[{"name":"x","type":"integer","min":0,"max":3}],"parties":[
 {"name":"A","preferences":{"x":{"weight":1,"function":{"type":"linear","at_min":0,"at_max":1}}}},
 {"name":"B","preferences":{"x":{"weight":1,"function":{"type":"linear","at_min":1,"at_max":0}}}}]}}'
start "$TMP/a.db" --admin-token-file "$TMP/admin" || finish
expect_in "$TMP/log" "the admin token for creating negotiations is in $TMP/admin (new)" "start names the token file"
[ "$(stat -c %a "$TMP/admin")" = 600 ] || fail "the admin token file has mode $(stat -c %a "$TMP/admin"), not 600"
admin=$(cat "$TMP/admin")
[ ${#admin} -eq 64 ] || fail "the admin token is '${admin}'"
code=$(post negotiations "" "$scenario")
[ "$code" = 401 ] || fail "anonymous creation answered $code, not 401"
code=$(post negotiations "$admin" "$scenario")
[ "$code" = 201 ] || fail "creation with the admin token answered $code: $(cat "$TMP/reply")"
stop_server
# ...and reused at the next start.
start "$TMP/a.db" --admin-token-file "$TMP/admin" || finish
[ "$(cat "$TMP/admin")" = "$admin" ] || fail "the admin token changed at restart"
code=$(post negotiations "$admin" "$scenario")
[ "$code" = 201 ] || fail "creation after restart answered $code"
stop_server
# A token file that is not one token on one line is refused.
printf 'short\n' >"$TMP/bad-admin"
expect_exit 1 "a malformed admin token file" "$PARLEY" serve --db "$TMP/b.db" --admin-token-file "$TMP/bad-admin"
expect_in "$TMP/err" "admin token" "the malformed token file is named"

# --open says so, and lets anyone create.
start "$TMP/o.db" --open || finish
expect_in "$TMP/log" "ANYONE" "--open warns at start"
code=$(post negotiations "" "$scenario")
[ "$code" = 201 ] || fail "--open refused anonymous creation ($code)"
stop_server

# A database that cannot be written: exit 1 at start with the reason (a file size limit of 0 stops every write
# even for root; without root, a read-only file too).
# (The limit applies to the server's own stderr file too, hence the pipe to a cat outside it.)
bash -c "ulimit -f 0; exec '$PARLEY' serve --db '$TMP/a.db' --open --listen 127.0.0.1:0" 2>&1 </dev/null | cat >"$TMP/err"
rc_grow=${PIPESTATUS[0]}
[ "$rc_grow" -eq 1 ] || fail "a database that cannot grow: exit $rc_grow, expected 1"
expect_in "$TMP/err" "/a.db" "the database is named"
expect_in "$TMP/err" "I/O error" "the reason is given"
# A read-only file: mode 0444, or for root (whom modes do not stop) the immutable attribute.
cp "$TMP/a.db" "$TMP/ro.db"
if [ "$(id -u)" -ne 0 ]; then
    chmod 0444 "$TMP/ro.db"
else
    chattr +i "$TMP/ro.db" || fail "cannot make a read-only database file as root (chattr +i)"
    trap 'chattr -i "$TMP/ro.db" 2>/dev/null; stop_server; rm -rf "$TMP"' EXIT
fi
expect_exit 1 "a read-only database" timeout 300 "$PARLEY" serve --db "$TMP/ro.db" --open --listen 127.0.0.1:0
expect_in "$TMP/err" "ro.db: the database cannot be written: it is read-only" "the read-only database is named"
[ "$(id -u)" -eq 0 ] && chattr -i "$TMP/ro.db"

# SIGTERM while an analysis of 10^12 outcomes runs (budget 60 s): stopped within 2 s, the write before kept.
big=$(python3 -c '
import json
issues = [{"name": "i%d" % k, "type": "integer", "min": 0, "max": 99} for k in range(6)]
lin = lambda a, b: {i["name"]: {"weight": 1 / 6, "function": {"type": "linear", "at_min": a, "at_max": b}} for i in issues}
print(json.dumps({"scenario": {"issues": issues, "parties": [{"name": "A", "preferences": lin(0, 1)},
      {"name": "B", "preferences": lin(1, 0)}]}}))')
start "$TMP/s.db" --open --analysis-seconds 60 --max-outcomes 10000000000000 || finish
code=$(post negotiations "" "$big")
[ "$code" = 201 ] || fail "the large negotiation was not created ($code)"
med=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["participant"]["token"])' "$TMP/reply")
code=$(post negotiations/1/messages "$med" '{"body":"acknowledged before the stop"}')
[ "$code" = 201 ] || fail "the message was not acknowledged ($code)"
curl -s -o "$TMP/analysis" -w '%{http_code}' "$url/negotiations/1/analysis" -H "Authorization: Bearer $med" \
     >"$TMP/analysis-code" &
client=$!
# The analysis runs in a child process of the server: wait until it has started (60 s only bounds a hang).
for _ in $(seq 1 600); do [ -n "$(ps -o pid= --ppid "$server")" ] && break; sleep 0.1; done
start_ns=$(date +%s%N)
kill -TERM "$server"
wait "$server"
rc=$?
ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
server=""
wait "$client"
echo "serve_guard: stopped ${ms} ms after SIGTERM during the analysis (exit $rc), client got $(cat "$TMP/analysis-code")"
[ "$rc" -eq 0 ] || fail "the server exited $rc after SIGTERM"
[ "$ms" -lt 30000 ] || fail "the server took ${ms} ms to stop (it waited for the 60 s analysis budget)"
[ "$(cat "$TMP/analysis-code")" = 503 ] || fail "the analysis's client got $(cat "$TMP/analysis-code"), not 503"
start "$TMP/s.db" --open || finish
curl -s "$url/negotiations/1/timeline" -H "Authorization: Bearer $med" >"$TMP/timeline"
expect_in "$TMP/timeline" "acknowledged before the stop" "the acknowledged message survived the stop"
stop_server
finish
