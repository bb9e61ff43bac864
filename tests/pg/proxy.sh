#!/usr/bin/env bash
# proxy.sh PARLEY URL_FILE [ROUNDS] [PROCESSES]: PROCESSES (default 2) `parley serve` processes on one PostgreSQL
# database (the cluster of the ctest fixture pg_cluster) behind nginx (Debian's, configured here as in
# docs/deploy.md).  ROUNDS (default 10) bursts of writes through the proxy, each with one process (in turn)
# killed by SIGKILL half-way and started again, and one
# more burst during a restart of PostgreSQL itself: every write acknowledged (201) is in the timeline afterwards.
# Then a live stream through the proxy carries the whole timeline, once each and in order.
set -u
PARLEY=$1
URL_FILE=$2
ROUNDS=${3:-10}
PROCESSES=${4:-2}
names=()
for i in $(seq 1 "$PROCESSES"); do names+=("p$i"); done
tmp=$(mktemp -d)
declare -A pid port
nginx_pid=""
cleanup() {
    for k in "${!pid[@]}"; do kill -9 "${pid[$k]}" 2>/dev/null; wait "${pid[$k]}" 2>/dev/null; done
    [ -n "$nginx_pid" ] && { kill "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null; }
    kill $(jobs -p) 2>/dev/null
    wait 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; tail -3 "$tmp"/log.* "$tmp/nginx.err" 2>/dev/null; exit 1; }
command -v nginx >/dev/null || fail "nginx is missing (make deps installs it)"
command -v curl >/dev/null || fail "curl is missing"
base=$(cat "$URL_FILE") || fail "no cluster URL in $URL_FILE"
schema="proxy_$$"
psql -q "$base" -c "CREATE SCHEMA $schema" >/dev/null || fail "cannot create the schema"
db="$base&options=-csearch_path%3D$schema"
. "$(dirname "$0")/nginx.sh"

start_server() { # $1: name, $2: port (0: any)
    local attempt
    for attempt in 1 2 3 4 5; do
        rm -f "$tmp/port.$1"
        "$PARLEY" serve --db "$db" --open --listen "127.0.0.1:$2" --port-file "$tmp/port.$1" --write-burst 1000000 \
            >>"$tmp/log.$1" 2>&1 &
        pid[$1]=$!
        for _ in $(seq 1 1200); do # 60 s: bounds a hang
            [ -s "$tmp/port.$1" ] && { port[$1]=$(cat "$tmp/port.$1"); return 0; }
            kill -0 "${pid[$1]}" 2>/dev/null || break
            sleep 0.05
        done
        kill -9 "${pid[$1]}" 2>/dev/null; wait "${pid[$1]}" 2>/dev/null; sleep 0.5 # the port may linger a moment
    done
    fail "server $1 did not start"
}
for n in "${names[@]}"; do start_server "$n" 0; done

proxy_port=$(free_port)
ports=()
for n in "${names[@]}"; do ports+=("${port[$n]}"); done
nginx_start "$tmp" "$proxy_port" "${ports[@]}" || fail "nginx did not start"
P="http://127.0.0.1:$proxy_port/api"

json=(-H "Content-Type: application/json")
scenario='{"scenario":{"issues":[{"name":"x","type":"integer","min":0,"max":3}],"parties":[
 {"name":"A","preferences":{"x":{"weight":1,"function":{"type":"linear","at_min":0,"at_max":1}}}},
 {"name":"B","preferences":{"x":{"weight":1,"function":{"type":"linear","at_min":1,"at_max":0}}}}]}}'
med=$(curl -s -XPOST "$P/negotiations" "${json[@]}" -d "$scenario" | grep -o '"token":"[0-9a-f]*"' | cut -d'"' -f4)
[ ${#med} -eq 64 ] || fail "could not create a negotiation through the proxy"
auth=(-H "Authorization: Bearer $med")
post() { # $1: body; appends "body code" to acks
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 -XPOST "$P/negotiations/1/messages" "${json[@]}" \
           "${auth[@]}" -d "{\"body\":\"$1\"}")
    echo "$1 $code" >>"$tmp/acks"
}
burst() { # $1: round name; 20 writes, 4 at a time
    local i k=()
    for i in $(seq 1 20); do
        post "$1_$i" &
        k+=($!)
        [ $((i % 4)) -eq 0 ] && { for p in "${k[@]}"; do wait "$p"; done; k=(); }
    done
}

# ROUNDS bursts, each with one process killed half-way and started again on its port.
for r in $(seq 1 "$ROUNDS"); do
    victim=${names[$(((r - 1) % PROCESSES))]}
    burst "r$r" &
    b=$!
    sleep 0.3
    kill -9 "${pid[$victim]}"; wait "${pid[$victim]}" 2>/dev/null
    wait "$b"
    start_server "$victim" "${port[$victim]}"
done
# One burst during a restart of PostgreSQL.
pgdir=$(cat "$URL_FILE.dir")
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
burst pg &
b=$!
sleep 0.3
as_owner "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w -t 120 restart >/dev/null 2>&1 || fail "PostgreSQL did not restart"
wait "$b"

acked=$(grep -c ' 201$' "$tmp/acks")
[ "$acked" -ge $((ROUNDS * 5)) ] || fail "only $acked writes were acknowledged: the test proves little"
curl -s "$P/negotiations/1/timeline?limit=1000" "${auth[@]}" >"$tmp/timeline.json"
grep -o '"body":"[a-z0-9_]*"' "$tmp/timeline.json" | cut -d'"' -f4 | sort >"$tmp/stored"
grep ' 201$' "$tmp/acks" | cut -d' ' -f1 | sort >"$tmp/acked"
lost=$(comm -23 "$tmp/acked" "$tmp/stored" | head -5)
[ -z "$lost" ] || fail "acknowledged writes lost: $lost"

# A live stream through the proxy: the whole timeline, once each, in order.
curl -sN "$P/negotiations/1/events" "${auth[@]}" >"$tmp/stream" 2>/dev/null &
post final
for _ in $(seq 1 1200); do grep -q '"body":"final"' "$tmp/stream" && break; sleep 0.1; done # bounds a hang
grep -q '"body":"final"' "$tmp/stream" || fail "the stream through the proxy never received the last write"
grep -o '^id: [0-9]*' "$tmp/stream" | cut -d' ' -f2 >"$tmp/streamed"
curl -s "$P/negotiations/1/timeline?limit=1000" "${auth[@]}" | grep -o '"seq":[0-9]*' | cut -d: -f2 >"$tmp/seqs"
diff "$tmp/seqs" "$tmp/streamed" >/dev/null || fail "the stream differs from the timeline"
echo "PASS proxy ($PROCESSES processes, $ROUNDS kill -9 rounds and a PostgreSQL restart: $acked acknowledged writes, none lost; $(wc -l <"$tmp/seqs") events streamed)"
