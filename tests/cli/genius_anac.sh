#!/bin/bash
# genius_anac.sh: every ANAC 2012 (bilateral), ANAC 2013 and ANAC 2015 (multilateral) domain in ../shared/genius
# loads, and `parley analyze --json` agrees with the independent Python computation of bench/genius_reference.py
# (counts, acceptable outcomes, Pareto frontier size, Nash/Kalai/egalitarian/welfare utilities within 1e-9).
# Blank profiles (ANAC 2015 building_construction 1-10) must be refused with exit code 2.
set -euo pipefail
PARLEY=$1
SOURCE=$2
GENIUS="$SOURCE/../shared/genius"
[ -d "$GENIUS" ] || { echo "FAIL: no $GENIUS (the ANAC domains this test checks; CI always has ../shared/genius)"; exit 1; }
python3 "$SOURCE/tests/cli/genius_check.py" "$PARLEY" "$SOURCE" "$GENIUS" anac2012 anac2013 anac2015 --max-outcomes 400000 | tail -5
