#!/bin/bash
# negotiate_genius.sh: `parley negotiate` on an ANAC domain in GENIUS XML, and a plug-in agent.
# Usage: bash negotiate_genius.sh PARLEY_BINARY SOURCE_DIR
set -u
P=$1
S=$2
G=$S/../shared/genius/anac2012/Camera
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

[ -f "$G/Camera-A-domain.xml" ] || fail "no $G/Camera-A-domain.xml (ANAC 2012 Camera, from ../shared/genius)"
{
    "$P" negotiate "$G/Camera-A-domain.xml" "$G/Camera-A-prof1.xml" "$G/Camera-A-prof2.xml" \
        --agents boulware,conceder --rounds 200 --json > "$T/c.json" || fail "Camera run"
    python3 - "$T/c.json" <<'PY' || fail "Camera outcome"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["agreement"] is True and 1 <= r["rounds"] <= 200
# Camera A has discount factors: discounted utility <= utility
for p in r["parties"]:
    assert p["discounted_utility"] <= p["utility"] + 1e-12
PY
}

# A plug-in agent built from tests/data/protocol/plugin_agent.c (a C compiler is a build dependency: none is a failure).
CC=${CC:-cc}
command -v "$CC" > /dev/null || fail "no C compiler '$CC' to build the plug-in agent"
{
    "$CC" -shared -fPIC -O1 -I"$S/include" -o "$T/libplug.so" "$S/tests/data/protocol/plugin_agent.c" || fail "build plug-in"
    "$P" negotiate "$S/tests/data/protocol/easy.json" --agents "$T/libplug.so:f=0.4,linear" --json > "$T/p.json" \
        || fail "plug-in run"
    python3 - "$T/p.json" <<'PY' || fail "plug-in outcome"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["agreement"] is True
assert r["parties"][0]["agent"] == "plugin-linear:f=0.4"
assert r["parties"][0]["utility"] >= 0.4 - 1e-9
PY
    "$P" negotiate "$S/tests/data/protocol/easy.json" --agents "$T/libplug.so:z=1,linear" > /dev/null 2> "$T/err"
    [ $? -eq 2 ] && grep -q "unknown parameter 'z'" "$T/err" || fail "plug-in parameter error"
    "$P" negotiate "$S/tests/data/protocol/easy.json" --agents "$T/missing.so,linear" > /dev/null 2> "$T/err"
    [ $? -eq 2 ] && grep -q "cannot load" "$T/err" || fail "missing plug-in error"
}
exit 0
