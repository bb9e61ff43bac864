#!/usr/bin/env bash
# bench_server.sh: load benchmark of `parley serve` with wrk on loopback: reads (GET the current text
# with a party's token: authentication, privacy filter, two queries) and durable writes (POST a message:
# a message row and a timeline event in the request's savepoint of a group commit, acknowledged after the
# batch's COMMIT), with
# --sync full (fsync per commit) and --sync normal (survives kill -9, not power loss); then both again with
# 300 idle live streams open (Server-Sent Events of another negotiation, held by one Python process).
# Figures before the epoll connection model (issue 10), same machine: 27.8k reads/s, 11.0k durable writes/s
# with --sync full.
# Then reads and durable writes again with PostgreSQL (--db postgresql://..., one process, then 2 and 3 behind
# nginx; a throwaway cluster started by
# tests/pg/cluster.sh --durable, fsync on; BENCH_PG=0 leaves it out, BENCH_SQLITE=0 the SQLite runs).  Each wrk run also reports the CPU seconds
# spent meanwhile by the parley process and by the PostgreSQL processes, against its wall time.
# usage: bash bench/bench_server.sh [path/to/parley] [seconds]   (installs wrk with apt-get when missing)
set -u
PARLEY=${1:-build/parley}
SECS=${2:-5}
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
command -v wrk >/dev/null || { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null; }
command -v wrk >/dev/null || { echo "bench_server: wrk is missing and could not be installed"; exit 1; }
command -v curl >/dev/null || { $SUDO apt-get install -y -qq curl >/dev/null; }

tmp=$(mktemp -d)
server=""
cluster="$(cd "$(dirname "$0")/.." && pwd)/tests/pg/cluster.sh"
. "$(dirname "$cluster")/nginx.sh"
cleanup() {
    [ -n "$server" ] && kill $server 2>/dev/null
    kill $(jobs -p) 2>/dev/null
    wait 2>/dev/null
    [ -f "$tmp/pg.url" ] && bash "$cluster" stop "$tmp/pg.url"
    rm -rf "$tmp"
}
trap cleanup EXIT

# CPU ticks used so far by the processes $@ (user + system), and those of the PostgreSQL cluster if one runs.
cpu_ticks() {
    local t=0 p pids=("$@")
    if [ -f "$tmp/pg.url.dir" ]; then
        local pm
        pm=$(head -n 1 "$(cat "$tmp/pg.url.dir")/data/postmaster.pid")
        pids+=("$pm" $(pgrep -P "$pm"))
    fi
    for p in "${pids[@]}"; do
        [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
    done
    echo "$t"
}
# wrk with its arguments, its figures, and the CPU seconds spent meanwhile by parley (and PostgreSQL).
measure() {
    local before after start end hz
    hz=$(getconf CLK_TCK)
    before=$(cpu_ticks $server); start=$(date +%s.%N)
    wrk "$@" | grep -E "Requests/sec|Latency|Non-2xx|requests in"
    after=$(cpu_ticks $server); end=$(date +%s.%N)
    awk -v c=$((after - before)) -v hz="$hz" -v s="$start" -v e="$end" \
        'BEGIN { printf "  CPU %.1f s (parley%s) in %.1f s wall\n", c / hz, "'"${PGLABEL:-}"'", e - s }'
}

run() { # $1 = sync mode, $2 = idle live streams to hold open, $3 = database (default: a new SQLite file),
         # $4 = parley processes (default 1; more: behind nginx, tests/pg/nginx.sh)
    rm -f "$tmp"/b.db*
    server=""
    local ports=() k
    for k in $(seq 1 "${4:-1}"); do
        rm -f "$tmp/port"
        "$PARLEY" serve --db "${3:-$tmp/b.db}" --listen 127.0.0.1:0 --sync "$1" --port-file "$tmp/port" --open --write-burst 1000000 --write-rate 1000000 \
            --max-streams 1000 --max-per-address 2000 >>"$tmp/log" 2>&1 &
        server="$server $!"
        for _ in $(seq 1 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
        ports+=("$(cat "$tmp/port")")
    done
    local url="http://127.0.0.1:${ports[0]}/api"
    if [ "${4:-1}" -gt 1 ]; then
        local proxy_port
        proxy_port=$(free_port)
        nginx_start "$tmp" "$proxy_port" "${ports[@]}" || { echo "bench_server: nginx did not start"; exit 1; }
        server="$server $nginx_pid"
        url="http://127.0.0.1:$proxy_port/api"
    fi
    local sc='{"scenario":{"issues":[{"name":"x","type":"integer","min":0,"max":9},{"name":"y","type":"categorical","values":["a","b"]}],"parties":[
      {"name":"A","preferences":{"x":{"weight":0.5,"function":{"type":"linear","at_min":0,"at_max":1}},"y":{"weight":0.5,"values":{"a":1,"b":0}}}},
      {"name":"B","preferences":{"x":{"weight":0.5,"function":{"type":"linear","at_min":1,"at_max":0}},"y":{"weight":0.5,"values":{"a":0,"b":1}}}}]}}'
    local med party med2 holder=""
    local json=(-H "Content-Type: application/json")
    med=$(curl -s -XPOST "$url/negotiations" "${json[@]}" -d "$sc" | grep -o '"token":"[0-9a-f]*"' | cut -d'"' -f4)
    party=$(curl -s -XPOST "$url/negotiations/1/participants" "${json[@]}" -H "Authorization: Bearer $med" \
            -d '{"name":"A","role":"party"}' | grep -o '"token":"[0-9a-f]*"' | cut -d'"' -f4)
    curl -s -o /dev/null -XPOST "$url/negotiations/1/sessions" "${json[@]}" -H "Authorization: Bearer $med" -d '{"venue":"bench"}'
    curl -s -o /dev/null -XPOST "$url/negotiations/1/texts" "${json[@]}" -H "Authorization: Bearer $med" -d '{"outcome":{"x":3,"y":"a"}}'
    if [ "$2" -gt 0 ]; then
        med2=$(curl -s -XPOST "$url/negotiations" "${json[@]}" -d "$sc" | grep -o '"token":"[0-9a-f]*"' | cut -d'"' -f4)
        python3 - "$(cat "$tmp/port")" "$med2" "$2" >"$tmp/streams" <<'PY' &
import socket, sys, time
port, token, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
socks, ok = [], 0
for _ in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(("GET /api/negotiations/2/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n" % token).encode())
    socks.append(s)
for s in socks:
    s.settimeout(5)
    ok += s.recv(200).startswith(b"HTTP/1.1 200")
print(ok, flush=True)
time.sleep(3600)
PY
        holder=$!
        for _ in $(seq 1 100); do [ -s "$tmp/streams" ] && break; sleep 0.1; done
        echo "-- with $(cat "$tmp/streams") idle live streams open (of $2 asked for)"
    fi
    cat >"$tmp/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $party"
wrk.headers["Content-Type"] = "application/json"
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, nil, nil, '{"body":"bench message ' .. counter .. '"}')
end
LUA
    if [ "$1" = full ]; then
        echo "== reads: GET /api/negotiations/1/texts/current (party token), wrk -t2 -c32 -d${SECS}s"
        measure -t2 -c32 -d"${SECS}s" -H "Authorization: Bearer $party" "$url/negotiations/1/texts/current"
    fi
    echo "== durable writes (--sync $1): POST /api/negotiations/1/messages, wrk -t2 -c16 -d${SECS}s"
    measure -t2 -c16 -d"${SECS}s" -s "$tmp/post.lua" "$url/negotiations/1/messages"
    [ -n "$holder" ] && { kill "$holder"; wait "$holder" 2>/dev/null; }
    kill $server; wait $server 2>/dev/null; server=""
}
echo "bench_server: nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg), $(wrk --version 2>&1 | head -1 | cut -c1-40)"
if [ "${BENCH_SQLITE:-1}" = 1 ]; then
    echo "#### SQLite"
    run full 0
    run normal 0
    run full 300
    run normal 300
fi
[ "${BENCH_PG:-1}" = 1 ] || exit 0
echo "#### PostgreSQL (one parley process; the cluster fsyncs every commit, synchronous_commit=on)"
pg_url=$(bash "$cluster" start "$tmp/pg.url" --durable) || { echo "bench_server: cannot start a PostgreSQL cluster"; exit 1; }
psql -q "$pg_url" -c "CREATE SCHEMA bench" || exit 1
PGLABEL=" + postgres"
run full 0 "$pg_url&options=-csearch_path%3Dbench"
for n in 2 3; do
    command -v nginx >/dev/null || { echo "bench_server: nginx is missing (make deps)"; exit 1; }
    echo "#### PostgreSQL, $n parley processes behind nginx"
    psql -q "$pg_url" -c "CREATE SCHEMA bench$n" || exit 1
    PGLABEL=" + nginx + postgres"
    run full 0 "$pg_url&options=-csearch_path%3Dbench$n" "$n"
done
