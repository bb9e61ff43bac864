#!/usr/bin/env python3
"""check_ranking.py: parley's ports still play the GENIUS 10.4 round-robin negotiations they reproduce exactly.

GENIUS's outcomes are those of bench/genius_ranking.sh's round-robin (the nine agents below, every ordered pair, ANAC
2012 A profiles, 1000 rounds, seed 1), kept in --reference (tests/genius/ranking-genius.jsonl, written by
bench/genius_ranking_reference.py).  Each negotiation listed in --exact (one `DOMAIN A B` a line: A opens with
profile 1) of the chosen domains is played with `parley negotiate` as the harness played it: seed 1 for every
negotiation, GENIUS's round clock, and opponent_generators for the agents that replay the harness's random
generators (compare_traces.py's table).  It must give GENIUS's outcome: the same agreement or none, the same last
round, and with an agreement both utilities within 1e-6 and the same package.  Prints one FAIL line per listed
negotiation that differs (expected and got), the pinned negotiations per domain, parley's CPU-seconds, then
`matched / listed / played`; exit 1 when one differs, 2 on bad use.
--write-exact FILE plays every negotiation of the chosen domains and writes the list anew: those that match, and
the lines of FILE's other domains as they were.

    python3 tests/genius/check_ranking.py --domains Laptop,Outfit       # the listed negotiations of two domains
    python3 tests/genius/check_ranking.py --domains all --write-exact tests/genius/exact_ranking.txt
(`parley tournament`, as genius_ranking.sh runs it, gives run i the seed 1 + i: its outcomes depend on the
domains before it, so they cannot be replayed domain by domain, and they are not GENIUS's seed.)
Python 3 standard library only.
"""
import argparse
import concurrent.futures
import json
import os
import resource
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from genius_replay import replay  # noqa: E402

# bench/genius_ranking.sh's defaults: its agents, rounds and seed
AGENTS = ("boulware", "conceder", "hardheaded", "agent-k", "cuhk", "atlas3", "nice-tit-for-tat", "the-fawkes",
          "agent-m")
ROUNDS = 1000
SEED = 1
EXACT_UTILITY = 1e-6


def read_reference(path):
    """{(domain, a, b): GENIUS outcome} of the slim reference."""
    with open(path, encoding="utf-8") as f:
        return {(r["domain"], r["a"], r["b"]): r for r in map(json.loads, filter(str.strip, f))}


def read_list(path):
    """The (domain, a, b) listed in an exact list (one `DOMAIN A B` a line, # comments), in order."""
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [tuple(line.split()[:3]) for line in f if line.strip() and not line.lstrip().startswith("#")]


def negotiate(args, key, substitute):
    """parley's outcome of one negotiation (domain, a, b) as GENIUS's harness played it (bench/genius_replay.py:
    A profiles, a opening with profile 1, seed 1, GENIUS's round clock, and opponent_generators for the agents that
    replay the harness's random generators)."""
    domain, a, b = key
    _, r = replay(args, {"domain": domain, "a": substitute.get(a, a), "b": substitute.get(b, b), "rounds": ROUNDS,
                         "seed": SEED})
    return {"agreed": r["agreement"], "rounds": r["rounds"], "utilities": [q["utility"] for q in r["parties"]],
            "bid": list(r["package"].values()) if r["agreement"] else None}


def outcome(agreed, last_round, utilities, bid):
    if not agreed:
        return "no agreement, last round %d" % last_round
    return "agreement in round %d, utilities (%.6f, %.6f), package %s" % (last_round, *utilities, "/".join(bid))


def differs(ref, run):
    """None when parley's run is GENIUS's outcome, else 'expected ..., got ...'."""
    same = ref["agreement"] == run["agreed"] and ref["last_round"] == run["rounds"] and (
        not ref["agreement"] or (all(abs(ref["u%d" % k] - run["utilities"][k]) <= EXACT_UTILITY for k in range(2))
                                 and [str(v) for v in ref["bid"]] == [str(v) for v in run["bid"]]))
    if same:
        return None
    expected = outcome(ref["agreement"], ref["last_round"], (ref.get("u0"), ref.get("u1")), ref.get("bid"))
    return "expected %s; got %s" % (expected, outcome(run["agreed"], run["rounds"], run["utilities"], run["bid"]))


def write_list(path, listed, played_domains, matched):
    kept = [k for k in listed if k[0] not in played_domains]
    rows = sorted(set(kept) | set(matched))
    with open(path, "w", encoding="utf-8") as f:
        f.write("# the GENIUS 10.4 round-robin negotiations of bench/genius_ranking.sh (domain, first agent, second "
                "agent) that parley\n# reproduces exactly: agreement, last round, utilities and package "
                "(tests/genius/check_ranking.py --write-exact)\n")
        f.writelines("%s %s %s\n" % k for k in rows)
    print("check_ranking: wrote %d negotiations to %s" % (len(rows), path))


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--parley", default=os.path.join(ROOT, "build", "parley"))
    ap.add_argument("--reference", default=os.path.join(HERE, "ranking-genius.jsonl"))
    ap.add_argument("--exact", default=os.path.join(HERE, "exact_ranking.txt"))
    ap.add_argument("--genius-domains", dest="domains_dir",
                    default=os.path.join(ROOT, "..", "shared", "genius", "anac2012"))
    ap.add_argument("--domains", default="", help="comma list of domains to play ('all': every domain of the "
                    "reference; default: the domains of the list)")
    ap.add_argument("--jobs", type=int, default=2, help="negotiations played at once")
    ap.add_argument("--all", action="store_true", help="also play the unlisted negotiations of the chosen domains "
                    "(and count how many of them match)")
    ap.add_argument("--first", action="store_true", help="stop at the first listed negotiation that differs (to "
                    "judge a change quickly; counts only what was played)")
    ap.add_argument("--substitute", default="", help="A=SPEC[,...]: parley plays SPEC in agent A's place (the "
                    "checker's own check: it must then fail)")
    ap.add_argument("--write-exact", default="", help="write the list of the negotiations that match to this file")
    return ap.parse_args()


def choose(args, reference, listed):
    """(domains, negotiations to play) or an error message."""
    unknown = [k for k in listed if k not in reference]
    if unknown:
        return "%s lists %s, which the reference does not hold" % (args.exact, " ".join(unknown[0]))
    known = sorted({k[0] for k in reference})
    if args.domains == "all":
        domains = known
    else:
        domains = args.domains.split(",") if args.domains else sorted({k[0] for k in listed})
    bad = [d for d in domains if d not in known]
    if bad or not domains:
        return "no GENIUS outcome for domain %s" % (bad[0] if bad else "(none chosen)")
    everything = args.all or args.write_exact
    return domains, [k for k in (reference if everything else listed) if k[0] in domains]


def main():
    args = parse_args()
    try:
        reference = read_reference(args.reference)
        listed = read_list(args.exact)
    except (OSError, ValueError, KeyError) as e:
        print("check_ranking: %s" % e, file=sys.stderr)
        return 2
    chosen = choose(args, reference, listed)
    substitute = dict(pair.split("=", 1) for pair in args.substitute.split(",") if "=" in pair)
    problem = chosen if isinstance(chosen, str) else None
    if set(substitute) - set(AGENTS):
        problem = "--substitute names an agent not in %s" % ",".join(AGENTS)
    elif not os.access(args.parley, os.X_OK):
        problem = "no parley binary at %s (build it, or pass --parley)" % args.parley
    if problem:
        print("check_ranking: %s" % problem, file=sys.stderr)
        return 2
    domains, to_play = chosen
    runs, errors = {}, {}

    def play_one(key):
        try:
            return key, negotiate(args, key, substitute), None
        except (OSError, ValueError, KeyError, RuntimeError, subprocess.TimeoutExpired) as e:
            return key, None, str(e)
    listed_set = set(listed)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for key, result, error in pool.map(play_one, to_play):
            if error:
                errors[key] = error
            else:
                runs[key] = result
            if args.first and key in listed_set and (error or differs(reference[key], result)):
                pool.shutdown(cancel_futures=True)  # (the negotiations already started finish)
                break
    matched = [k for k in runs if differs(reference[k], runs[k]) is None]
    pinned = [k for k in listed if k[0] in domains and (k in runs or k in errors or not args.first)]
    failures = 0
    for k in pinned:
        problem = errors.get(k) or differs(reference[k], runs[k])
        if problem:
            failures += 1
            print("FAIL    %s %s %s: %s" % (*k, problem))
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print("pinned per domain: " + ", ".join("%s %d" % (d, sum(1 for k in pinned if k[0] == d)) for d in domains))
    print("parley's CPU-seconds: %.1f" % (usage.ru_utime + usage.ru_stime))
    if args.all or args.write_exact:
        print("%d of the %d negotiations played match GENIUS" % (len(matched), len(runs)))
    print("%d matched / %d listed / %d played" % (len(pinned) - failures, len(pinned), len(runs)))
    if args.write_exact:
        for key, error in errors.items():
            print("ERROR   %s %s %s: %s" % (*key, error))
        write_list(args.write_exact, listed, set(domains), matched)
        return 1 if errors else 0
    if not pinned:
        print("FAIL    %s lists no negotiation of the chosen domains" % args.exact)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
