#!/bin/sh
# help2man.sh: writes man pages (troff) for parley and each subcommand from their --help text, at build time,
# so that a man page says exactly what --help says.  usage: help2man.sh PARLEY OUTDIR
# The commands are the ones `parley --help` lists under "commands:", with their one-line summaries.
set -eu
parley=$1 outdir=$2
rm -rf "$outdir"
mkdir -p "$outdir"
version=$("$parley" --version | sed 's/^parley //')

# Escapes help text for troff: backslashes, and lines starting with '.' or '\''.
escape() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

# page NAME SUMMARY HELPTEXT-CMD...
page() {
    name=$1 summary=$2
    shift 2
    upper=$(echo "$name" | tr '[:lower:]' '[:upper:]')
    {
        echo ".TH $upper 1 \"\" \"parley $version\" \"parley manual\""
        echo ".SH NAME"
        echo "$name \\- $summary"
        echo ".SH DESCRIPTION"
        echo ".nf"
        "$@" | escape
        echo ".fi"
        echo ".SH EXIT STATUS"
        echo "0 success, 1 runtime failure, 2 bad input or usage."
        echo ".SH SEE ALSO"
        if [ "$name" = parley ]; then
            for c in $commands; do printf '.BR parley-%s (1)\n' "$c"; done
        else
            echo ".BR parley (1)"
        fi
    } > "$outdir/$name.1"
}

listing() { "$parley" --help | awk '/^commands:/ { on = 1; next } on && !NF { exit } on { print }'; }
commands=$(listing | awk '{ print $1 }')
[ -n "$commands" ] || { echo "help2man.sh: parley --help lists no commands" >&2; exit 1; }
page parley "a negotiation engine" "$parley" --help
for c in $commands; do
    s=$(listing | awk -v c="$c" '$1 == c { $1 = ""; sub(/^ +/, ""); print; exit }')
    page "parley-$c" "$s" "$parley" "$c" --help
done
