#!/bin/bash
# genius_ranking.sh: parley's ports still play, outcome for outcome, the GENIUS 10.4 round-robin negotiations they
# reproduce exactly (issue 27: an oracle that reaches the agents' branches the trace tests against Boulware,
# Conceder and HardHeaded never take).  tests/genius/check_ranking.py plays the negotiations of
# tests/genius/exact_ranking.txt on the domains below (the nine agents of bench/genius_ranking.sh, every ordered
# pair, A profiles, 1000 rounds, seed 1) and compares each with GENIUS's outcome (tests/genius/ranking-genius.jsonl):
# agreement, last round, both utilities within 1e-6, the package.
# Normal tree: the 20 domains with the most pinned negotiations per CPU-second (about 50 CPU-s, 1,260 negotiations);
# the four largest (Car, Energy, EnergySmall, Travel: 44 CPU-s more for 182) only by hand (check_ranking.py with no
# --domains plays every listed domain).  Sanitizer tree: Laptop, FiftyFifty and NiceOrDie (216 negotiations, about
# 45 CPU-s there).
# Also checks that the checker can fail: boulware with another concession exponent must differ from GENIUS.
set -euo pipefail
PARLEY=$1
SOURCE=$2
GENIUS_DOMAINS="$SOURCE/../shared/genius/anac2012"
[ -d "$GENIUS_DOMAINS" ] || { echo "FAIL: no $GENIUS_DOMAINS (CI always has ../shared/genius)"; exit 1; }
. "$SOURCE/tests/cli/lib/sanitized.sh"
# (the sanitizer runtime's start is most of a negotiation's cost there: 0.2 CPU-s a process)
DOMAINS=Laptop,FiftyFifty,NiceOrDie
is_sanitized "$PARLEY" ||
    DOMAINS=$DOMAINS,Outfit,RentalHouse,Barter,ItexvsCypress,FlightBooking,HouseKeeping,Acquisition,AirportSiteSelection,EnglandvsZimbabwe,Barbecue,Grocery,Phone,Camera,MusicCollection,Fitness,Amsterdam,Supermarket
CHECK=(python3 "$SOURCE/tests/genius/check_ranking.py" --parley "$PARLEY" --genius-domains "$GENIUS_DOMAINS")
"${CHECK[@]}" --domains "$DOMAINS"
# the checker's own check: Boulware conceding faster (e = 0.3, not 0.2) must not give GENIUS's outcomes on Laptop
# (--first: it stops at the first listed negotiation that differs)
if out=$("${CHECK[@]}" --domains Laptop --first --substitute boulware=boulware:e=0.3 2>&1); then
    echo "FAIL: boulware:e=0.3 in boulware's place matched every listed Laptop negotiation: the checker checks nothing"
    echo "$out"
    exit 1
fi
echo "ok: the checker rejects boulware:e=0.3 in boulware's place ($(echo "$out" | grep -m1 '^FAIL'))"
