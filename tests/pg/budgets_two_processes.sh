#!/usr/bin/env bash
# budgets_two_processes.sh PARLEY URL_FILE: per-negotiation budgets hold across two `parley serve` processes on
# one PostgreSQL database (the cluster of the ctest fixture pg_cluster, a schema of its own).
# 1. Analyses (--analyses-per-negotiation 2): one long analysis (10^12 outcomes) runs on A and one on B (their two
#    slots seen taken in pg_locks); a third is refused on either process with the status and message one process
#    gives (429, "2 analyses of this negotiation are running or waiting"), though neither has 2 of its own.  B is
#    killed -9: its slot comes back (bounded here at 30 s) and a third analysis is admitted on A.
# 2. Streams (--streams-per-negotiation 3, B started again): two live streams open on A and one on B; a fourth is
#    refused on either (429, "already has 3 live streams open").  A is killed -9: its two slots come back (at
#    once: the database drops the claims of a closed connection; bounded at 30 s), two streams open on B, and
#    the next is refused again.
set -u
PARLEY=$1
URL_FILE=$2
. "$(dirname "$0")/lib.sh"
schema="budgets_$$"
pg_schema "$schema"

budget_options=(--streams-per-negotiation 3 --max-streams 10 --analyses-per-negotiation 2 --analyses-per-token 10
                --analysis-seconds 600 --max-outcomes 10000000000000)
pg_serve A "${budget_options[@]}"
pg_serve B "${budget_options[@]}"
pg_negotiation "$A"

# 1. Analyses, in negotiation 2: six issues of 100 values.
huge=$(python3 -c '
import json
issues = [{"name": "i%d" % i, "type": "integer", "min": 0, "max": 99} for i in range(6)]
pref = lambda lo, hi: {i["name"]: {"weight": 1 / 6, "function": {"type": "linear", "at_min": lo, "at_max": hi}}
                       for i in issues}
print(json.dumps({"scenario": {"issues": issues, "parties": [{"name": "A", "preferences": pref(0, 1)},
                                                             {"name": "B", "preferences": pref(1, 0)}]}}))')
med2=$(curl -s -XPOST "$A/negotiations" -H "Content-Type: application/json" -d "$huge" |
       grep -o '"token":"[0-9a-f]*"' | cut -d'"' -f4)
[ ${#med2} -eq 64 ] || fail "could not create the second negotiation"
slots() { # the advisory locks held by the claims connections of this test's processes
    psql -At "$base" -c "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                         WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE '${schema}_%'"
}
analysis() { # $1: server URL, $2: output file; runs in the background until the test ends it
    curl -s -o "$2" -w '%{http_code}' "$1/negotiations/2/analysis" -H "Authorization: Bearer $med2" >"$2.code" &
    pids+=($!)
}
wait_slots() { # $1: the count; 60 s bounds a hang
    local end=$((SECONDS + 60))
    while [ $SECONDS -lt $end ]; do [ "$(slots)" = "$1" ] && return 0; sleep 0.1; done
    fail "expected $1 slots taken, saw $(slots)"
}
analysis_refused() { # $1: server URL, $2: its name
    local code
    code=$(curl -s -o "$tmp/refused" -w '%{http_code}' --max-time 60 "$1/negotiations/2/analysis" \
           -H "Authorization: Bearer $med2")
    [ "$code" = 429 ] || fail "a third analysis on $2: $code, expected 429 ($(head -c 300 "$tmp/refused"))"
    grep -q "2 analyses of this negotiation are running or waiting (the server's limit per negotiation" \
        "$tmp/refused" || fail "a third analysis on $2: $(cat "$tmp/refused")"
}
analysis "$A" "$tmp/analysis.1"
wait_slots 1
analysis "$B" "$tmp/analysis.2"
wait_slots 2
analysis_refused "$A" A
analysis_refused "$B" B
kill -9 "${pid_of[B]}"
wait "${pid_of[B]}" 2>/dev/null
wait_slots 1 # B's slot is free: 60 s bounds the wait (the claims of a killed process are freed at once)
analysis "$A" "$tmp/analysis.3"
wait_slots 2
[ -s "$tmp/analysis.3.code" ] && fail "the analysis after the kill was refused: $(cat "$tmp/analysis.3")"
analysis_refused "$A" A
pg_serve B "${budget_options[@]}"

# 2. Streams, in negotiation 1.
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
