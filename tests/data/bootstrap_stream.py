#!/usr/bin/env python3
"""bootstrap_stream.py: the cell-bootstrap intervals of tests/test_kill_stats6.c, computed apart from parley from
the stream docs/tournament.md promises ("The bootstrap's stream"), for the hand-made tournament of
tests/test_stats_cells.c (agents A, B, C = 0, 1, 2 on one two-party scenario, every ordered pair twice).

The promise: agent a (0-based tournament index) draws from SplitMix64 started at seed + 7919 (a + 1); each of the
B resamples draws n numbers, cell (number mod n) each time, its cells in (scenario, agents by party) order; the
resample's mean is the drawn cells' summed utilities over their summed counts; the interval is the sorted means
at floor(0.025 (B - 1)) and ceil(0.975 (B - 1)).  Run with --multiplier 7918 to see another stream's figures."""
import math
import sys

MASK = (1 << 64) - 1

# utilities of (first party, second party) in repeat 0 and 1 of the cell where agent x meets agent y
TABLE = {(0, 1): [(0.70, 0.40)] * 2, (0, 2): [(0.30, 0.60), (0.50, 0.60)], (1, 0): [(0.45, 0.90)] * 2,
         (1, 2): [(0.20, 0.35)] * 2, (2, 0): [(0.55, 0.65)] * 2, (2, 1): [(0.25, 0.50)] * 2}


def splitmix64(state):
    """(next state, output) of SplitMix64 (Steele, Lea and Flood 2014; Vigna's reference constants)."""
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def cells_of(agent):
    """[sum, count] of the agent's utilities per cell, cells sorted by the agents of parties 0 and 1."""
    out = []
    for pair in sorted(TABLE):
        if agent in pair:
            k = pair.index(agent)
            out.append((sum(run[k] for run in TABLE[pair]), float(len(TABLE[pair]))))
    return out


def interval(agent, resamples, seed, multiplier=7919):
    cells, state, means = cells_of(agent), (seed + multiplier * (agent + 1)) & MASK, []
    n = len(cells)
    for _ in range(resamples):
        total = count = 0.0
        for _ in range(n):
            state, z = splitmix64(state)
            total += cells[z % n][0]
            count += cells[z % n][1]
        means.append(total / count)
    means.sort()
    return means[math.floor(0.025 * (resamples - 1))], means[math.ceil(0.975 * (resamples - 1))]


if __name__ == "__main__":
    multiplier = int(sys.argv[sys.argv.index("--multiplier") + 1]) if "--multiplier" in sys.argv else 7919
    for resamples, seed in ((40, 11), (1000, 5)):
        for agent in range(3):
            low, high = interval(agent, resamples, seed, multiplier)
            print("B %4d seed %2d agent %d: [%.17g, %.17g]" % (resamples, seed, agent, low, high))
