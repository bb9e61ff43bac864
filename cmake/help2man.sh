#!/bin/sh
# help2man.sh: writes man pages (troff) for parley and each subcommand from their --help text, at build time,
# so that a man page says exactly what --help says.  usage: help2man.sh PARLEY OUTDIR CMD...
set -eu
parley=$1 outdir=$2
shift 2
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

commands="$*"
# The one-line summaries are the ones `parley --help` lists under "commands:".
summary_of() { "$parley" --help | awk -v c="$1" '$1 == c { $1 = ""; sub(/^ +/, ""); print; exit }'; }
page parley "a negotiation engine" "$parley" --help
for c in $commands; do
    s=$(summary_of "$c")
    [ -n "$s" ] || { echo "help2man.sh: '$c' is not listed by parley --help" >&2; exit 1; }
    page "parley-$c" "$s" "$parley" "$c" --help
done
