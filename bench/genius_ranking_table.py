#!/usr/bin/env python3
"""genius_ranking_table.py: the tables of bench/genius_ranking.sh, GENIUS's originals next to parley's ports.

usage: genius_ranking_table.py GENIUS.jsonl PARLEY.json COMPLETE PLAYED AGENTS DOMAINS_ROOT
  GENIUS.jsonl  one summary per GENIUS negotiation (domain, a, b, agreement, u0, u1, du0, du1, t, or error)
  PARLEY.json   `parley tournament --json` over the PLAYED domains (A profiles), or an empty/missing file
  COMPLETE      the domains where GENIUS played every ordered pair of AGENTS ("-": none)
  PLAYED        the domains where GENIUS finished at least one negotiation

Two tables, by mean discounted utility per agent (a negotiation without agreement scores the reservation value,
discounted by GENIUS's rule r * d^t):
  1. the complete domains, every negotiation of each side;
  2. every played domain, only the negotiations GENIUS finished (same domain, same ordered pair) on both sides:
     the domains where some GENIUS runs never ended (the largest) enter with the pairs that did.
read_genius and read_parley are shared with genius_ranking_reference.py and tests/genius/check_ranking.py.
"""
import json
import os
import re
import sys


def profile(root, domain, k):
    """(reservation, discount factor) of profile k (1, 2) of the domain's A profiles."""
    with open(f"{root}/{domain}/{domain}-A-prof{k}.xml", encoding="utf-8") as f:
        text = f.read()

    def get(tag, default):
        m = re.search(f'<{tag} value="([^"]+)"', text)
        return float(m.group(1)) if m else default
    return get("reservation", 0.0), get("discount_factor", 1.0)


def no_deal(root, domain, k, t):
    """GENIUS without agreement: the reservation value, discounted as getReservationValueWithDiscount(t)."""
    r, d = profile(root, domain, k)
    return (r * d ** t if 0 < d < 1 else r), r


def table(samples):
    """agent -> (mean discounted, mean undiscounted, agreement rate, negotiations)"""
    return {a: tuple(sum(x[i] for x in xs) / len(xs) for i in range(3)) + (len(xs),)
            for a, xs in samples.items() if xs}


def read_genius(path, agents=None, domains=None):
    """GENIUS's summaries: ({(domain, a, b): summary of each negotiation it finished, with or without agreement},
    {domain: runs without a summary (an error, a crash or a timeout)}), of the given agents and domains (None: all)."""
    finished, failed = {}, {}
    with open(path, encoding="utf-8") as f:
        for r in map(json.loads, filter(str.strip, f)):
            if "a" not in r or (agents and (r["a"] not in agents or r["b"] not in agents)) \
                    or (domains and r["domain"] not in domains):
                continue
            if r.get("error") or "agreement" not in r:
                failed[r["domain"]] = failed.get(r["domain"], 0) + 1
            else:
                finished[(r["domain"], r["a"], r["b"])] = r
    return finished, failed


def read_parley(path):
    """{(domain, a, b): run} of a `parley tournament --json` output over GENIUS domains (A profiles)."""
    with open(path, encoding="utf-8") as f:
        return {(r["scenario"].removesuffix("-A-domain"), *r["agents"]): r for r in json.load(f)["runs"]}


def print_table(keys, agents, genius, parley):
    g, p = {a: [] for a in agents}, {}
    for key in keys:
        for k, who in enumerate(key[1:]):
            g[who].append(genius[key][k])
            if key in parley:
                p.setdefault(who, []).append(parley[key][k])
    G, P = table(g), table(p)
    print(f"GENIUS negotiations per agent: {max((v[3] for v in G.values()), default=0)}")
    if P and set(P) != set(G):
        print(f"parley's column: only {', '.join(sorted(P))} (the others are not in this parley)")
    print()
    print("| rank | agent | GENIUS original: discounted utility | undiscounted | agreements | parley: discounted "
          "utility | undiscounted | agreements | parley rank |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    prank = {a: i + 1 for i, a in enumerate(sorted(P, key=lambda a: -P[a][0]))}

    def cell(t, a, i, pct=False):
        return "" if a not in t else (f"{100 * t[a][i]:.1f}%" if pct else f"{t[a][i]:.4f}")
    for i, a in enumerate(sorted(G, key=lambda a: -G[a][0])):
        print(f"| {i + 1} | {a} | {cell(G, a, 0)} | {cell(G, a, 1)} | {cell(G, a, 2, True)} | {cell(P, a, 0)} | "
              f"{cell(P, a, 1)} | {cell(P, a, 2, True)} | {prank.get(a, '')} |")
    print()


def main():
    gfile, pfile, complete, played, agents, root = sys.argv[1:7]
    complete = [] if complete == "-" else complete.split()
    played = played.split()
    agents = agents.split()
    summaries, failed = read_genius(gfile, agents, played)
    genius = {}  # (domain, a, b) -> [(discounted, undiscounted, agreed) of a, of b]
    for key, r in summaries.items():
        sides = []
        for k in range(2):
            du, u = (r[f"du{k}"], r[f"u{k}"]) if r["agreement"] else no_deal(root, key[0], k + 1, r["t"])
            sides.append((du, u, 1.0 if r["agreement"] else 0.0))
        genius[key] = sides
    parley = {}
    if os.path.exists(pfile) and os.path.getsize(pfile):
        parley = {key: [(r["discounted"][k], r["utilities"][k], 1.0 if r["agreed"] else 0.0) for k in range(2)]
                  for key, r in read_parley(pfile).items()}
    if complete:
        print(f"{len(complete)} ANAC 2012 domains where GENIUS played every pair (A profiles, 1000 rounds, seed 1): "
              f"{', '.join(complete)}")
        lost = sum(failed.get(d, 0) for d in complete)
        print(f"failed GENIUS runs on them (left out of GENIUS's column): {lost}")
        print_table([k for k in genius if k[0] in complete], agents, genius, parley)
    matched = [k for k in genius if k in parley]
    print(f"{len(played)} ANAC 2012 domains, only the {len(matched)} negotiations GENIUS finished, the same ones on "
          f"both sides: {', '.join(played)}")
    print("GENIUS negotiations finished / not finished, per domain: "
          + ", ".join(f"{d} {sum(1 for k in genius if k[0] == d)}/{failed.get(d, 0)}" for d in played))
    if parley:
        print_table(matched, agents, genius, parley)


if __name__ == "__main__":
    main()
