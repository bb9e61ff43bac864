#!/usr/bin/env bash
# serve_e2e.sh: the dashboard end to end: `parley serve` on loopback, headless Debian chromium driven
# by playwright-core (tests/e2e/negotiate.mjs): a mediator and two parties negotiate to an agreement and
# close.  Screenshots of each view go to e2e-screenshots/ in the directory the test runs in (build/tests).
# Installs what it needs (chromium, nodejs/npm via apt; playwright-core via npm into tests/e2e/node_modules).
# FAILS (never skips) when chromium cannot be installed.
set -u
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/chromium.sh"
. "$SRC/tests/cli/lib/serve.sh"
browser_talks "$PARLEY" "$SRC" serve_e2e negotiate.mjs e2e-screenshots e2e
