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

# The role of a GENIUS file (domain or profile) is read from its first 4096 bytes: the root element after the
# declaration and any comments, and for a `<utility_space` root whether a `<weight` follows (load.c; a seed-7
# mutant read 4095).  A domain padded by a comment so that its `<negotiation_template` (21 bytes) ends at byte 4096
# exactly is seen as the domain; a profile padded so that its first `<weight` (7 bytes) ends there is seen as a
# profile: given first, parley says the domain comes first.
python3 - "$XML" "${XML%domain.xml}prof1.xml" "$TMP" <<'PY' || fail "writing the padded files"
import sys
for path, root, mark, out in ((sys.argv[1], "<negotiation_template", "<negotiation_template", "domain.xml"),
                              (sys.argv[2], "<utility_space", "<weight", "prof1.xml")):
    text = open(path, encoding="utf-8").read()
    at = text.index(root)
    pad = 4096 - (text.index(mark) + len(mark)) - len("<!---->\n")
    padded = text[:at] + "<!--" + "x" * pad + "-->\n" + text[at:]
    head = padded.encode()[:4096]
    assert head.endswith(mark.encode()) and head.count(b"<weight") <= 1 and b"evaluation=" not in head
    open("%s/%s" % (sys.argv[3], out), "w", encoding="utf-8").write(padded)
PY
expect_line "a padded profile before a padded domain" "parley analyze: $TMP/prof1.xml: is a profile, not a domain: \
the domain ($TMP/domain.xml) comes first (DOMAIN.xml PROFILE1.xml PROFILE2.xml)" "$TMP/prof1.xml" "$TMP/domain.xml" \
    "${XML%domain.xml}prof2.xml"
expect_exit 0 "the padded files in order" "$PARLEY" analyze "$TMP/domain.xml" "$TMP/prof1.xml" "${XML%domain.xml}prof2.xml"
[ "$fails" -eq 0 ] || exit 1
echo "PASS kill_io7"
