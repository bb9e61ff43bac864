#!/bin/bash
# genius_anac.sh: every ANAC domain in ../shared/genius that can be enumerated quickly (anac2012, anac2013, anac2015,
# anac2016, other; up to 100,000 outcomes) loads, and `parley analyze --json` agrees with the independent
# exact-arithmetic computation of bench/genius_reference.py under GENIUS semantics (weights as written, utilities
# capped at 1): counts, acceptable outcomes, Pareto frontier size, Nash/Kalai/egalitarian/welfare values.
# Larger domains (Energy, Travel, Supermarket, KillerRobot, ... up to 400,000) are checked by
#   python3 tests/cli/genius_check.py build/parley . ../shared/genius anac2012 anac2013 anac2015 anac2016 other --max-outcomes 400000
# (docs/genius.md), and AgentHp2 and AMPOvsCity (millions) by bench/bench_genius only.
# Blank profiles (ANAC 2015 building_construction 1-10) must be refused with exit code 2.
set -euo pipefail
PARLEY=$1
SOURCE=$2
GENIUS="$SOURCE/../shared/genius"
[ -d "$GENIUS" ] || { echo "FAIL: no $GENIUS (the ANAC domains this test checks; CI always has ../shared/genius)"; exit 1; }
python3 "$SOURCE/tests/cli/genius_check.py" "$PARLEY" "$SOURCE" "$GENIUS" anac2012 anac2013 anac2015 anac2016 other \
  --max-outcomes 100000 | tail -5
