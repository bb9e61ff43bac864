#!/usr/bin/env python3
"""bayes_reference.py: GENIUS's BayesianOpponentModelScalable written out again, independently of parley's C, for
tests/test_boa.c (bayes_posterior_by_hand): issues A {a0,a1,a2} and B {b0,b1}; prints the model's normalised
evaluation of every outcome before any bid, after (a2,b1), after (a1,b1).  Run: python3 bayes_reference.py
With arguments, `python3 bayes_reference.py 4,3,2 3,0,1 0,2,0 ...` (the issues' sizes, then the bids): the evaluations
after each bid (tests/test_kill_agents12c.c)"""
import itertools, math, sys

sizes = [int(x) for x in sys.argv[1].split(",")] if len(sys.argv) > 1 else [3, 2]

def hyps(n):  # the original's evaluator hypotheses as integer tables, each divided by its maximum
    tables = [[1000 * j + 1 for j in range(n)], [1000 * (n - j - 1) + 1 for j in range(n)]]
    if n > 2:
        for k in range(1, n - 1):
            tables.append([1000 * j // k if j < k else 1000 * (n - j - 1) // (n - k - 1) + 1 for j in range(n)])
    return [[x / max(t) for x in t] for t in tables]

H = [hyps(n) for n in sizes]
ep = [[1 / len(h)] * len(h) for h in H]
wlev = [j / 10 for j in range(11)]
prior = [(1 - (j + 1) / 11) ** 3 for j in range(11)]
wp = [[p / sum(prior) for p in prior] for _ in sizes]
prev = 1.0
history = []

def ew(i, wp_):
    return sum(p * w for p, w in zip(wp_[i], wlev))

def ev(i, x, ep_):
    return sum(p * h[x] for p, h in zip(ep_[i], H[i]))

def partial(bid, skip, wp_, ep_):
    return sum(ew(j, wp_) * ev(j, bid[j], ep_) for j in range(len(sizes)) if j != skip)

def cond(u, p):
    x = (p - u) / p
    return math.exp(-x * x / (2 * 0.25 ** 2)) / (0.25 * math.sqrt(2 * math.pi))

def update(bid):
    global wp, ep, prev
    if bid in history:
        return
    history.append(bid)
    if len(history) > 1:
        new = []
        for j in range(len(sizes)):
            lik = [wp[j][i] * cond(wlev[i] * ev(j, bid[j], ep) + partial(bid, j, wp, ep), prev) for i in range(11)]
            new.append([l / sum(lik) for l in lik])
        wp = new
    new = []
    for i in range(len(sizes)):
        lik = [ep[i][h] * cond(partial(bid, i, wp, ep) + ew(i, wp) * H[i][h][bid[i]], prev) for h in range(len(H[i]))]
        new.append([l / sum(lik) for l in lik])
    ep = new
    prev -= 0.003

def evals():
    outs = list(itertools.product(*[range(n) for n in sizes]))
    us = [sum(ew(i, wp) * ev(i, o[i], ep) for i in range(len(sizes))) for o in outs]
    lo, hi = min(1.0, min(us)), max(0.0, max(us))
    return ["%.12f" % ((u - lo) / (hi - lo)) for u in us]

if len(sys.argv) > 1:
    print("prior", ", ".join(evals()))
    for arg in sys.argv[2:]:
        update(tuple(int(x) for x in arg.split(",")))
        print("after", arg, ", ".join(evals()))
    sys.exit(0)
print("prior", evals())
update((2, 1)); print("after (a2,b1)", evals())
update((1, 1)); print("after (a1,b1)", evals())
update((2, 1)); print("after (a2,b1) again", evals())
