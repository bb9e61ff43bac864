#!/bin/bash
# kill_cli12.sh: the shared command-line helpers (src/cli/cli_common.c, main.c) and the option ranges of analyze,
# diagnose, propose, convert, negotiate and tournament, each at both ends, with the exact message and exit code
# (issue 27: a changed bound or a dropped message reached no test).  An option's accepted end is shown by the run
# going on to the next check: given no scenario, every command stops at "expected a scenario file" (or its own
# word for it), so a bound that refused a value in range would stop it earlier with that option's message.
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"

usage_is() { # description command message: stderr is the usage error of command
    stderr_is "$1" "parley $2: $3
(see 'parley $2 --help')"
}
FLAT="$SRC/examples/textbook-flatmates.json"

# --- main.c: the command list, unknown commands, suggestions
VERSION=$("$PARLEY" --version | sed 's/^parley //')
cat >"$TMP/help.txt" <<EOF2
parley $VERSION: a negotiation engine

usage: parley <command> [options]

commands:
  analyze     outcomes, zone of agreement, Pareto frontier, Nash/Kalai/egalitarian/welfare
  diagnose    why no deal exists: conflicting red lines, relaxations that open a zone
  propose     the package a mediator would table, explained; checks amendments; improves a deal
  negotiate   run a negotiation: alternating offers, single text, shuttle mediation
  tournament  many negotiations in parallel: every agent against every other, ranked
  conflict    Graph Model for Conflict Resolution: stability analysis
  serve       host live mediated talks: HTTP API, durable storage, web dashboard
  convert     between native scenarios, GENIUS XML and GeniusWeb JSON
  agents      the built-in agents and BOA components, their parameters and sources

Every command has --help and --json. Exit codes: 0 success, 1 failure, 2 bad input.
EOF2
expect_exit 0 "--help" "$PARLEY" --help
cmp -s "$TMP/help.txt" "$TMP/out" || fail "--help: $(diff "$TMP/help.txt" "$TMP/out")"
expect_exit 2 "no command" "$PARLEY"
cmp -s "$TMP/help.txt" "$TMP/err" || fail "no command: the help on stderr: $(diff "$TMP/help.txt" "$TMP/err")"
expect_exit 2 "a misspelt command" "$PARLEY" tournment --json
{ echo "parley: unknown command 'tournment' (did you mean 'tournament'?)"; cat "$TMP/help.txt"; } >"$TMP/want"
cmp -s "$TMP/want" "$TMP/err" || fail "a misspelt command: $(diff "$TMP/want" "$TMP/err")"
expect_exit 2 "an unknown command" "$PARLEY" qqqqqqqq
{ echo "parley: unknown command 'qqqqqqqq'"; cat "$TMP/help.txt"; } >"$TMP/want"
cmp -s "$TMP/want" "$TMP/err" || fail "an unknown command: $(diff "$TMP/want" "$TMP/err")"
expect_exit 2 "a hidden command misspelt" "$PARLEY" seat-answe
{ echo "parley: unknown command 'seat-answe'"; cat "$TMP/help.txt"; } >"$TMP/want"
cmp -s "$TMP/want" "$TMP/err" || fail "a hidden command misspelt: it is suggested: $(head -1 "$TMP/err")"

# --- usage errors, text and --json (cli_usage_error, cli_unknown_option, print_json_error)
expect_exit 2 "analyze, no scenario" "$PARLEY" analyze
usage_is "analyze, no scenario" analyze "expected a scenario file"
expect_exit 2 "analyze, a misspelt option" "$PARLEY" analyze --frontiers "$FLAT"
usage_is "analyze, a misspelt option" analyze "unknown option '--frontiers' (did you mean --frontier?)"
expect_exit 2 "analyze, a misspelt option=value" "$PARLEY" analyze --thread=123456789 "$FLAT"
usage_is "analyze, a misspelt option=value" analyze "unknown option '--thread=123456789' (did you mean --threads?)"
expect_exit 2 "analyze, an unknown option" "$PARLEY" analyze --qqqqqqqqqq "$FLAT"
usage_is "analyze, an unknown option" analyze "unknown option '--qqqqqqqqqq'"
expect_exit 2 "analyze --json, no scenario" "$PARLEY" analyze --json
cat >"$TMP/want" <<'EOF2'
{
  "error": "expected a scenario file",
  "kind": "usage",
  "command": "analyze"
}
EOF2
cmp -s "$TMP/want" "$TMP/err" || fail "analyze --json, no scenario: $(cat "$TMP/err")"
[ -s "$TMP/out" ] && fail "analyze --json, no scenario: something on stdout"

# a scenario with a syntax error: the place as file:line:column, or as JSON fields
printf '{\n  "name": "x",\n  "issues": [,]\n}\n' >"$TMP/syntax.json"
expect_exit 2 "analyze, a syntax error" "$PARLEY" analyze "$TMP/syntax.json"
grep -q "^parley analyze: $TMP/syntax.json:3:14: " "$TMP/err" || fail "analyze, a syntax error: not at 3:14: $(cat "$TMP/err")"
[ "$(wc -l <"$TMP/err")" = 1 ] || fail "analyze, a syntax error: not one line"
expect_exit 2 "analyze --json, a syntax error" "$PARLEY" analyze --json "$TMP/syntax.json"
python3 - "$TMP/err" "$TMP/syntax.json" "$TMP/out" <<'PY' || fail "analyze --json, a syntax error: $(cat "$TMP/err")"
import json, os, sys
e = json.load(open(sys.argv[1]))
assert e["kind"] == "bad input" and e["command"] == "analyze", e
assert e["file"] == sys.argv[2] and e["line"] == 3 and e["column"] == 14, e
assert "path" not in e and e["error"], e
assert os.path.getsize(sys.argv[3]) == 0
PY
# line 1 and column 1 are places too
printf '{,}\n' >"$TMP/l1.json"
expect_exit 2 "analyze --json, an error on line 1" "$PARLEY" analyze --json "$TMP/l1.json"
grep -q '^  "line": 1,$' "$TMP/err" && grep -q '^  "column": 2$' "$TMP/err" || fail "analyze --json, an error on line 1: $(cat "$TMP/err")"
printf '{"name": "x"\n}\n}\n' >"$TMP/c1.json"
expect_exit 2 "analyze --json, an error in column 1" "$PARLEY" analyze --json "$TMP/c1.json"
grep -q '^  "line": 3,$' "$TMP/err" && grep -q '^  "column": 1$' "$TMP/err" || fail "analyze --json, an error in column 1: $(cat "$TMP/err")"
expect_exit 2 "analyze, an error in column 1" "$PARLEY" analyze "$TMP/c1.json"
grep -q "^parley analyze: $TMP/c1.json:3:1: end of file expected" "$TMP/err" || fail "analyze, an error in column 1: $(cat "$TMP/err")"
# a semantic error: a JSON path, no line
printf '{"name": "x", "issues": [{"name": "rent", "values": ["a", "b"]}], "parties": 7}\n' >"$TMP/parties.json"
expect_exit 2 "analyze --json, a bad field" "$PARLEY" analyze --json "$TMP/parties.json"
python3 - "$TMP/err" "$TMP/parties.json" <<'PY' || fail "analyze --json, a bad field: $(cat "$TMP/err")"
import json, sys
e = json.load(open(sys.argv[1]))
assert e["kind"] == "bad input" and e["file"] == sys.argv[2], e
assert "line" not in e and "column" not in e and e.get("path"), e
PY

# --- a choice among words (cli_bad_choice): the list, the nearest word
expect_exit 2 "negotiate --protocol" "$PARLEY" negotiate "$FLAT" --agents boulware,conceder --protocol shutle
usage_is "negotiate --protocol" negotiate "--protocol expects alternating, single-text or shuttle, got 'shutle' (did you mean shuttle?)"
expect_exit 2 "tournament --protocol" "$PARLEY" tournament "$FLAT" --agents boulware,conceder --protocol qqqqqqqqqqq
usage_is "tournament --protocol" tournament "--protocol expects alternating, single-text or shuttle, got 'qqqqqqqqqqq'"
printf '%s\n' '{"name": "m", "decision_makers": [{"name": "Hamas", "options": ["x"]}, {"name": "Israel", "options": ["y"]}]}' >"$TMP/m.json"
expect_exit 2 "conflict --focus" "$PARLEY" conflict "$TMP/m.json" --svg "$TMP/m.svg" --focus Israeli
usage_is "conflict --focus" conflict "--focus expects Hamas or Israel, got 'Israeli' (did you mean Israel?)"

# --- output files (cli_check_output): a folder, a missing folder, an empty name; a new folder with -o of convert
mkdir "$TMP/dir"
expect_exit 2 "--csv a folder" "$PARLEY" tournament "$FLAT" --agents boulware,conceder --csv "$TMP/dir"
stderr_is "--csv a folder" "parley tournament: $TMP/dir: --csv: cannot write there: Is a directory"
expect_exit 2 "--plot in a missing folder" "$PARLEY" analyze "$FLAT" --plot "$TMP/none/p.svg"
stderr_is "--plot in a missing folder" "parley analyze: $TMP/none/p.svg: --plot: cannot write there: No such file or directory"
expect_exit 2 "--dot ''" "$PARLEY" conflict "$TMP/m.json" --dot ""
stderr_is "--dot ''" "parley conflict: --dot: cannot write there: No such file or directory"
expect_exit 2 "--svg under a file" "$PARLEY" conflict "$TMP/m.json" --svg "$TMP/m.json/x.svg"
stderr_is "--svg under a file" "parley conflict: $TMP/m.json/x.svg: --svg: cannot write there: Not a directory"
expect_exit 0 "--dot in an existing file" "$PARLEY" conflict "$TMP/m.json" --dot "$TMP/m.json.dot"
expect_exit 0 "--dot again over it" "$PARLEY" conflict "$TMP/m.json" --dot "$TMP/m.json.dot"
expect_exit 0 "convert -o in new folders" "$PARLEY" convert "$FLAT" -o "$TMP/new/deeper/flat.json"
[ -s "$TMP/new/deeper/flat.json" ] || fail "convert -o in new folders: nothing written"
expect_exit 2 "convert -o under a file" "$PARLEY" convert "$FLAT" -o "$TMP/m.json/x/flat.json"
stderr_is "convert -o under a file" "parley convert: $TMP/m.json/x/flat.json: -o: cannot write there: Not a directory"

# --- whole-number options: one below and one above the range refused with the range named; both ends accepted
# (the run then stops at the missing scenario).  command option min max
RANGES="analyze --threads 1 64
analyze --evaluations 1000 2000000000
analyze --seed 1 2000000000
diagnose --threads 1 64
propose --limit 1 100000
propose --threads 1 64
negotiate --rounds 1 100000000
negotiate --seed 0 2147483647
tournament --rounds 1 100000000
tournament --repeats 1 1000000
tournament --seed 0 2147483647
tournament --threads 1 64
tournament --bootstrap 10 1000000
tournament --uncertain 1 1000000
tournament --elicit 0 1000000"
declare -A lows highs
while read -r cmd opt min max; do
    for bad in $((min - 1)) $((max + 1)); do
        expect_exit 2 "$cmd $opt $bad" "$PARLEY" "$cmd" "$opt" "$bad"
        usage_is "$cmd $opt $bad" "$cmd" "$opt expects a whole number from $min to $max, got '$bad'"
    done
    lows[$cmd]+=" $opt $min"
    highs[$cmd]+=" $opt=$max"
done <<<"$RANGES"
expect_exit 2 "conflict --horizon 0" "$PARLEY" conflict "$TMP/m.json" --horizon 0
usage_is "conflict --horizon 0" conflict "--horizon expects a whole number from 1 to 1000, got '0'"
expect_exit 2 "conflict --horizon 1001" "$PARLEY" conflict "$TMP/m.json" --horizon=1001
usage_is "conflict --horizon 1001" conflict "--horizon expects a whole number from 1 to 1000, got '1001'"
expect_exit 2 "conflict --threads 65" "$PARLEY" conflict "$TMP/m.json" --threads 65
usage_is "conflict --threads 65" conflict "--threads expects a whole number from 1 to 64, got '65'"
expect_exit 0 "conflict --horizon 1000 --threads 64" "$PARLEY" conflict "$TMP/m.json" --horizon 1000 --threads 64
expect_in "$TMP/out" "(Lh: limited-move stability with horizon h = 1000)" "conflict --horizon 1000"
expect_exit 0 "conflict --horizon 1 --threads 1" "$PARLEY" conflict "$TMP/m.json" --horizon 1 --threads 1
expect_in "$TMP/out" "(Lh: limited-move stability with horizon h = 1)" "conflict --horizon 1"
expect_in "$TMP/out" "on 1 thread" "conflict --threads 1"

# numbers with a fraction: --time of analyze, diagnose and propose in [0, 1]; of negotiate and tournament in
# seconds (0, 86400]; --elicit-cost in [0, 1]
for cmd in analyze diagnose propose; do
    for bad in -0.001 1.001; do
        expect_exit 2 "$cmd --time $bad" "$PARLEY" "$cmd" --time "$bad"
        usage_is "$cmd --time $bad" "$cmd" "--time expects a number in [0,1], got '$bad'"
    done
    expect_exit 2 "$cmd --time x" "$PARLEY" "$cmd" --time x
    usage_is "$cmd --time x" "$cmd" "--time expects a number, got 'x'"
    lows[$cmd]+=" --time 0"
    highs[$cmd]+=" --time=1"
done
for cmd in negotiate tournament; do
    for bad in 0 86400.01; do
        expect_exit 2 "$cmd --time $bad" "$PARLEY" "$cmd" --time "$bad"
        usage_is "$cmd --time $bad" "$cmd" "--time expects seconds in (0, 86400]"
    done
    lows[$cmd]+=" --time 0.001"
    highs[$cmd]+=" --time=86400"
done
for bad in -0.01 1.01; do
    expect_exit 2 "--elicit-cost $bad" "$PARLEY" tournament --elicit-cost "$bad"
    usage_is "--elicit-cost $bad" tournament "--elicit-cost expects a cost per outcome in [0,1]"
done
lows[tournament]+=" --elicit-cost 0 --uncertain-parties 1 --estimator frequency --model smith --clock genius"
highs[tournament]+=" --elicit-cost=1 --uncertain-parties=64,1 --estimator=lp --model=bayes --clock=parley"
for bad in 0 65 1,,2 1x ,2; do
    expect_exit 2 "--uncertain-parties $bad" "$PARLEY" tournament --uncertain-parties "$bad"
    usage_is "--uncertain-parties $bad" tournament "--uncertain-parties expects party numbers 1..64 separated by commas, got '$bad'"
done
expect_exit 2 "--estimator" "$PARLEY" tournament --estimator bayes
usage_is "--estimator" tournament "--estimator expects lp or frequency"
expect_exit 2 "--model" "$PARLEY" tournament --model lp
usage_is "--model" tournament "--model expects frequency, smith or bayes"
expect_exit 2 "--clock" "$PARLEY" tournament --clock wall
usage_is "--clock" tournament "--clock expects parley or genius"
expect_exit 2 "tournament --estimator without a value" "$PARLEY" tournament --estimator
usage_is "tournament --estimator without a value" tournament "--estimator expects lp or frequency"
for opt in --elicit-cost --uncertain-parties --bootstrap --uncertain --elicit --stats-json; do
    expect_exit 2 "tournament $opt without a value" "$PARLEY" tournament "$opt"
    grep -q "^parley tournament: $opt needs " "$TMP/err" || fail "tournament $opt without a value: $(cat "$TMP/err")"
done
NO_SCENARIO=(analyze "expected a scenario file" diagnose "expected a scenario file" propose "expected a scenario file"
    negotiate "expected a scenario file" tournament "expected at least one scenario")
lows[diagnose]+=" --quiet"
highs[diagnose]+=" --normalise-weights"
lows[analyze]+=" --quiet --frontier --exact"
for ((k = 0; k < ${#NO_SCENARIO[@]}; k += 2)); do
    cmd=${NO_SCENARIO[k]}
    # shellcheck disable=SC2086 # the options are words
    expect_exit 2 "$cmd, every option at its lowest" "$PARLEY" "$cmd" ${lows[$cmd]}
    usage_is "$cmd, every option at its lowest" "$cmd" "${NO_SCENARIO[k + 1]}"
    # shellcheck disable=SC2086
    expect_exit 2 "$cmd, every option at its highest" "$PARLEY" "$cmd" ${highs[$cmd]}
    usage_is "$cmd, every option at its highest" "$cmd" "${NO_SCENARIO[k + 1]}"
done

# --- propose: a whole package is every issue once (parse_package)
expect_exit 2 "propose --improve, an issue missing" "$PARLEY" propose "$FLAT" --improve day=sat
usage_is "propose --improve, an issue missing" propose "--improve gives no value for issue 'place' (expected every issue)"
expect_exit 2 "propose --text, an issue missing" "$PARLEY" propose "$FLAT" --text place=park --amend day=sun
usage_is "propose --text, an issue missing" propose "--text gives no value for issue 'day' (expected every issue)"
expect_exit 2 "propose --improve, an unknown value" "$PARLEY" propose "$FLAT" --improve day=sat,place=zoo
grep -q "^parley propose: --improve: .* at 'place=zoo'$" "$TMP/err" || fail "propose --improve, an unknown value: $(cat "$TMP/err")"
expect_exit 2 "propose --improve without a value" "$PARLEY" propose "$FLAT" --improve
usage_is "propose --improve without a value" propose "--improve needs the agreement, 'issue=value,...'"
expect_exit 2 "propose --compare without a value" "$PARLEY" propose "$FLAT" --compare
usage_is "propose --compare without a value" propose "--compare needs a file of candidate texts"

[ "$fails" -eq 0 ] || exit 1
echo "PASS kill_cli12"
