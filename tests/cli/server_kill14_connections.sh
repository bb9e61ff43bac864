#!/usr/bin/env bash
# server_kill14_connections.sh: `parley serve`'s connection limit under a low descriptor limit (docs/api.md:
# --max-connections is 1024, "less when RLIMIT_NOFILE is lower": the soft limit less 64 for the server's own
# descriptors, 64 when the soft limit is 128 or less).  Started with `ulimit -n 200` the server holds at most
# 200 - 64 = 136 connections at once: with 135 idle connections held, one more is answered; with 136 held, one
# more waits (in the listen backlog: it is not answered while they are held) and is answered once one of them
# closes.  Loopback only.  The 3 s given to the request that must wait only lets a wrong server answer it (a
# right one never does); every other wait only bounds a hang.
set -u
PARLEY=$1
SRC=$2
source "$SRC/tests/cli/lib/check.sh"
server=""
stop_server() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; server=""; }
trap 'stop_server; rm -rf "$TMP"' EXIT

bash -c "ulimit -n 200; exec '$PARLEY' serve --db '$TMP/a.db' --open --listen 127.0.0.1:0 --port-file '$TMP/port' \
         --max-per-address 1000 --request-seconds 300" >"$TMP/log" 2>&1 &
server=$!
for _ in $(seq 1 1200); do [ -s "$TMP/port" ] && break; sleep 0.05; done # 60 s: only bounds a hang
[ -s "$TMP/port" ] || { echo "FAIL: the server did not start: $(cat "$TMP/log")"; exit 1; }

cat >"$TMP/client.py" <<'PY'
import socket, sys
port, limit = int(sys.argv[1]), 200 - 64


def ask():
    s = socket.create_connection(("127.0.0.1", port), timeout=120)
    s.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    return s


def reply(s):
    data = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            return data
        data += chunk


fails = 0
for held in (limit - 1, limit):
    idle = [socket.create_connection(("127.0.0.1", port), timeout=120) for _ in range(held)]
    s = ask()
    if held < limit:
        first = reply(s)
        print(f"{held} held: one more answered {first[:15]!r}")
        fails += not first.startswith(b"HTTP/1.1 200 ")
    else:
        s.settimeout(3)
        try:
            early = s.recv(4096)
        except socket.timeout:
            early = b""
        print(f"{held} held: one more answered before any closed: {early[:15]!r}")
        fails += early != b""
        s.settimeout(120)
        idle.pop().close()  # a slot comes free: the waiting request is served
        late = early + reply(s)
        print(f"  after one closed: {late[:15]!r}")
        fails += not late.startswith(b"HTTP/1.1 200 ")
    s.close()
    for i in idle:
        i.close()
    # one answered request after the held ones closed: the server has seen them go before the next round
    reply(ask())
sys.exit(1 if fails else 0)
PY
python3 "$TMP/client.py" "$(cat "$TMP/port")" >"$TMP/out" 2>&1
rc=$?
cat "$TMP/out"
[ "$rc" -eq 0 ] || fail "under ulimit -n 200 the server did not hold 136 connections at once: $(cat "$TMP/out")"
stop_server
[ "$fails" -eq 0 ] || exit 1
echo "PASS server_kill14_connections"
