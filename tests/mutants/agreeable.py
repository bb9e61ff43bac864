#!/usr/bin/env python3
# agt1: AgreeableAgent2018's moves against a script offering package `s` always (P0's utilities `us`, R rounds,
# t = (r-1)/(R-1)), from its documented formulas; prints the offers (run-length) and the accept round.
import sys
def run(us, s, R):
    pmin, pmax = min(us), max(us); best = us.index(pmax); out = []
    for r in range(1, R + 1):
        t = (r - 1) / (R - 1)
        tn = (t - 0.2) / 0.8
        target = 1 if t < 0.2 else pmin + (pmax - pmin) * (1 - tn ** 10)
        target = max(target, 0.8)
        bid = None
        if r > 1:
            if t >= 0.2:
                d = 0.05 * (1 - (pmin + (pmax - pmin) * (1 - t ** 10)))
                band = [i for i, u in enumerate(us) if target - d < u < target + d]
                if len(band) > 1: return out, "random at %d" % r
                bid = band[0] if band else None
            else:
                bid = min(range(len(us)), key=lambda i: abs(us[i] - target))
            if bid is not None and (us[s] >= us[bid] or (t >= 0.99 and us[s] >= 0)):
                return out, r
        out.append(bid if bid is not None else best)
    return out, None
def rle(l):
    o = []
    for x in l:
        if o and o[-1][0] == x: o[-1][1] += 1
        else: o.append([x, 1])
    return o
for us, s, R in [([i / 10 for i in range(11)], 9, 1000), ([i / 10 for i in range(11)], 8, 1000),
                 ([0.2, 0.84, 0.92, 1.0], 2, 1000), ([0, 0.78, 1], 1, 1000)]:
    o, r = run(us, s, R); print(us, s, rle(o), r)
