#!/usr/bin/env bash
# progress.sh: the progress line of analyze, diagnose and tournament.  With stderr on a pseudo-terminal
# (tests/cli/progress_tty.py) a line with percentage, counts, rate and ETA is drawn on stderr, redrawn at most
# about ten times a second and erased at the end, while stdout (text or --json) stays clean; with stderr not a
# terminal, or with --quiet, nothing is drawn.
set -u
P=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"
TTY="python3 $SRC/tests/cli/progress_tty.py"
. "$SRC/tests/cli/lib/sanitized.sh"
# The checks that nothing is drawn (--quiet, a stderr that is not a terminal) repeat a whole run each and take the
# same path in both trees: they run in the normal tree only (the sanitizer tree, several times slower, draws).
SILENT_CHECKS=1
is_sanitized "$P" && SILENT_CHECKS=0

# Two parties over 10^8 outcomes (one thread: about a second), and a space with no zone of agreement that the
# diagnosis analyses several times.  Unequal weights: no ties on the frontier.
python3 - "$TMP" <<'PY'
import json, random, sys
random.seed(3)
def scenario(values, reservation):
    issues = [{"name": f"i{k}", "type": "integer", "min": 0, "max": v - 1} for k, v in enumerate(values)]
    def prefs(flip):
        w = [random.random() + 0.5 for _ in values]
        return {f"i{k}": {"weight": w[k] / sum(w), "function": {"type": "linear", "at_min": (k + flip) % 2,
                                                               "at_max": 1 - (k + flip) % 2}} for k in range(len(values))}
    # A global constraint over every issue (always true) keeps the analysis streaming: the exact path without
    # enumeration (docs/analysis-json.md) would finish these spaces before any progress line is due.
    every = " + ".join(f"i{k}" for k in range(len(values)))
    return {"title": "progress", "issues": issues, "constraints": [{"name": "all", "rule": f"{every} >= 0"}],
            "parties": [{"name": "A", "reservation": reservation, "preferences": prefs(0)},
                        {"name": "B", "reservation": reservation, "preferences": prefs(1)}]}
json.dump(scenario([10] * 7, 0.3), open(sys.argv[1] + "/big.json", "w"))
json.dump(scenario([10] * 6 + [3], 0.9), open(sys.argv[1] + "/nozone.json", "w"))
PY

# Redraws of the line; the line is erased at the end; stdout never sees it.
redraws() { grep -o $'\r\e\\[Kparley' "$1" | wc -l; }
clean_stdout() { ! grep -q $'\r' "$1" && ! grep -q "ETA" "$1"; }

now() { python3 -c 'import time; print(time.monotonic())'; }
start=$(now)
$TTY "$TMP/o1" "$TMP/e1" "$P" analyze "$TMP/big.json" --threads 1 || fail "analyze on a terminal: exit $?"
elapsed=$(python3 -c "print($(now) - $start)")
expect_in "$TMP/e1" "parley analyze: " "the progress line names the command"
expect_in "$TMP/e1" " of 10 M outcomes" "the progress line counts outcomes"
grep -Eq "  [0-9.]+( [kMGTP])?/s  " "$TMP/e1" || fail "the progress line has no rate (a number per second, any speed)"
expect_in "$TMP/e1" "ETA " "the progress line has an ETA"
[ "$(tail -c 4 "$TMP/e1" | od -An -c | tr -d ' ')" = '\r033[K' ] || fail "the line is not erased at the end"
n=$(redraws "$TMP/e1")
[ "$n" -ge 1 ] || fail "no progress line in a ${elapsed} s analysis"
python3 -c "import sys; sys.exit(0 if $n <= 10 * $elapsed + 2 else 1)" || fail "$n redraws in $elapsed s: more than ten a second"
clean_stdout "$TMP/o1" || fail "progress mixed into stdout"
expect_in "$TMP/o1" "outcomes     10000000" "the report is on stdout"

$TTY "$TMP/o2" "$TMP/e2" "$P" analyze "$TMP/big.json" --threads 1 --json || fail "analyze --json on a terminal"
python3 -c "import json,sys; assert json.load(open(sys.argv[1]))['outcomes'] == 10000000" "$TMP/o2" \
    || fail "--json stdout is not the analysis JSON"
[ "$(redraws "$TMP/e2")" -ge 1 ] || fail "no progress line with --json"

if [ "$SILENT_CHECKS" = 1 ]; then
    $TTY "$TMP/o3" "$TMP/e3" "$P" analyze "$TMP/big.json" --threads 1 --quiet || fail "analyze --quiet"
    [ ! -s "$TMP/e3" ] || fail "--quiet still draws: $(od -c "$TMP/e3" | head -3)"

    "$P" analyze "$TMP/big.json" --threads 1 > "$TMP/o4" 2> "$TMP/e4" || fail "analyze piped"
    [ ! -s "$TMP/e4" ] || fail "progress drawn on a stderr that is not a terminal: $(head -c 200 "$TMP/e4")"
fi

# The approximate analysis (an ANAC 2014 space of 10^30 outcomes) counts its evaluations.
A14="$SRC/../shared/genius/anac2014/30issues"
$TTY "$TMP/o8" "$TMP/e8" "$P" analyze "$A14/30issues-domain.xml" "$A14/profile-1.xml" "$A14/profile-2.xml" \
    --evaluations 400000 || fail "approximate analysis on a terminal"
expect_in "$TMP/e8" " of 400 k evaluations" "the approximate analysis counts evaluations"
expect_in "$TMP/o8" "APPROXIMATE" "the approximate report is on stdout"
clean_stdout "$TMP/o8" || fail "progress mixed into the approximate report"

$TTY "$TMP/o5" "$TMP/e5" "$P" diagnose "$TMP/nozone.json" --threads 1 || fail "diagnose on a terminal"
expect_in "$TMP/e5" "parley diagnose: " "diagnose draws progress"
expect_in "$TMP/e5" "outcomes (diagnose pass 1)" "diagnose names its pass"
expect_in "$TMP/o5" "acceptable to every party" "the diagnosis is on stdout"
clean_stdout "$TMP/o5" || fail "progress mixed into the diagnosis"

$TTY "$TMP/o6" "$TMP/e6" "$P" tournament "$SRC/examples/ceasefire-relaxed.json" --agents boulware,conceder,linear,random \
    --repeats 400 --threads 1 || fail "tournament on a terminal"
expect_in "$TMP/e6" "parley tournament: " "the tournament draws progress"
expect_in "$TMP/e6" " of 4.8 k negotiations" "the tournament counts negotiations"
clean_stdout "$TMP/o6" || fail "progress mixed into the tournament's table"
# The summary's rate agrees with its own count and time (not rounded to "0 per second").
python3 - "$TMP/o6" <<'PY' || fail "tournament rate"
import re, sys
m = re.search(r"(\d+) negotiations in ([0-9.]+) s on \d+ threads? \(([0-9.]+)( k)? per second\)", open(sys.argv[1]).read())
assert m, "no summary line"
rate = float(m.group(3)) * (1000 if m.group(4) else 1)
true = int(m.group(1)) / float(m.group(2))
assert abs(rate - true) <= 0.01 * true + 0.005 * 1000 ** bool(m.group(4)), (rate, true)
PY
if [ "$SILENT_CHECKS" = 1 ]; then
    $TTY "$TMP/o7" "$TMP/e7" "$P" tournament "$SRC/examples/ceasefire-relaxed.json" --agents boulware,conceder \
        --repeats 400 --threads 1 --quiet || fail "tournament --quiet"
    [ ! -s "$TMP/e7" ] || fail "tournament --quiet still draws"
fi

# conflict: a graph model of 2^18 states (3 decision makers, 18 options; 2^16 became too fast to report progress
# once the stability notions were sped up), every notion: the states judged
python3 - "$TMP/big-conflict.json" <<'PY'
import json, sys
dms = []
for k in range(3):
    n = 7 if k < 2 else 4
    opts = [{"id": f"d{k}o{i}", "name": f"option {i} of {k}"} for i in range(n)]
    others = [f"d{(k + 1) % 3}o{i}" for i in range(3)]
    prefs = [f"d{k}o0", f"-{others[0]}", f"d{k}o1 iff {others[1]}", f"-d{k}o2", others[2]]
    dms.append({"name": f"DM{k}", "options": opts, "preferences": prefs})
json.dump({"name": "progress", "decision_makers": dms}, open(sys.argv[1], "w"))
PY
$TTY "$TMP/o9" "$TMP/e9" "$P" conflict "$TMP/big-conflict.json" --threads 1 || fail "conflict on a terminal: exit $?"
expect_in "$TMP/e9" "parley conflict: " "conflict draws progress"
expect_in "$TMP/e9" "states" "conflict counts states"
clean_stdout "$TMP/o9" || fail "conflict: progress mixed into stdout"
if [ "$SILENT_CHECKS" = 1 ]; then
    $TTY "$TMP/o10" "$TMP/e10" "$P" conflict "$TMP/big-conflict.json" --threads 1 --quiet || fail "conflict --quiet"
    [ ! -s "$TMP/e10" ] || fail "conflict --quiet still draws"
fi

[ "$fails" -eq 0 ] || exit 1
echo "PASS progress"
