#!/usr/bin/env bash
# restart.sh PARLEY URL_FILE: `parley serve` on the PostgreSQL cluster of the ctest fixture pg_cluster (a schema of
# its own) while the cluster restarts, once in fast and once in immediate mode (the server processes die without
# a word: a connection finds out only when it is used).  Each time, after the restart, the first requests (four
# writes and four reads at once: the writer's connection and the pooled readers' all broke while idle) succeed:
# a connection found broken before anything was done on it is re-established and the statement run again.  A
# live stream opened before the restarts receives the writes made after them, and its slot among the
# negotiation's streams (an advisory lock of the process's claims connection, which died with the old session) is
# taken again (seen in pg_locks).
set -u
PARLEY=$1
URL_FILE=$2
. "$(dirname "$0")/lib.sh"
pgdir=$(cat "$URL_FILE.dir") || fail "no cluster folder in $URL_FILE.dir"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
schema="restart_$$"
pg_schema "$schema"

pg_serve U --write-burst 1000000
pg_negotiation "$U"
post() { # $1: body; appends "body status" to $tmp/codes
    echo "$1 $(curl -s -o /dev/null -w '%{http_code}' -XPOST "$U/negotiations/1/messages" \
               -H "Content-Type: application/json" "${auth[@]}" -d "{\"body\":\"$1\"}")" >>"$tmp/codes"
}
get() { echo "read$1 $(curl -s -o /dev/null -w '%{http_code}' "$U/negotiations/1/texts" "${auth[@]}")" >>"$tmp/codes"; }
slots() { # the advisory locks the server holds
    psql -At "$base" -c "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                         WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = '${schema}_U'"
}
# Readers in the pool: four reads at once before the restarts, so four connections go idle.
requests=()
for i in 1 2 3 4; do get "$i" & requests+=($!); done
for r in "${requests[@]}"; do wait "$r"; done
post before
curl -sN "$U/negotiations/1/events" "${auth[@]}" >"$tmp/stream" 2>/dev/null &
pids+=($!)
for _ in $(seq 1 600); do grep -q '"body":"before"' "$tmp/stream" && break; sleep 0.1; done # bounds a hang
grep -q '"body":"before"' "$tmp/stream" || fail "the stream did not open: $(head -c 300 "$tmp/stream")"
[ "$(slots)" = 1 ] || fail "the stream holds no slot ($(slots) locks)"
for mode in fast immediate; do
    as_owner "$pgbin/pg_ctl" -D "$pgdir/data" -m "$mode" -w -t 120 restart >/dev/null 2>&1 ||
        fail "PostgreSQL did not restart ($mode)"
    : >"$tmp/codes"
    requests=()
    for i in 1 2 3 4; do
        post "${mode}_$i" &
        requests+=($!)
        get "$i" &
        requests+=($!)
    done
    for r in "${requests[@]}"; do wait "$r"; done
    bad=$(grep -v ' 20[01]$' "$tmp/codes")
    [ -z "$bad" ] || fail "after a $mode restart: $(echo "$bad" | tr '\n' ' ')"
    [ "$(grep -c ' 20[01]$' "$tmp/codes")" = 8 ] || fail "after a $mode restart: $(tr '\n' ' ' <"$tmp/codes")"
    end=$((SECONDS + 30)) # bounds the wait: the listening thread reconnects within a second
    until [ "$(slots)" = 1 ]; do
        [ $SECONDS -lt $end ] || fail "after a $mode restart the stream's slot was not taken again ($(slots) locks)"
        sleep 0.2
    done
done
for _ in $(seq 1 600); do grep -q '"body":"immediate_4"' "$tmp/stream" && break; sleep 0.1; done # bounds a hang
for b in fast_1 fast_4 immediate_1 immediate_4; do
    grep -q "\"body\":\"$b\"" "$tmp/stream" || fail "the stream opened before the restarts never received $b"
done
echo "PASS restart (the first writes and reads after a fast and an immediate restart of PostgreSQL succeed)"
