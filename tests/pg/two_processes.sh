#!/usr/bin/env bash
# two_processes.sh PARLEY URL_FILE: two `parley serve` processes on one PostgreSQL database (the cluster of the
# ctest fixture pg_cluster, a schema of its own).  A live stream opened on process B receives, in order and
# with no gap or repeat, the events written through process A only (B hears of them by LISTEN/NOTIFY: without
# it the stream would wait forever, since B's own writes are the only other wake-up); the stream then
# reconnects to A with Last-Event-ID while both processes write at once, and the two streams together carry
# exactly the negotiation's timeline, once each, in sequence order.
set -u
PARLEY=$1
URL_FILE=$2
. "$(dirname "$0")/lib.sh"
schema="two_$$"
pg_schema "$schema"

pg_serve A --write-burst 1000000
pg_serve B --write-burst 1000000
json=(-H "Content-Type: application/json")
pg_negotiation "$A"
post() { # $1: server URL, $2: body text
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' -XPOST "$1/negotiations/1/messages" "${json[@]}" "${auth[@]}" \
           -d "{\"body\":\"$2\"}")
    [ "$code" = 201 ] || echo "post $2 -> $code" >>"$tmp/errors"
}
wait_for() { # $1: stream file, $2: text; 120 s bounds a hang (delivery takes milliseconds)
    for _ in $(seq 1 1200); do grep -q "$2" "$1" && return 0; sleep 0.1; done
    fail "the stream $1 never received $2"
}
ids() { grep -o '^id: [0-9]*' "$1" | cut -d' ' -f2; }

# 1. A stream on B; 20 writes through A only, four at a time.
curl -sN "$B/negotiations/1/events" "${auth[@]}" >"$tmp/stream1" 2>/dev/null &
stream1=$!
pids+=($stream1)
wait_for "$tmp/stream1" negotiation.created
posts=()
wait_posts() { for p in "${posts[@]}"; do wait "$p"; done; posts=(); }
for i in $(seq 1 20); do
    post "$A" "a$i" &
    posts+=($!)
    [ $((i % 4)) -eq 0 ] && wait_posts
done
wait_posts
post "$A" done1
wait_for "$tmp/stream1" done1
kill "$stream1"
last=$(ids "$tmp/stream1" | tail -n 1)

# 2. The stream reconnects to A after the last event it saw; both processes write at once.
curl -sN "$A/negotiations/1/events" "${auth[@]}" -H "Last-Event-ID: $last" >"$tmp/stream2" 2>/dev/null &
pids+=($!)
for i in $(seq 1 20); do
    post "$A" "a2_$i" &
    posts+=($!)
    post "$B" "b2_$i" &
    posts+=($!)
    [ $((i % 2)) -eq 0 ] && wait_posts
done
wait_posts
post "$B" done2
wait_for "$tmp/stream2" done2
[ -f "$tmp/errors" ] && fail "writes refused: $(head -3 "$tmp/errors")"

# The two streams together: the whole timeline, once each, in order.
{ ids "$tmp/stream1"; ids "$tmp/stream2"; } >"$tmp/streamed"
curl -s "$B/negotiations/1/timeline?limit=1000" "${auth[@]}" | grep -o '"seq":[0-9]*' | cut -d: -f2 >"$tmp/timeline"
n=$(wc -l <"$tmp/timeline")
[ "$n" -ge 63 ] || fail "the timeline has $n events, expected at least 63"
diff "$tmp/timeline" "$tmp/streamed" >"$tmp/diff" || fail "streams differ from the timeline: $(head -5 "$tmp/diff")"
sort -n -c "$tmp/streamed" 2>/dev/null || fail "stream out of order"
# Both processes stop cleanly (under the sanitizers: with no error or leak reported).
for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
pids=()
grep -l "Sanitizer" "$tmp"/log.* >/dev/null 2>&1 && fail "a sanitizer reported: $(grep -h -m3 Sanitizer "$tmp"/log.*)"
echo "PASS two_processes ($n events)"
