#!/usr/bin/env python3
"""genius_replay.py: replays every GENIUS negotiation of a genius_ranking.sh results file (OUT/genius.jsonl) with
`parley negotiate` (same pair, domain, A profiles, rounds and seed, GENIUS's round clock, and the
opponent_generators that tests/genius/compare_traces.py passes, so that the ports replaying the originals' draws
draw the same numbers) and compares the outcomes per negotiation: the same agreement, both utilities within 0.05.
Prints the negotiations that differ and, per agent, how many are the same, the agreement rates and the mean
discounted utilities (no agreement: the reservation value, discounted as GENIUS does).

usage: python3 bench/genius_replay.py [--parley build/parley] [--results /tmp/genius-ranking/genius.jsonl]
                                      [--domains "Barter Camera ..."] [--quiet] AGENT...
"""
import argparse
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "genius"))
import compare_traces  # noqa: E402  (its table of the opponents' generators and the agents that replay them)

GENIUS_NAME = {v: k for k, v in compare_traces.ALIASES.items()}
TOLERANCE = compare_traces.UTILITY_TOLERANCE


def profile(domains, domain, k):
    """(reservation value, discount factor) of the domain's A profile k (1, 2)."""
    text = open(os.path.join(domains, domain, "%s-A-prof%d.xml" % (domain, k)), encoding="utf-8").read()
    get = lambda tag, default: float(m.group(1)) if (m := re.search('<%s value="([^"]+)"' % tag, text)) else default
    return get("reservation", 0.0), get("discount_factor", 1.0)


def genius_score(domains, row, k):
    """Party k's discounted utility in a GENIUS row (no agreement: r * d^t)."""
    if row["agreement"]:
        return row["du%d" % k]
    r, d = profile(domains, row["domain"], k + 1)
    return r * d ** row["t"] if 0 < d < 1 else r


def replay(args, row):
    d = row["domain"]
    files = [os.path.join(args.domains_dir, d, "%s-A-%s.xml" % (d, part)) for part in ("domain", "prof1", "prof2")]
    agents = [compare_traces.with_generators(me, GENIUS_NAME.get(other, other), True)
              for me, other in ((row["a"], row["b"]), (row["b"], row["a"]))]
    cmd = [args.parley, "negotiate", *files, "--agents", ",".join(agents), "--rounds", str(row.get("rounds", 1000)),
           "--seed", str(row.get("seed", 1)), "--clock", "genius", "--json"]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise RuntimeError("%s: parley exited %d: %s" % (" ".join(cmd), p.returncode, p.stderr.strip()[:300]))
    return row, json.loads(p.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("agents", nargs="+", help="parley names: the negotiations with this agent in them")
    ap.add_argument("--parley", default=os.path.join(ROOT, "build", "parley"))
    ap.add_argument("--results", default="/tmp/genius-ranking/genius.jsonl")
    ap.add_argument("--domains", default="", help="only these domains (default: every domain in the results)")
    ap.add_argument("--domains-dir", default=os.path.join(ROOT, "..", "shared", "genius", "anac2012"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--quiet", action="store_true", help="only the summary lines")
    args = ap.parse_args()
    if not os.path.exists(args.results):
        print("genius_replay: no results file %s (bench/genius_ranking.sh writes it)" % args.results, file=sys.stderr)
        return 2
    wanted = set(args.domains.split())
    rows = [json.loads(line) for line in open(args.results, encoding="utf-8") if line.strip()]
    rows = [r for r in rows if "agreement" in r and not r.get("error") and (not wanted or r["domain"] in wanted)]
    for agent in args.agents:
        todo = [r for r in rows if agent in (r["a"], r["b"])]
        if not todo:
            print("%s: no negotiation in %s" % (agent, args.results))
            continue
        with ThreadPoolExecutor(max(1, args.jobs)) as pool:
            done = list(pool.map(lambda r: replay(args, r), todo))
        same = agreed_g = agreed_p = 0
        score_g = score_p = 0.0
        for row, out in done:
            k = 0 if row["a"] == agent else 1
            agreed = out["agreement"]
            utils = [p["utility"] for p in out["parties"]]
            agreed_g += row["agreement"]
            agreed_p += agreed
            score_g += genius_score(args.domains_dir, row, k)
            score_p += out["parties"][k]["discounted_utility"]
            ok = agreed == row["agreement"] and (not agreed or all(abs(utils[i] - row["u%d" % i]) <= TOLERANCE
                                                                  for i in range(2)))
            same += ok
            if not ok and not args.quiet:
                deal = lambda a, u: "(%.3f, %.3f)" % tuple(u) if a else "none"
                print("  %-22s %-17s %-17s genius %s round %s | parley %s round %s" % (
                    row["domain"], row["a"], row["b"], deal(row["agreement"], (row.get("u0"), row.get("u1"))),
                    row["last_round"], deal(agreed, utils), out["rounds"]))
        n = len(done)
        print("%s: %d of %d the same; agreements GENIUS %.1f%%, parley %.1f%%; mean discounted utility GENIUS %.4f, "
              "parley %.4f" % (agent, same, n, 100.0 * agreed_g / n, 100.0 * agreed_p / n, score_g / n, score_p / n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
