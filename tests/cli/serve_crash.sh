#!/usr/bin/env bash
# serve_crash.sh: no acknowledged write is lost when the server is killed with SIGKILL under load.
# Three writer processes post messages as fast as they can (each logs the messages the server
# acknowledged with 201); the server is killed with kill -9 at random moments and restarted on the
# same database, alternately with --sync normal and --sync full; at the end every acknowledged
# message must be in the timeline.  Loopback only; every loop is bounded.
set -u
PARLEY=$1
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
command -v curl >/dev/null || { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq curl >/dev/null; }
command -v curl >/dev/null || { echo "FAIL: curl is missing"; exit 1; }

tmp=$(mktemp -d)
server=""
writers=()
cleanup() {
    [ -n "$server" ] && kill -9 "$server" 2>/dev/null
    for w in "${writers[@]}"; do kill "$w" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$tmp/log" ] && tail -5 "$tmp/log"; exit 1; }

start_server() { # $1 = listen port (0 the first time), $2 = sync mode
    rm -f "$tmp/port"
    for attempt in 1 2 3 4 5; do
        "$PARLEY" serve --db "$tmp/crash.db" --listen "127.0.0.1:$1" --sync "$2" --port-file "$tmp/port" --write-burst 1000000 \
            >>"$tmp/log" 2>&1 &
        server=$!
        for _ in $(seq 1 1200); do [ -s "$tmp/port" ] && return 0; kill -0 "$server" 2>/dev/null || break; sleep 0.05; done
        kill -9 "$server" 2>/dev/null; wait "$server" 2>/dev/null; sleep 0.2
    done
    fail "the server did not start (attempt $attempt)"
}

start_server 0 normal
port=$(cat "$tmp/port")
url="http://127.0.0.1:$port/api"
scenario='{"scenario":{"issues":[{"name":"x","type":"integer","min":0,"max":3}],"parties":[
 {"name":"A","preferences":{"x":{"weight":1,"function":{"type":"linear","at_min":0,"at_max":1}}}},
 {"name":"B","preferences":{"x":{"weight":1,"function":{"type":"linear","at_min":1,"at_max":0}}}}]}}'
admin=$(cat "$tmp/crash.db.admin-token")
json=(-H "Content-Type: application/json")
med=$(curl -s -XPOST "$url/negotiations" "${json[@]}" -H "Authorization: Bearer $admin" -d "$scenario" | grep -o '"token":"[0-9a-f]*"' | cut -d'"' -f4)
[ ${#med} -eq 64 ] || fail "could not create a negotiation"
party=$(curl -s -XPOST "$url/negotiations/1/participants" "${json[@]}" -H "Authorization: Bearer $med" -d '{"name":"A","role":"party"}' \
        | grep -o '"token":"[0-9a-f]*"' | cut -d'"' -f4)
[ ${#party} -eq 64 ] || fail "could not add a party"

writer() { # $1 = writer number, $2 = token; logs acknowledged bodies
    local i code
    for i in $(seq 1 4000); do
        [ -e "$tmp/stop" ] && break
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -XPOST "$url/negotiations/1/messages" "${json[@]}" \
               -H "Authorization: Bearer $2" -d "{\"body\":\"w$1-$i\"}")
        if [ "$code" = 201 ]; then echo "w$1-$i" >>"$tmp/acked-$1"; else sleep 0.02; fi
    done
}
writer 1 "$med" & writers+=($!)
writer 2 "$party" & writers+=($!)
writer 3 "$med" & writers+=($!)

for cycle in 1 2 3 4 5 6; do
    sleep "0.$((RANDOM % 9 + 2))"
    kill -9 "$server"
    wait "$server" 2>/dev/null
    mode=normal; [ $((cycle % 2)) -eq 0 ] && mode=full
    start_server "$port" "$mode"
done
# On a loaded machine the writers may be slow: let them reach 100 acknowledged writes.
for _ in $(seq 1 1200); do # at most 120 s: only bounds a hang
    [ "$(cat "$tmp"/acked-* 2>/dev/null | wc -l)" -ge 100 ] && break
    sleep 0.1
done
sleep 0.5
touch "$tmp/stop"
for w in "${writers[@]}"; do wait "$w"; done
writers=()

# One more kill -9 and restart, then read everything back.
kill -9 "$server"; wait "$server" 2>/dev/null
start_server "$port" full
: >"$tmp/stored"
after=0
for page in $(seq 1 1000); do
    curl -s "$url/negotiations/1/timeline?after=$after&limit=1000" -H "Authorization: Bearer $med" >"$tmp/page"
    grep -o '"body":"w[0-9]*-[0-9]*"' "$tmp/page" | cut -d'"' -f4 >>"$tmp/stored"
    last=$(grep -o '"last":[0-9]*' "$tmp/page" | cut -d: -f2)
    [ -z "$last" ] && fail "bad timeline page: $(head -c 200 "$tmp/page")"
    [ "$last" = "$after" ] && break
    after=$last
done
cat "$tmp"/acked-* | sort >"$tmp/acked"
sort -u "$tmp/stored" >"$tmp/stored.sorted"
acked=$(wc -l <"$tmp/acked")
stored=$(wc -l <"$tmp/stored.sorted")
missing=$(comm -23 "$tmp/acked" "$tmp/stored.sorted" | wc -l)
dups=$(( $(wc -l <"$tmp/stored") - stored ))
echo "serve_crash: 7 kills, $acked writes acknowledged, $stored stored, $missing missing, $dups duplicated"
[ "$acked" -ge 100 ] || fail "too few writes acknowledged ($acked): the load did not happen"
[ "$missing" -eq 0 ] || fail "acknowledged writes lost: $(comm -23 "$tmp/acked" "$tmp/stored.sorted" | head -5 | tr '\n' ' ')"
[ "$dups" -eq 0 ] || fail "messages stored twice"
echo "PASS serve_crash"
