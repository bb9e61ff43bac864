#!/usr/bin/env bash
# demo.sh: the main job, end to end, on the seeds' talks (`make demo` runs it with the freshly built binary).
set -euo pipefail
parley=${1:-build/parley}
here=$(cd "$(dirname "$0")" && pwd)
has() { "$parley" --help | grep -q "^  $1 "; }
# Headings in bold only on a terminal, and never when NO_COLOR is set (https://no-color.org): a file or a pipe
# gets plain text.
bold="" plain=""
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ] && [ "${TERM:-dumb}" != dumb ]; then bold=$'\033[1m' plain=$'\033[0m'; fi
step() { printf '\n%s== %s%s\n$ parley %s\n\n' "$bold" "$1" "$plain" "${*:2}"; "$parley" "${@:2}"; }

step "Why the talks keep collapsing: no package satisfies both sides' red lines" analyze "$here/ceasefire.json"
step "The same talks with the linkage relaxed to the phased plan" analyze "$here/ceasefire-relaxed.json"
if has diagnose; then
  step "Impasse diagnosis: which red lines collide, and what would open a zone of agreement" diagnose "$here/ceasefire.json"
fi
if has propose; then
  step "The package a neutral mediator would table on the relaxed variant" propose "$here/ceasefire-relaxed.json"
fi
if has negotiate; then
  step "Shuttle mediation through the mediators, in sessions at Cairo and Doha, on the relaxed variant" \
    negotiate "$here/ceasefire-relaxed.json" --protocol shuttle --agents boulware,conceder --seed 1 \
    --venues Cairo,Doha --sessions 3 --rounds 90
fi
if has tournament; then
  step "A tournament of the built-in strategies on the relaxed variant and a textbook case" \
    tournament "$here/ceasefire-relaxed.json" "$here/textbook-buyer-seller.json" \
    --agents boulware,linear,conceder,hardliner,tit-for-tat,random,nash --repeats 5 --rounds 100
fi
if has conflict; then
  step "The strategic conflict as a graph model: which states are stable" conflict "$here/ceasefire-conflict.json"
fi
