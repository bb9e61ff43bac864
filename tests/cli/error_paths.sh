#!/bin/bash
# error_paths.sh: a bad scenario's message names where the fault is, however short the name: an unknown
# top-level field of one letter ("at z: unknown field 'z'"), a wrong type deeper in
# ("at parties[0].reservation: found a string"); both exit 2.
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
python3 - "$SRC/examples/textbook-buyer-seller.json" "$TMP" <<'PY'
import json, sys
base = json.load(open(sys.argv[1]))
z = dict(base, z=1)
json.dump(z, open(sys.argv[2] + "/z.json", "w"))
r = json.loads(json.dumps(base))
r["parties"][0]["reservation"] = "x"
json.dump(r, open(sys.argv[2] + "/r.json", "w"))
PY
expect_exit 2 "an unknown one-letter field" "$PARLEY" analyze "$TMP/z.json"
expect_in "$TMP/err" "z.json: at z: unknown field 'z'" "the one-letter field is named"
expect_exit 2 "a reservation that is a string" "$PARLEY" analyze "$TMP/r.json"
expect_in "$TMP/err" "r.json: at parties[0].reservation: found a string (expected a number)" "the path is named"
[ "$fails" -eq 0 ] || exit 1
echo "PASS error_paths"
