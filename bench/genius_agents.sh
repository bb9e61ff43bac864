# genius_agents.sh: sourced by bench/bench_genius_tournament.sh and bench/genius_ranking.sh: the ANAC agents'
# parley names and their GENIUS 10.4 originals (harness aliases or classes), where the harness and the domains
# are, and one GENIUS negotiation through the headless harness (../shared/genius-reference/harness/run.sh).
#   GENIUS_HARNESS  the harness folder   (default: $src/../shared/genius-reference/harness)
#   GENIUS_DOMAINS  the ANAC 2012 domains (default: $src/../shared/genius/anac2012)
#   GENIUS_BUILD    where build.sh built GENIUS (default /tmp/genius-build; run.sh reads it)
#   GENIUS_TIMEOUT  seconds a negotiation may run before it is stopped (default 600; a loaded machine needs more)
src=${src:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
GENIUS_HARNESS=${GENIUS_HARNESS:-$src/../shared/genius-reference/harness}
GENIUS_DOMAINS=${GENIUS_DOMAINS:-$src/../shared/genius/anac2012}
export GENIUS_XMX=${GENIUS_XMX:-1g}

# parley name -> GENIUS original (harness alias or class), in the order of the reference traces' list
genius_class() {
    case $1 in
        boulware) echo Boulware ;; conceder) echo Conceder ;; hardheaded) echo HardHeaded ;; agent-k) echo AgentK ;;
        cuhk) echo CUHKAgent ;; atlas3) echo Atlas3 ;; nice-tit-for-tat) echo NiceTitForTat ;;
        the-fawkes) echo agents.anac.y2013.TheFawkes.TheFawkes ;; agent-m) echo agents.anac.y2014.AgentM.AgentM ;;
        caduceus) echo agents.anac.y2016.caduceus.Caduceus ;;
        ponpoko) echo agents.anac.y2017.ponpokoagent.PonPokoAgent ;;
        agreeable-2018) echo agents.anac.y2018.agreeableagent2018.AgreeableAgent2018 ;;
        *) echo "no GENIUS original known for '$1'" >&2; return 1 ;;
    esac
}
ALL_AGENTS="boulware conceder hardheaded agent-k cuhk atlas3 nice-tit-for-tat the-fawkes agent-m caduceus ponpoko agreeable-2018"

# The agents of $1 (a list of parley names) that the parley binary $2 knows; the others are named on stderr.
agents_in_parley() {
    local known out="" a
    known=$("$2" agents --json | python3 -c 'import json,sys; print(" ".join(i["name"] for i in json.load(sys.stdin) if i["kind"] == "agent"))')
    for a in $1; do
        if [[ " $known " == *" $a "* ]]; then out="$out $a"; else echo "parley has no agent '$a' (left out)" >&2; fi
    done
    echo $out
}

# The tournament argument of domain $1 (A profiles): DOMAIN.xml+PROF1.xml+PROF2.xml
parley_scenario_arg() {
    local g=$GENIUS_DOMAINS/$1
    echo "$g/$1-A-domain.xml+$g/$1-A-prof1.xml+$g/$1-A-prof2.xml"
}

# One GENIUS negotiation: domain $1, agents $2 (first, profile 1, opens) and $3 (parley names), $4 rounds, seed $5.
# Prints the harness's summary line (JSON: agreement, u0, u1, du0, du1, ...); the trace is dropped.
genius_negotiation() {
    local g=$GENIUS_DOMAINS/$1 err
    err=$(mktemp)
    # (from /tmp: GENIUS writes a DataObjects/ folder into its working directory)
    (cd "${TMPDIR:-/tmp}" && exec timeout "${GENIUS_TIMEOUT:-600}" nice -n 10 "$GENIUS_HARNESS/run.sh" --domain "$g/$1-A-domain.xml" --prof1 "$g/$1-A-prof1.xml" \
        --prof2 "$g/$1-A-prof2.xml" --agent1 "$(genius_class "$2")" --agent2 "$(genius_class "$3")" --rounds "$4" \
        --seed "$5" --quiet >/dev/null 2>"$err")
    grep '"summary":true' "$err" | tail -n 1
    rm -f "$err"
}
export -f genius_class genius_negotiation
export GENIUS_HARNESS GENIUS_DOMAINS
