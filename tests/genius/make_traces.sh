#!/bin/bash
# make_traces.sh: more reference traces from the original GENIUS agents, through the headless harness of
# ../shared/genius-reference (GENIUS built once with its harness/build.sh into $GENIUS_BUILD, default
# /tmp/genius-build), in the layout compare_traces.py reads (DOMAIN__AGENT__OPPONENT__sSEED.jsonl + index.jsonl).
# usage: tests/genius/make_traces.sh OUT "Domain1 Domain2" "Agent1 Agent2" "Opponent1 Opponent2" [SEEDS] [ROUNDS]
#   e.g. tests/genius/make_traces.sh /tmp/more "Barter FiftyFifty" "HardHeaded" "Boulware Conceder" "1 2 3"
#   then python3 tests/genius/compare_traces.py --traces /tmp/more --only boulware,conceder,hardheaded
# Agents by the harness's names (Boulware, Conceder, HardHeaded, AgentK, ... or a full GENIUS class name).
# A domain is NAME (the folder NAME under GENIUS_DOMAINS, default ../shared/genius/anac2012), a folder path, or
# NAME=DOMAIN.xml+PROF1.xml+PROF2.xml (explicit files, relative to GENIUS_DOMAINS or absolute).  In a folder,
# NAME-A-domain.xml with its -A-prof1/-A-prof2 (ANAC 2012) come first; otherwise the file whose name holds "domain"
# (or is NAME.xml) is the domain and the two other XML files, in name order, are the profiles (ANAC 2013:
# Coffee.xml + Coffee_util1.xml + Coffee_util2.xml, Kitchen-domain.xml + Kitchen-husband.xml + Kitchen-wife.xml).
# The first agent plays the first profile.  GENIUS runs under nice, from a scratch folder (AgentM writes files).
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
HARNESS=${HARNESS:-$here/../shared/genius-reference/harness}
DOMAINS=${GENIUS_DOMAINS:-$here/../shared/genius/anac2012}
[ $# -ge 4 ] || { sed -n 2,13p "$0"; exit 2; }
OUT=$1 SEEDS=${5:-1} ROUNDS=${6:-1000}

# resolve TOKEN: sets name, dom, p1, p2 (or says why not and returns 1)
resolve() {
    local tok=$1 g f files=() rest=()
    case $tok in
    *=*)
        name=${tok%%=*}
        IFS=+ read -r dom p1 p2 <<<"${tok#*=}"
        for f in dom p1 p2; do [[ ${!f} = /* ]] || printf -v "$f" '%s' "$DOMAINS/${!f}"; done ;;
    *)
        if [[ $tok = */* ]]; then g=${tok%/}; else g=$DOMAINS/$tok; fi
        name=$(basename "$g")
        dom=$g/$name-A-domain.xml p1=$g/$name-A-prof1.xml p2=$g/$name-A-prof2.xml
        if [ ! -f "$dom" ]; then
            mapfile -t files < <(ls "$g"/*.xml 2>/dev/null | sort)
            dom=""
            for f in "${files[@]}"; do
                if [[ $(basename "$f") = *[Dd]omain* || $(basename "$f") = "$name.xml" ]] && [ -z "$dom" ]; then
                    dom=$f
                else
                    rest+=("$f")
                fi
            done
            [ -n "$dom" ] && [ ${#rest[@]} -eq 2 ] ||
                { echo "make_traces: no domain and two profiles in $g" >&2; return 1; }
            p1=${rest[0]} p2=${rest[1]}
        fi ;;
    esac
    for f in "$dom" "$p1" "$p2"; do [ -f "$f" ] || { echo "make_traces: no file $f" >&2; return 1; }; done
}

for d in $2; do resolve "$d" || exit 2; done
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
scratch=$(mktemp -d /tmp/make-traces-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
for d in $2; do resolve "$d"; for a in $3; do for o in $4; do for s in $SEEDS; do
    [ "$a" = "$o" ] && continue
    f="$OUT/${name}__${a##*.}__${o##*.}__s$s.jsonl"
    [ -s "$f" ] || [ -s "$f.gz" ] && continue
    (cd "$scratch" && GENIUS_XMX=${GENIUS_XMX:-2g} timeout 600 nice "$HARNESS/run.sh" --domain "$dom" \
        --prof1 "$p1" --prof2 "$p2" --agent1 "$a" --agent2 "$o" \
        --rounds "$ROUNDS" --seed "$s" >"$f" 2>"$f.err")
    grep '"summary":true' "$f.err" |
        sed "s/^{/{\"domain\":\"$name\",\"file\":\"$(basename "$f")\",/" >>"$OUT/index.jsonl"
    rm -f "$f.err"
done; done; done; done
