#!/bin/bash
# kill_io7.sh: the errors about the number of files of a negotiation (load.c) name the file they are about, with
# no line number (the file as a whole is meant), on the exact line parley prints (issue 27: a seed-7 mutant named
# the second file, docs[1], in the "GeniusWeb domain alone" error, read past the one document given and crashed,
# exit 139: no test gave a GeniusWeb domain alone).  The three
# such errors: a GeniusWeb domain without two profiles, a GENIUS domain without two profiles, a parley scenario
# with a file after it (named: the extra file).
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
D="$SRC/tests/data/genius"
XML="$SRC/../shared/genius/anac2012/Energy/Energy-A-domain.xml"
NATIVE="$SRC/examples/textbook-impasse.json"

expect_line() { # description expected-line files...
    local what=$1 want=$2
    shift 2
    expect_exit 2 "$what" "$PARLEY" analyze "$@"
    [ "$(head -n 1 "$TMP/err")" = "$want" ] || fail "$what: '$(head -n 1 "$TMP/err")', expected '$want'"
}
expect_line "a GeniusWeb domain alone" "parley analyze: $D/gw-domain.json: a GeniusWeb domain needs at least two \
profiles after it (DOMAIN.json PROFILE1.json PROFILE2.json, or DOMAIN.json+P1.json+P2.json)" "$D/gw-domain.json"
expect_line "a GENIUS domain with one profile" "parley analyze: $XML: a GENIUS domain needs at least two profiles \
after it (DOMAIN.xml PROFILE1.xml PROFILE2.xml, or DOMAIN.xml+P1.xml+P2.xml)" "$XML" "${XML%domain.xml}prof1.xml"
expect_line "a parley scenario and another file" "parley analyze: $D/gw-domain.json: a parley scenario is one file \
($NATIVE); this extra file is not expected" "$NATIVE" "$D/gw-domain.json"
[ "$fails" -eq 0 ] || exit 1
echo "PASS kill_io7"
