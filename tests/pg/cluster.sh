#!/bin/bash
# cluster.sh: a throwaway PostgreSQL cluster for the tests and the benchmark.
#   cluster.sh start STATE [--durable]   initdb + start in a new /tmp/parley-pg.XXXXXX folder (as the user nobody
#                                        when run as root), listening only on a Unix socket in that folder; prints the
#                                        URL and writes it to STATE (the folder to STATE.dir).  Without --durable the
#                                        cluster does not fsync (tests; a killed server process loses nothing anyway).
#   cluster.sh stop STATE                stops it (immediate) and removes the folder and STATE.
# The server binaries come from Debian's postgresql package (make deps): /usr/lib/postgresql/<version>/bin.
set -euo pipefail
usage() { echo "usage: cluster.sh start STATE [--durable] | stop STATE" >&2; exit 2; }
[ $# -ge 2 ] || usage
cmd=$1 state=$2
bin=${PARLEY_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "cluster.sh: no PostgreSQL server binaries under /usr/lib/postgresql (make deps installs postgresql)" >&2
  exit 1
fi
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }

case $cmd in
start)
  fsync="-c fsync=off -c full_page_writes=off"
  [ "${3:-}" = --durable ] && fsync=""
  dir=$(mktemp -d /tmp/parley-pg.XXXXXX)
  trap 'as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"' ERR
  [ "$(id -u)" = 0 ] && chown nobody "$dir"
  chmod 700 "$dir"
  cd "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; false; }
  port=$((20000 + RANDOM % 20000)) # a Unix socket only: the port just names the socket file in $dir
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 \
    -o "-k $dir -p $port -c listen_addresses= -c max_connections=300 $fsync" start >/dev/null ||
    { cat "$dir/server.log" >&2; false; }
  url="postgresql:///postgres?host=$dir&port=$port&user=postgres"
  printf '%s\n' "$url" >"$state"
  printf '%s\n' "$dir" >"$state.dir"
  echo "$url"
  ;;
stop)
  [ -f "$state.dir" ] || exit 0
  dir=$(cat "$state.dir")
  case $dir in /tmp/parley-pg.*) ;; *) echo "cluster.sh: $state.dir does not name a cluster folder" >&2; exit 2 ;; esac
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir" "$state" "$state.dir"
  ;;
*) usage ;;
esac
