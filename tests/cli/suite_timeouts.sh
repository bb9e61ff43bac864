#!/usr/bin/env bash
# suite_timeouts.sh: every ctest entry of this tree has a TIMEOUT, and none is longer than LIMIT seconds, so a
# hung test fails with ctest's "Timeout" and its name well before a CI job's own limit stops the whole run
# (tests/CMakeLists.txt, fuzz/CMakeLists.txt and cmake/python_tests.cmake set them; issue 27).
set -u
PARLEY=$1
LIMIT=${SUITE_TIMEOUT_LIMIT:-3600}
tree=$(dirname "$PARLEY")
[ -f "$tree/CTestTestfile.cmake" ] || { echo "FAIL: $tree is not a ctest tree"; exit 1; }
(cd "$tree" && ctest --show-only=json-v1) | python3 -c '
import json, sys
limit = float(sys.argv[1])
tests = json.load(sys.stdin)["tests"]
bad = []
for t in tests:
    props = {p["name"]: p["value"] for p in t.get("properties", [])}
    timeout = props.get("TIMEOUT")
    if timeout is None:
        bad.append("%s: no TIMEOUT" % t["name"])
    elif not 0 < float(timeout) <= limit:
        bad.append("%s: TIMEOUT %s, not in (0, %g] s" % (t["name"], timeout, limit))
if len(tests) < 50:
    bad.append("only %d tests listed: the listing is wrong" % len(tests))
for b in bad:
    print("FAIL: " + b)
print("suite_timeouts: %d tests, %d without a bounded TIMEOUT" % (len(tests), len(bad)))
sys.exit(1 if bad else 0)
' "$LIMIT"
