#!/usr/bin/env bash
# budgets_two_processes.sh PARLEY URL_FILE: a per-negotiation budget holds across two `parley serve` processes
# on one PostgreSQL database (the cluster of the ctest fixture pg_cluster, a schema of its own).  With
# --streams-per-negotiation 3, two live streams open on A and one on B; a fourth is refused on either process
# with the status and message one process gives (429, "already has 3 live streams open"), though neither has
# 3 of its own.  Process A is then killed -9: its two slots come back (at once: the database drops the claims of
# a closed connection; bounded here at 30 s), two streams open on B, and the next is refused again.
set -u
PARLEY=$1
URL_FILE=$2
tmp=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; tail -5 "$tmp"/log.* 2>/dev/null; exit 1; }
command -v curl >/dev/null || fail "curl is missing"
base=$(cat "$URL_FILE") || fail "no cluster URL in $URL_FILE"
schema="budgets_$$"
psql -q "$base" -c "CREATE SCHEMA $schema" >/dev/null || fail "cannot create the schema"
db="$base&options=-csearch_path%3D$schema"

declare -A pid_of
start_server() { # $1: name
    "$PARLEY" serve --db "$db" --open --listen 127.0.0.1:0 --port-file "$tmp/port.$1" --streams-per-negotiation 3 \
        --max-streams 10 >"$tmp/log.$1" 2>&1 &
    pids+=($!)
    pid_of[$1]=$!
    for _ in $(seq 1 1200); do [ -s "$tmp/port.$1" ] && return 0; sleep 0.05; done # 60 s: bounds a hang
    fail "server $1 did not start"
}
start_server A
start_server B
A="http://127.0.0.1:$(cat "$tmp/port.A")/api"
B="http://127.0.0.1:$(cat "$tmp/port.B")/api"
scenario='{"scenario":{"issues":[{"name":"x","type":"integer","min":0,"max":3}],"parties":[
 {"name":"A","preferences":{"x":{"weight":1,"function":{"type":"linear","at_min":0,"at_max":1}}}},
 {"name":"B","preferences":{"x":{"weight":1,"function":{"type":"linear","at_min":1,"at_max":0}}}}]}}'
med=$(curl -s -XPOST "$A/negotiations" -H "Content-Type: application/json" -d "$scenario" |
      grep -o '"token":"[0-9a-f]*"' | cut -d'"' -f4)
[ ${#med} -eq 64 ] || fail "could not create a negotiation through A"
auth=(-H "Authorization: Bearer $med")

n=0
try_stream() { # $1: server name; 0 when the stream is admitted (its first event arrives; 60 s bounds a hang)
    n=$((n + 1))
    local url=$A
    [ "$1" = B ] && url=$B
    curl -sN "$url/negotiations/1/events" "${auth[@]}" >"$tmp/stream.$n" 2>/dev/null &
    local curl=$!
    pids+=($curl)
    for _ in $(seq 1 600); do
        grep -q negotiation.created "$tmp/stream.$n" && return 0
        kill -0 "$curl" 2>/dev/null || return 1 # refused: the reply ended
        sleep 0.1
    done
    return 1
}
open_stream() { try_stream "$1" || fail "stream $n on $1 was not admitted: $(head -c 300 "$tmp/stream.$n")"; }
refused() { # $1: server name; the next stream must be refused as one process refuses it
    local url=$A
    [ "$1" = B ] && url=$B
    local code
    code=$(curl -s -o "$tmp/refused" -w '%{http_code}' --max-time 60 "$url/negotiations/1/events" "${auth[@]}")
    [ "$code" = 429 ] || fail "a fourth stream on $1: $code, expected 429 ($(head -c 300 "$tmp/refused"))"
    grep -q "this negotiation already has 3 live streams open (the server's limit per negotiation" "$tmp/refused" ||
        fail "a fourth stream on $1: $(cat "$tmp/refused")"
}
open_stream A
open_stream A
open_stream B
refused B
refused A

kill -9 "${pid_of[A]}"
wait "${pid_of[A]}" 2>/dev/null
start=$(date +%s)
until try_stream B; do # 30 s: bounds the wait (the claims of a killed process are freed at once)
    [ $(( $(date +%s) - start )) -lt 30 ] || fail "A's slots did not come back within 30 s: $(cat "$tmp/stream.$n")"
    sleep 0.2
done
echo "a slot of the killed process came back after $(( $(date +%s) - start )) s"
open_stream B
refused B
for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
pids=()
grep -l "Sanitizer" "$tmp"/log.* >/dev/null 2>&1 && fail "a sanitizer reported: $(grep -h -m3 Sanitizer "$tmp"/log.*)"
echo "PASS budgets_two_processes"
