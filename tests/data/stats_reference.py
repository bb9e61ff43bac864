#!/usr/bin/env python3
"""stats_reference.py: the expected values of tests/test_stats.c's hand-made tournament, computed independently
of parley: the exact distribution of the cell-bootstrap mean (every ordered draw of cells enumerated), Welch's
p-value on cell means with Student's t from mpmath's incomplete beta, and the replicator equilibria by hand.

The tournament: agents A, B, C on one two-party scenario, every ordered pair twice (repeats 2); utilities of
(first party, second party) per cell, the same in both repeats except (A, C)."""
import itertools
import math
import mpmath

cells = {("A", "B"): [(0.70, 0.40)] * 2, ("B", "A"): [(0.45, 0.90)] * 2,
         ("A", "C"): [(0.30, 0.60), (0.50, 0.60)], ("C", "A"): [(0.55, 0.65)] * 2,
         ("B", "C"): [(0.20, 0.35)] * 2, ("C", "B"): [(0.25, 0.50)] * 2}


def agent_cells(agent):
    """(sum, count) of the agent's utilities in each cell it played."""
    out = []
    for pair, runs in cells.items():
        vals = [u[k] for u in runs for k in range(2) if pair[k] == agent]
        if vals:
            out.append((sum(vals), len(vals)))
    return out


def bootstrap_quantiles(cs, lo=0.025, hi=0.975):
    """Exact law of sum(drawn sums)/sum(drawn counts) when len(cs) cells are drawn with replacement (every
    multiset, weighted by its multinomial probability); the quantiles a large-B percentile bootstrap converges
    to, and how far the CDF is from lo/hi at every jump (a small margin would make the test depend on B)."""
    n = len(cs)
    law = {}
    for draw in itertools.combinations_with_replacement(range(n), n):
        weight = math.factorial(n)
        for i in set(draw):
            weight //= math.factorial(draw.count(i))
        m = round(sum(cs[i][0] for i in draw) / sum(cs[i][1] for i in draw), 12)
        law[m] = law.get(m, 0) + weight / n ** n
    values, cdf, f = sorted(law), [], 0.0
    for v in values:
        f += law[v]
        cdf.append(f)
    low = next(v for v, f in zip(values, cdf) if f > lo)
    high = next(v for v, f in zip(values, cdf) if f >= hi)
    margin = min(min(abs(f - lo), abs(f - hi)) for f in cdf)
    return low, high, margin


def welch(x, y):
    mx, my = sum(x) / len(x), sum(y) / len(y)
    vx = sum((a - mx) ** 2 for a in x) / (len(x) - 1)
    vy = sum((a - my) ** 2 for a in y) / (len(y) - 1)
    ex, ey = vx / len(x), vy / len(y)
    t = (mx - my) / mpmath.sqrt(ex + ey)
    df = (ex + ey) ** 2 / (ex ** 2 / (len(x) - 1) + ey ** 2 / (len(y) - 1))
    p = mpmath.betainc(df / 2, 0.5, 0, df / (df + t * t), regularized=True)
    return float(t), float(df), float(p)


for agent in "ABC":
    cs = agent_cells(agent)
    mean = sum(s for s, _ in cs) / sum(c for _, c in cs)
    low, high, margin = bootstrap_quantiles(cs)
    print(f"{agent}: mean {mean:.6f} cell bootstrap 95% [{low:.6f}, {high:.6f}] (CDF margin {margin:.4f})")
    if agent == "A":  # what resampling single negotiations would give instead
        singles = [(u[k], 1) for pair, runs in cells.items() for u in runs for k in range(2) if pair[k] == agent]
        nlow, nhigh, nmargin = bootstrap_quantiles(singles)
        print(f"   (resampling single negotiations instead: [{nlow:.6f}, {nhigh:.6f}], margin {nmargin:.4f})")
means = {a: [s / c for s, c in agent_cells(a)] for a in "ABC"}
for a, b in [("A", "B"), ("A", "C"), ("B", "C")]:
    t, df, p = welch(means[a], means[b])
    print(f"Welch {a}-{b} on cell means: t {t:.9f} df {df:.9f} p {p:.12f}")
# replicator, 2x2 payoffs [[p, q], [r, s]]: interior rest point x = (s - q) / (p - q - r + s) when stable
p, q, r, s = 0.1, 0.8, 0.6, 0.4
print(f"hawk-dove [[0.1, 0.8], [0.6, 0.4]]: A's share at rest {(s - q) / (p - q - r + s):.12f}")
