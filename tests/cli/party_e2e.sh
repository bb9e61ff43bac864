#!/usr/bin/env bash
# party_e2e.sh: a party's whole part in live talks through its view, in headless Debian chromium driven by
# playwright-core (tests/e2e/party.mjs): its preferences entered with the form, the live preview against the
# server's valuation, a GENIUS profile uploaded into the form.  Screenshots go to party-screenshots/ in the
# directory the test runs in (build/tests); docs/img/party-*.png are copies of them.
# FAILS (never skips) when chromium or node cannot be installed.
set -u
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/chromium.sh"
. "$SRC/tests/cli/lib/serve.sh"
browser_talks "$PARLEY" "$SRC" party_e2e party.mjs party-screenshots "party e2e"
