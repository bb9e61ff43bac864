# lib.sh: what the PostgreSQL server tests share (sourced after PARLEY and URL_FILE are set): a scratch folder
# $tmp removed at exit, the background processes in pids killed at exit, fail(), the cluster's URL in $base,
# pg_schema NAME, which creates a schema of the test's own and sets $db to the URL that uses it, pg_serve, which
# starts `parley serve` on it, and pg_negotiation, which creates the two-party negotiation the tests talk in.
tmp=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; tail -5 "$tmp"/log* 2>/dev/null; exit 1; }
command -v curl >/dev/null || fail "curl is missing"
base=$(cat "$URL_FILE") || fail "no cluster URL in $URL_FILE"

pg_schema() { # $1: the schema's name
    psql -q "$base" -c "CREATE SCHEMA $1" >/dev/null || fail "cannot create the schema"
    db="$base&options=-csearch_path%3D$1"
}

declare -A pid_of
# pg_serve NAME [OPTION...]: starts `parley serve --open` with OPTIONs on $db (its connections' application_name
# ${schema}_NAME, to find its locks), port file $tmp/port.NAME, log appended to $tmp/log.NAME; its pid goes into
# pids and pid_of[NAME], and the variable NAME is set to its API's URL.  Fails when it does not start in 60 s.
pg_serve() {
    local name=$1
    shift
    rm -f "$tmp/port.$name"
    "$PARLEY" serve --db "$db&application_name=${schema}_$name" --open --listen 127.0.0.1:0 \
        --port-file "$tmp/port.$name" "$@" >>"$tmp/log.$name" 2>&1 &
    pids+=($!)
    pid_of[$name]=$!
    for _ in $(seq 1 1200); do [ -s "$tmp/port.$name" ] && break; sleep 0.05; done # 60 s: bounds a hang
    [ -s "$tmp/port.$name" ] || fail "server $name did not start"
    printf -v "$name" 'http://127.0.0.1:%s/api' "$(cat "$tmp/port.$name")"
}

# pg_negotiation URL: creates through URL a negotiation of parties A and B over x in 0..3 (A wants it high, B low);
# sets $med, the mediator's token, and auth, its curl header.
pg_negotiation() {
    local scenario='{"scenario":{"issues":[{"name":"x","type":"integer","min":0,"max":3}],"parties":[
 {"name":"A","preferences":{"x":{"weight":1,"function":{"type":"linear","at_min":0,"at_max":1}}}},
 {"name":"B","preferences":{"x":{"weight":1,"function":{"type":"linear","at_min":1,"at_max":0}}}}]}}'
    med=$(curl -s -XPOST "$1/negotiations" -H "Content-Type: application/json" -d "$scenario" |
          grep -o '"token":"[0-9a-f]*"' | cut -d'"' -f4)
    [ ${#med} -eq 64 ] || fail "could not create a negotiation through $1"
    auth=(-H "Authorization: Bearer $med")
}
