# completion.sh: the bash completion (completion/parley.bash.in) over this binary's --help texts: commands,
# every option of a command (propose's --improve and --limit, serve's agent options), the values of
# `--option a|b|c` as --help lists them (--rule welfare, --to, --estimator, --protocol, --sync), the comma lists
# of --agents and --notions, folders for --agent-dir.
# usage: bash completion.sh PARLEY_BINARY SOURCE_DIR
set -u
PARLEY=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: completions run in $TMP
SRC=$2
source "$(dirname "$0")/lib/check.sh"
sed 's/@PARLEY_AGENTS@/boulware conceder tit-for-tat/' "$SRC/completion/parley.bash.in" >"$TMP/parley"
mkdir -p "$TMP/agents-here" "$TMP/agents-there"

complete_words() { # words...: prints the completions of the last word, one a line
    (cd "$TMP" && bash -c '. ./parley; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _parley; printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$@")
}
expect_completion() { # description expected-line words...
    local what=$1 want=$2; shift 2
    complete_words "$@" >"$TMP/got"
    grep -qxF -- "$want" "$TMP/got" || fail "$what: '$want' not among: $(tr '\n' ' ' <"$TMP/got")"
}
expect_none() { # description unexpected-line words...
    local what=$1 unwanted=$2; shift 2
    complete_words "$@" >"$TMP/got"
    grep -qxF -- "$unwanted" "$TMP/got" && fail "$what: '$unwanted' offered"
}

expect_completion "a command" propose "$PARLEY" pro
expect_completion "propose --improve" --improve "$PARLEY" propose x.json --imp
expect_completion "propose --limit" --limit "$PARLEY" propose x.json --li
expect_completion "propose --rule welfare" welfare "$PARLEY" propose x.json --rule w
expect_completion "propose --rule: every rule" egalitarian "$PARLEY" propose x.json --rule ''
for opt in --agent-dir --python --agent-seconds --agents-per-negotiation --agent-memory --running-per-negotiation --max-red-lines; do
    expect_completion "serve $opt" "$opt" "$PARLEY" serve "${opt:0:5}"
done
expect_completion "serve --sync" normal "$PARLEY" serve --sync n
expect_completion "serve --agent-dir: a folder" agents-here "$PARLEY" serve --agent-dir agents-h
expect_none "serve --agent-dir: not a file" parley "$PARLEY" serve --agent-dir p
expect_completion "convert --to" geniusweb "$PARLEY" convert x.xml --to geniusw
expect_completion "tournament --estimator" frequency "$PARLEY" tournament x.json --estimator f
expect_completion "negotiate --protocol" single-text "$PARLEY" negotiate x.json --protocol si
expect_completion "negotiate --clock" genius "$PARLEY" negotiate x.json --clock g
expect_completion "negotiate --model" smith "$PARLEY" negotiate x.json --model s
expect_completion "an agent after a comma" boulware,conceder "$PARLEY" negotiate --agents boulware,co
expect_completion "a notion after a comma" nash,seqsim "$PARLEY" conflict m.json --notions nash,seqs
expect_completion "a file" parley "$PARLEY" analyze par
[ "$fails" -eq 0 ] || exit 1
