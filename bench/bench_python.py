#!/usr/bin/env python3
"""bench_python.py: negotiation speed of an agent written in Python (through the C engine's callbacks) next to
the built-in C agents, on ANAC 2012 domains and the relaxed ceasefire, alternating offers, one thread.

Each figure is a whole parley.negotiate() call as a Python user makes it: set-up and every move, with the
trace turned into Python dicts ("with trace") or not (events=False, "outcome only").  The C-against-C row
measures the binding's own costs; the difference between the rows is the cost of calling into Python for
every move of a Python agent.

usage: PARLEY_LIBRARY=build/libparley.so PYTHONPATH=python python3 bench/bench_python.py [ROUNDS]
"""
import os
import sys
import time
from pathlib import Path

import parley

SOURCE = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PARLEY_SHARED_DIR", SOURCE.parent / "shared"))


class PyBoulware(parley.Agent):
    """The time-dependent Boulware tactic (e = 0.2) written in Python: target utility
    reservation + (best - reservation) * (1 - t^(1/e)); accept an offer worth the next round's target."""
    name = "py-boulware"

    def __init__(self, e=0.2):
        self.e = e

    def target(self, view, t):
        low = max(view.reservation, view.worst_utility)
        return low + (view.best_utility - low) * (1.0 - t ** (1.0 / self.e))

    def propose(self, view):
        offer = view.standing_offer
        if offer is not None and view.red_lines_hold(offer) and view.utility(offer) >= self.target(view, view.next_time):
            return parley.Accept()
        return parley.Offer(view.package_at_least(self.target(view, view.time))[1])


def scenarios():
    yield "ceasefire-relaxed", parley.load(SOURCE / "examples" / "ceasefire-relaxed.json")
    for name in ("Camera", "Laptop", "Travel"):
        d = SHARED / "genius" / "anac2012" / name
        if d.exists():
            yield name, parley.load([d / f"{name}-A-{p}.xml" for p in ("domain", "prof1", "prof2")])


def measure(sc, agents, rounds, events, repeats=3):
    best = None
    for _ in range(repeats):
        start = time.perf_counter()
        trace = parley.negotiate(sc, agents=agents(), rounds=rounds, events=events)
        seconds = time.perf_counter() - start
        best = seconds if best is None else min(best, seconds)
    return trace.outcome["offers"], best


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    print(f"bench_python: alternating offers, {rounds} rounds, best of 3, one thread; offers/s of whole negotiate() calls")
    print(f"{'domain':<18} {'agents':<28} {'offers':>7} {'with trace':>11} {'offers/s':>9} {'outcome only':>13} "
          f"{'offers/s':>9}")
    pairs = [("boulware vs boulware (C)", lambda: ["boulware", "boulware"]),
             ("py-boulware vs boulware", lambda: [PyBoulware(), "boulware"]),
             ("py-boulware vs py-boulware", lambda: [PyBoulware(), PyBoulware()])]
    for name, sc in scenarios():
        for label, agents in pairs:
            offers, traced = measure(sc, agents, rounds, True)
            _, bare = measure(sc, agents, rounds, False)
            print(f"{name:<18} {label:<28} {offers:>7} {traced:>10.4f}s {offers / traced:>9.0f} {bare:>12.4f}s "
                  f"{offers / bare:>9.0f}")


if __name__ == "__main__":
    main()
