#!/bin/bash
# genius_errors.sh: bad GENIUS / GeniusWeb input gives exit code 2 and "file:line:column:" (XML) or the JSON path.
set -uo pipefail
PARLEY=$1
D="$2/tests/data/genius"
fail=0
expect() { # expect WANT_IN_STDERR FILES...
  local want=$1; shift
  local err
  err=$("$PARLEY" analyze "$@" 2>&1 >/dev/null)
  local rc=$?
  if [ $rc -ne 2 ] || ! grep -qF -- "$want" <<<"$err"; then
    echo "FAIL: parley analyze $* -> exit $rc: $err (wanted exit 2 and '$want')"
    fail=1
  else
    echo "ok: $err"
  fi
}
expect "bad-xml.xml:6:7: malformed XML: mismatched tag" "$D/tiny-domain.xml" "$D/tiny-buyer.xml" "$D/bad-xml.xml"
expect "mismatch.xml:8:5: issue 2 is 'cost' here but 'price' in the domain" "$D/tiny-domain.xml" "$D/tiny-buyer.xml" "$D/mismatch.xml"
expect "missing-weight.xml:2:3: missing <weight index=\"2\"> for issue 'price'" "$D/tiny-domain.xml" "$D/tiny-buyer.xml" "$D/missing-weight.xml"
expect "missing-evaluation.xml:3:5: no evaluation for value 'coffee'" "$D/tiny-domain.xml" "$D/tiny-buyer.xml" "$D/missing-evaluation.xml"
expect "bad-number.xml:5:7: attribute evaluation=\"lots\" of <item> is not a number" "$D/tiny-domain.xml" "$D/tiny-buyer.xml" "$D/bad-number.xml"
expect "not-xml.xml:1:1: cannot tell the format" "$D/not-xml.xml" "$D/tiny-buyer.xml" "$D/tiny-seller.xml"
expect "a GENIUS domain needs at least two profiles" "$D/tiny-domain.xml" "$D/tiny-buyer.xml"
expect "gw-missing-weight.json: at LinearAdditiveUtilitySpace.issueWeights.salary: missing weight" "$D/gw-domain.json" "$D/gw-missing-weight.json" "$D/gw-employee.json"
expect "gw-bad-json.json:1:" "$D/gw-domain.json" "$D/gw-bad-json.json" "$D/gw-employee.json"
# a file that cannot be read is bad input too (exit 2), with the system's reason
expect "nope.xml: cannot read the file: No such file or directory" "$D/tiny-domain.xml" "$D/tiny-buyer.xml" "$D/nope.xml"
expect "genius: is a directory" "$D/tiny-domain.xml" "$D/tiny-buyer.xml" "$D"
exit $fail
