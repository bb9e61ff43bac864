#!/usr/bin/env bash
# profile_value.sh: the preferences form's live preview (web/profile-value.js, run by node) values every example
# scenario's packages exactly as `parley analyze` does: feasibility, each party's acceptable packages, the
# utilities of the Pareto-optimal packages and the solutions, under trust in later phases (tests/e2e/profile_value.mjs).
# Needs node (installed with chromium by tests/cli/lib/chromium.sh when missing): FAILS, never skips, without it.
set -u
PARLEY=$1
SRC=$2
if ! command -v node >/dev/null; then
    . "$SRC/tests/cli/lib/chromium.sh"
    need_chromium "$SRC" profile_value || exit 1
fi
timeout 120 node "$SRC/tests/e2e/profile_value.mjs" "$PARLEY" "$SRC/examples" || { echo "FAIL: profile_value"; exit 1; }
echo "PASS profile_value"
