#!/bin/bash
# kill_tournament12.sh: what `parley tournament`, `convert` and the agents' list under --help write (issue 27:
# src/cli/cmd_tournament.c, tournament_dist.c, cmd_convert.c and cli_common.c's name list, pinned): the
# checkpoint's first line and the longest name it may have, the per-scenario table's title column, the profile
# files of a GENIUS conversion, and the agents' names filled into lines as worked out here.
set -uo pipefail
PARLEY=$1
SRC=$2
. "$SRC/tests/cli/lib/check.sh"

FLAT="$SRC/examples/textbook-flatmates.json"

# --- the agents' names under --help (cli_print_agent_names): every agent of `parley agents --json`, in its order,
# greedily filled into lines of at most 79 characters after a one-space indent ("  name," each)
"$PARLEY" agents --json >"$TMP/agents.json" || fail "agents --json"
for cmd in negotiate tournament; do
    expect_exit 0 "$cmd --help" "$PARLEY" "$cmd" --help
    sed -n '/^Agents (`parley agents` describes them and their parameters):$/,$p' "$TMP/out" | tail -n +2 >"$TMP/names.out"
    python3 - "$TMP/agents.json" >"$TMP/names.want" <<'PY'
import json, sys
names = [a["name"] for a in json.load(open(sys.argv[1])) if a["kind"] == "agent"]
lines, line = [], " "
for n in names:
    if len(line) + len(n) + 2 > 79:
        lines.append(line)
        line = " "
    line += " " + n + ","
lines.append(line + " or a plug-in PATH.so")
print("\n".join(lines))
PY
    same_names=$(cmp -s "$TMP/names.want" "$TMP/names.out" && echo yes)
    [ "$same_names" = yes ] || fail "$cmd --help: the agents' names: $(diff "$TMP/names.want" "$TMP/names.out")"
done

# --- the tournament's checkpoint: its first line names the runs and the arguments that decide them (not where
# output goes, the threads or --quiet/--json, in either spelling); its name plus ".tmp" must fit in 4095 bytes
BS="$SRC/examples/textbook-buyer-seller.json"
expect_exit 0 "tournament --checkpoint" "$PARLEY" tournament "$BS" --agents boulware,conceder --checkpoint "$TMP/c.ckpt" \
    --rounds 10 --quiet --threads 2 --csv="$TMP/c.csv" --stats-json "$TMP/s.json" --json --plot="$TMP/c.svg"
head -1 "$TMP/c.ckpt" >"$TMP/c.head"
printf '{"parley_checkpoint":1,"fingerprint":"%s --agents boulware,conceder --rounds 10 ","runs":2}\n' "$BS" >"$TMP/want"
cmp -s "$TMP/want" "$TMP/c.head" || fail "tournament --checkpoint: the first line is $(cat "$TMP/c.head")"
[ "$(wc -l <"$TMP/c.ckpt")" = 3 ] || fail "tournament --checkpoint: not the header and two runs"
for f in c.csv s.json c.svg; do [ -s "$TMP/$f" ] || fail "tournament --checkpoint: no $f"; done
long_paths() { # prints two checkpoint names in a deep folder under TMP: 4091 and 4092 bytes long
    python3 - "$TMP" <<'PY'
import os, sys
d = sys.argv[1]
while len(d) < 3700:
    d = os.path.join(d, "d" * 200)
d = os.path.join(d, "e" * (3880 - len(d) - 1))
os.makedirs(d)
for total in (4091, 4092):
    print(d + "/" + "c" * (total - len(d) - 1))
PY
}
mapfile -t LONG < <(long_paths)
expect_exit 0 "a checkpoint of 4091 bytes" "$PARLEY" tournament "$BS" --agents boulware,conceder --rounds 10 --checkpoint "${LONG[0]}"
[ -s "${LONG[0]}" ] || fail "a checkpoint of 4091 bytes: not written"
expect_exit 2 "a checkpoint of 4092 bytes" "$PARLEY" tournament "$BS" --agents boulware,conceder --rounds 10 --checkpoint "${LONG[1]}"
grep -qx "parley tournament: /.*: the checkpoint's path is too long" "$TMP/err" || # (the name is cut in the message)
    fail "a checkpoint of 4092 bytes: $(tail -c 200 "$TMP/err")"

# --- convert to GENIUS XML: the domain as -o names it, one profile per party beside it, named after the party
# with / \ : and space made _, and PARTY-profile.xml when that is the domain's own name
expect_exit 0 "convert -o Ann.xml" "$PARLEY" convert "$FLAT" -o "$TMP/g/Ann.xml"
printf 'wrote %s\n' "$TMP/g/Ann.xml" "$TMP/g/Ann-profile.xml" "$TMP/g/Bob.xml" "$TMP/g/Cat.xml" >"$TMP/want"
cmp -s "$TMP/want" "$TMP/out" || fail "convert -o Ann.xml: $(cat "$TMP/out")"
[ "$(ls "$TMP/g" | tr '\n' ' ')" = "Ann-profile.xml Ann.xml Bob.xml Cat.xml " ] || fail "convert -o Ann.xml: files $(ls "$TMP/g")"
python3 - "$FLAT" "$TMP/odd.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["parties"][1]["name"] = "Bo b/x:y\\z"
json.dump(d, open(sys.argv[2], "w"))
PY
expect_exit 0 "convert, an odd party name" "$PARLEY" convert "$TMP/odd.json" -o "$TMP/h/x.xml"
printf 'wrote %s\n' "$TMP/h/x.xml" "$TMP/h/Ann.xml" "$TMP/h/Bo_b_x_y_z.xml" "$TMP/h/Cat.xml" >"$TMP/want"
cmp -s "$TMP/want" "$TMP/out" || fail "convert, an odd party name: $(cat "$TMP/out")"

# --- resuming from a checkpoint: a second start with the same arguments plays nothing and reports the same (the
# opponent models' accuracy too, kept in the file as 20 numbers per party); lines are read up to the first that
# is not a whole, valid run, so a forged run 0 before an invalid line is believed and a forged run 1 after it is not
ARGS=("$BS" --agents boulware,conceder --rounds 10 --quiet --model frequency --stats --bootstrap 10 --json)
expect_exit 0 "checkpoint, first start" "$PARLEY" tournament "${ARGS[@]}" --checkpoint "$TMP/r.ckpt"
mv "$TMP/out" "$TMP/r1.json"
expect_exit 0 "checkpoint, second start" "$PARLEY" tournament "${ARGS[@]}" --checkpoint "$TMP/r.ckpt"
mv "$TMP/out" "$TMP/r2.json"
head -1 "$TMP/r.ckpt" >"$TMP/forged.ckpt"
python3 - "$TMP/r1.json" "$TMP/r2.json" "$TMP/r.ckpt" "$TMP/forged.ckpt" <<'PY' || fail "checkpoint: resumed differently"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
a.pop("seconds"), b.pop("seconds")
assert a == b, "the second start reports otherwise"
assert all(x["model_accuracy"]["pearson"] > 0 for x in a["stats"]["agents"]), a["stats"]
lines = open(sys.argv[3]).read().splitlines()
assert len(lines) == 3, lines
runs = [json.loads(l) for l in lines[1:]]
assert [r["run"] for r in runs] == [0, 1] and all(len(r["accuracy"]) == 40 for r in runs), runs
r0, r1 = runs
r0["utility"] = r0["discounted"] = [0.875, 0.125]
r1["utility"] = r1["discounted"] = [0.125, 0.875]
bad = dict(r1, run=2)  # run 2 of 2: not a run of this tournament
with open(sys.argv[4], "a") as f:
    f.write(json.dumps(r0) + "\n" + json.dumps(bad) + "\n" + json.dumps(r1) + "\n")
PY
expect_exit 0 "checkpoint, forged" "$PARLEY" tournament "${ARGS[@]}" --checkpoint "$TMP/forged.ckpt"
python3 - "$TMP/r1.json" "$TMP/out" <<'PY' || fail "checkpoint, forged: not run 0 from the file and run 1 played again"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
assert b["runs"][0]["utilities"] == [0.875, 0.125], b["runs"][0]
assert b["runs"][1] == a["runs"][1], (b["runs"][1], a["runs"][1])
PY
[ "$(wc -l <"$TMP/forged.ckpt")" = 3 ] || fail "checkpoint, forged: the invalid line and what followed it were not dropped"

# --- output that cannot be written (a full device): exit 1 and the reason, for the CSV and the statistics
for opt in --csv --stats-json --stats-csv; do
    expect_exit 1 "tournament $opt /dev/full" "$PARLEY" tournament "$BS" --agents boulware,conceder --rounds 10 --quiet \
        --bootstrap 10 "$opt" /dev/full
    what="the statistics"
    [ "$opt" = --csv ] && what="the CSV file"
    stderr_is "tournament $opt /dev/full" "parley tournament: /dev/full: cannot write $what: No space left on device"
done
expect_exit 0 "tournament on 2 threads" "$PARLEY" tournament "$BS" --agents boulware,conceder --rounds 10 --quiet --threads 2
grep -qE '^2 negotiations in [0-9.]+ s on 2 threads \(' "$TMP/out" || fail "tournament on 2 threads: $(head -1 "$TMP/out")"
expect_exit 2 "tournament, a misspelt option" "$PARLEY" tournament "$BS" --agents boulware,conceder --rouds 10
stderr_is "tournament, a misspelt option" "parley tournament: unknown option '--rouds' (did you mean --rounds?)
(see 'parley tournament --help')"

# --- the tournament's table per scenario: titles in a column of 32 characters (UTF-8 counted as characters),
# padded, or cut to 31 and an ellipsis
title() { # file title
    python3 - "$SRC/examples/textbook-buyer-seller.json" "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["title"] = sys.argv[3]
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
}
T31=abcdefghijklmnopqrstuvwxyz01234
title "$TMP/t31.json" "$T31"
title "$TMP/t32.json" "${T31}5"
title "$TMP/t33.json" "${T31}56"
title "$TMP/u32.json" "${T31}é"
title "$TMP/u33.json" "${T31}éü"
expect_exit 0 "tournament, five titles" "$PARLEY" tournament "$TMP/t31.json" "$TMP/t32.json" "$TMP/t33.json" \
    "$TMP/u32.json" "$TMP/u33.json" --agents boulware,conceder --rounds 20 --quiet --threads 1
for row in "$T31  " "${T31}5 " "${T31}… " "${T31}é " "${T31}… "; do
    grep -qF -- "$row       2 " "$TMP/out" || fail "tournament, five titles: no row '$row       2 ': $(cat "$TMP/out")"
done
[ "$(grep -c "^${T31}… " "$TMP/out")" = 2 ] || fail "tournament, five titles: not two titles cut"
grep -qE '^10 negotiations in [0-9.]+ s on 1 thread \(' "$TMP/out" || fail "tournament, five titles: not 2 assignments of 5 scenarios on 1 thread: $(head -3 "$TMP/out")"
[ "$fails" -eq 0 ] || exit 1
echo "PASS kill_tournament12"
