# lib.sh: what the PostgreSQL server tests share (sourced after PARLEY and URL_FILE are set): a scratch folder
# $tmp removed at exit, the background processes in pids killed at exit, fail(), the cluster's URL in $base,
# and pg_schema NAME, which creates a schema of the test's own and sets $db to the URL that uses it.
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
