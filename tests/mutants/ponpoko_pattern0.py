#!/usr/bin/env python3
"""By hand, for test_kill_agents6's PonPoko test: the first round r of 200 (t = (r - 1) / 199, parley's clock) at
which PonPoko's pattern 0 accepts an offer worth 0.85, i.e. 0.85 > 1 - 0.1 t - 0.1 |sin 40 t| (its lower
threshold, GENIUS PonPokoAgent.chooseAction), and for comparison the first round of each other pattern."""
from math import sin

PATTERNS = {
    0: lambda t: 1 - 0.1 * t - 0.1 * abs(sin(40 * t)),
    1: lambda t: 1 - 0.22 * t,
    2: lambda t: 1 - 0.1 * t - 0.15 * abs(sin(20 * t)),
    3: lambda t: 1 - 0.3 * t if t > 0.99 else 1 - 0.1 * t,
    4: lambda t: 1 - 0.21 * t * abs(sin(20 * t)),
}

for p, low in PATTERNS.items():
    first = next((r for r in range(2, 201) if 0.85 > low((r - 1) / 199)), None)
    print("pattern %d: first accepting round %s" % (p, first))
