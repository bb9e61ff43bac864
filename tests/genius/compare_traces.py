#!/usr/bin/env python3
"""compare_traces.py: plays parley's ports of the ANAC agents against the traces of the original GENIUS agents.

For every reference trace (DOMAIN__AGENT__OPPONENT__sSEED.jsonl.gz, made by ../shared/genius-reference/harness)
whose two agents parley has, it runs the same negotiation in parley (the first agent with DOMAIN-A-prof1.xml, or
the first profile, moving first; GENIUS's round clock, t = round/(rounds+1)) and applies the rule of issue 21:
  - both agree or both do not;
  - agreement: both parties' utilities within 0.05, the agreement round within 50;
  - the first agent's own offer utility at t = 0.25, 0.5, 0.75, 0.9, 0.95 (its last offer at or before that time)
    within 0.05, at every checkpoint both negotiations reached.
It prints one line per negotiation (match, or each failed check with both values), then `N passed, M failed`.
A negotiation listed in known_differences.txt (trace name, then the argued reason) that fails is reported as a
known difference and counted as skipped, not failed.  Exit status 0 when nothing failed, 1 otherwise, 2 on bad use.

Run it for one agent (from the repository root, after building build/parley):
    python3 tests/genius/compare_traces.py --agent hardheaded              # every trace with HardHeaded in it
    python3 tests/genius/compare_traces.py --only boulware,conceder -v     # both agents among these; -v: all values
    python3 tests/genius/compare_traces.py --agent agent-k --keep /tmp/k   # keep parley's traces in /tmp/k
Options: --traces DIR (default ../shared/genius-reference/traces), --domains DIR[,DIR...] (folders searched,
recursively, for DOMAIN-A-domain.xml, else for a folder DOMAIN holding DOMAIN.xml or *domain*.xml and two profiles,
taken in name order as make_traces.sh takes them; default ../shared/genius/anac2012),
--scenario NAME=D.xml+P1.xml+P2.xml (explicit files for the traces of domain NAME; repeatable), --parley PATH
(default build/parley),
--known FILE, --jobs N, --one-per-pair (a sample: one trace for each ordered pair of agents), --name SUBSTRING (only trace names containing it), --substitute A=B (parley plays B for
A: the checker's own check, which must then fail), --spread (for agents that draw random numbers: each check
passes within the tolerance of the range the original covers over every seed of the same domain and agents, and,
at a checkpoint, over its offers in the 0.02 of time before it), --no-generators (see START_GENERATORS).
Agents that replay the draws of the original (java.util.Random seeded as GENIUS's harness seeds it) get
opponent_generators from START_GENERATORS: which generators of the reference run are theirs depends on how many
the opponent made first.
Python 3 standard library only.
"""
import argparse
import concurrent.futures
import glob
import gzip
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ALIASES = {
    "Boulware": "boulware", "Conceder": "conceder", "HardHeaded": "hardheaded", "AgentK": "agent-k",
    "CUHKAgent": "cuhk", "Atlas3": "atlas3", "NiceTitForTat": "nice-tit-for-tat", "TheFawkes": "the-fawkes",
    "AgentM": "agent-m", "Caduceus": "caduceus", "PonPokoAgent": "ponpoko", "AgreeableAgent2018": "agreeable-2018",
    "AgentGG": "agent-gg",
}
# GENIUS's reference harness (DET=1) seeds the n-th unseeded new Random() of a run from --seed and n, numbering
# them in the order they are made: party 0's at its start, party 1's at its start, then those made while they
# negotiate.  These agents replay such generators and take opponent_generators = how many the opponent makes at
# its start (anac_java_random.h), given from this table (read off the sources; HardHeaded: random100, random200;
# AgentK: random100..400; AgentGG: the harness's BidRanking of its user model; Caduceus: its committee's kawaii and
# Atlas3 each draw a random package (DomainImpl) and run one simulated annealing to find their best package, 2 + 2,
# the count of the traces' index on Outfit, and HardHeaded's cycle against it fits 4).  Atlas3 and AgentM make
# theirs while they search: not listed, so nothing is passed against them.
REPLAYS_GENERATORS = {"hardheaded", "nice-tit-for-tat", "agent-k", "cuhk", "ponpoko", "agreeable-2018"}
START_GENERATORS = {"Boulware": 0, "Conceder": 0, "TheFawkes": 0, "AgreeableAgent2018": 0, "HardHeaded": 2,
                    "AgentK": 4, "Caduceus": 4, "CUHKAgent": 1, "NiceTitForTat": 1, "PonPokoAgent": 1, "AgentGG": 1}
CHECKPOINTS = (0.25, 0.5, 0.75, 0.9, 0.95)
UTILITY_TOLERANCE = 0.05
ROUND_TOLERANCE = 50
SPREAD_TIME = 0.02


def parse_name(path):
    """(domain, agent, opponent, seed) of a trace file name, or None."""
    base = os.path.basename(path)
    for ext in (".jsonl.gz", ".jsonl"):
        if base.endswith(ext):
            base = base[: -len(ext)]
    parts = base.split("__")
    if len(parts) != 4 or not parts[3].startswith("s") or not parts[3][1:].isdigit():
        return None
    return parts[0], parts[1], parts[2], int(parts[3][1:])


def read_jsonl(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def genius_summary(trace_path, index):
    """Agreement, last round, (u0, u1) and agent 0's offers [(t, u0)] of a GENIUS trace."""
    actions = read_jsonl(trace_path)
    offers = [(a["t"], a["u0"]) for a in actions if a.get("agent") == 0 and a.get("action") == "offer"]
    key = os.path.basename(trace_path).replace(".gz", "")
    s = index.get(key)
    if s is not None:
        agreed = bool(s.get("agreement"))
        return agreed, s.get("last_round"), (s.get("u0"), s.get("u1")), offers, s.get("rounds", 1000)
    last = actions[-1] if actions else {}
    agreed = last.get("action") == "accept"
    return agreed, last.get("round"), (last.get("u0"), last.get("u1")), offers, 1000


def with_generators(played, genius_opponent, use):
    """The parley agent spec, with opponent_generators when it replays GENIUS's generators and the opponent makes
    some at its start (START_GENERATORS)."""
    n = START_GENERATORS.get(genius_opponent, 0)
    if not use or n == 0 or played not in REPLAYS_GENERATORS:
        return played
    return "%s:opponent_generators=%d" % (played, n)


def files_in_folder(folder, domain):
    """(domain, prof1, prof2) of a folder not in the ANAC 2012 layout (ANAC 2013: Coffee.xml + Coffee_util1.xml +
    Coffee_util2.xml, Kitchen-domain.xml + Kitchen-husband.xml + Kitchen-wife.xml): the XML file whose name holds
    "domain" (or is DOMAIN.xml) is the domain, the two others in name order the profiles, as make_traces.sh takes
    them; None unless there are exactly those three."""
    xmls = sorted(glob.glob(os.path.join(folder, "*.xml")))
    doms = [f for f in xmls if "domain" in os.path.basename(f).lower() or os.path.basename(f) == domain + ".xml"]
    if not doms:
        return None
    rest = [f for f in xmls if f != doms[0]]
    return (doms[0], rest[0], rest[1]) if len(rest) == 2 else None


def find_domain(domain, folders, explicit=None):
    """The (domain, prof1, prof2) XML files of DOMAIN: given with --scenario, else its A profiles in one of the
    folders (DOMAIN-A-domain.xml), else a folder named DOMAIN in another layout (files_in_folder); or None."""
    if explicit and domain in explicit:
        return explicit[domain]
    for folder in folders:
        hits = sorted(glob.glob(os.path.join(folder, "**", domain + "-A-domain.xml"), recursive=True))
        for hit in hits:
            d = os.path.dirname(hit)
            p1, p2 = (os.path.join(d, "%s-A-prof%d.xml" % (domain, i)) for i in (1, 2))
            if os.path.exists(p1) and os.path.exists(p2):
                return hit, p1, p2
    for folder in folders:
        candidates = [folder] if os.path.basename(os.path.normpath(folder)) == domain else []
        candidates += sorted(glob.glob(os.path.join(folder, "**", domain), recursive=True))
        for d in candidates:
            files = files_in_folder(d, domain) if os.path.isdir(d) else None
            if files:
                return files
    return None


def run_parley(args, files, agents, rounds, seed, trace_out):
    cmd = [args.parley, "negotiate", *files, "--protocol", "alternating", "--agents", ",".join(agents),
           "--rounds", str(rounds), "--seed", str(seed), "--clock", "genius", "--trace", trace_out, "--json"]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
    if p.returncode != 0:
        raise RuntimeError("parley exited %d: %s" % (p.returncode, p.stderr.strip()[:300]))
    out = json.loads(p.stdout)
    events = read_jsonl(trace_out)
    first = out["parties"][0]["name"]
    offers = [(e["time"], e["utility"]) for e in events if e.get("event") == "offer" and e.get("party") == first]
    utils = tuple(party["utility"] for party in out["parties"])
    last_time = events[-1]["time"] if events else 0
    return out["agreement"], out["rounds"], utils, offers, last_time


def offer_at(offers, t):
    """Utility of the last offer made at or before time t (None when none)."""
    u = None
    for time, util in offers:
        if time <= t + 1e-12:
            u = util
        else:
            break
    return u


def compare(ref, got):
    """List of failed checks (strings) between the GENIUS reference and parley's run."""
    r_agreed, r_round, r_utils, r_offers, _ = ref
    p_agreed, p_round, p_utils, p_offers, _ = got
    fails = []
    if r_agreed != p_agreed:
        fails.append("agreement: genius %s, parley %s" % (r_agreed, p_agreed))
    elif r_agreed:
        for k in range(2):
            if abs(r_utils[k] - p_utils[k]) > UTILITY_TOLERANCE:
                fails.append("u%d: genius %.4f, parley %.4f" % (k, r_utils[k], p_utils[k]))
        if abs(r_round - p_round) > ROUND_TOLERANCE:
            fails.append("round: genius %d, parley %d" % (r_round, p_round))
    r_end = r_offers[-1][0] if r_offers else 0
    p_end = p_offers[-1][0] if p_offers else 0
    for c in CHECKPOINTS:
        if c > r_end + 1e-12 or c > p_end + 1e-12:
            continue  # one of them had ended (the agreement checks above cover it)
        a, b = offer_at(r_offers, c), offer_at(p_offers, c)
        if a is not None and b is not None and abs(a - b) > UTILITY_TOLERANCE:
            fails.append("offer@%g: genius %.4f, parley %.4f" % (c, a, b))
    return fails


EXACT_UTILITY = 1e-6


def compare_exact(ref, got):
    """Failed checks of a negotiation that must match the original move for move (--exact): the same agreement
    and round, both utilities within EXACT_UTILITY, and every offer of the first agent at the same time with the
    same utility; names the first offer that differs."""
    r_agreed, r_round, r_utils, r_offers, _ = ref
    p_agreed, p_round, p_utils, p_offers, _ = got
    fails = []
    if r_agreed != p_agreed or r_round != p_round:
        fails.append("exact: genius %s in round %s, parley %s in round %s" % (r_agreed, r_round, p_agreed, p_round))
    elif r_agreed and any(abs(r_utils[k] - p_utils[k]) > EXACT_UTILITY for k in range(2)):
        fails.append("exact: genius (%.6f, %.6f), parley (%.6f, %.6f)" % (*r_utils, *p_utils))
    for k, (r, p) in enumerate(zip(r_offers, p_offers)):
        if abs(r[0] - p[0]) > 1e-9 or abs(r[1] - p[1]) > EXACT_UTILITY:
            fails.append("exact: offer %d at t %.6f: genius %.6f, parley %.6f at t %.6f" % (k + 1, r[0], r[1], p[1], p[0]))
            break
    else:
        if len(r_offers) != len(p_offers):
            fails.append("exact: genius made %d offers, parley %d" % (len(r_offers), len(p_offers)))
    return fails


def load_names(path):
    """The trace names listed in a file (one per line, # comments)."""
    with open(path, encoding="utf-8") as f:
        return {line.split()[0] for line in f if line.strip() and not line.lstrip().startswith("#")}


def within(value, values, tolerance):
    """value within tolerance of the range [min, max] of values (True when there are none)."""
    values = [v for v in values if v is not None]
    return not values or min(values) - tolerance <= value <= max(values) + tolerance


def compare_spread(refs, got):
    """As compare, but against the original's spread over seeds: every GENIUS trace of the same domain and agents
    (refs), each check passing when parley's value is within the tolerance of the range the original covers; at a
    checkpoint, the range of the original's own offers over the SPREAD_TIME before it, in every seed (an agent that
    picks at random among the bids in a window may offer any of them at any turn)."""
    p_agreed, p_round, p_utils, p_offers, _ = got
    fails = []
    agreeing = [r for r in refs if r[0]]
    if p_agreed not in {r[0] for r in refs}:
        fails.append("agreement: genius %s, parley %s" % (sorted({r[0] for r in refs}), p_agreed))
    elif p_agreed:
        for k in range(2):
            if not within(p_utils[k], [r[2][k] for r in agreeing], UTILITY_TOLERANCE):
                fails.append("u%d: genius %s, parley %.4f" % (k, ["%.4f" % r[2][k] for r in agreeing], p_utils[k]))
        if not within(p_round, [r[1] for r in agreeing], ROUND_TOLERANCE):
            fails.append("round: genius %s, parley %d" % ([r[1] for r in agreeing], p_round))
    p_end = p_offers[-1][0] if p_offers else 0
    for c in CHECKPOINTS:
        if c > p_end + 1e-12:
            continue
        reached = [offer_at(r[3], c) for r in refs if r[3] and c <= r[3][-1][0] + 1e-12]
        reached += [u for r in refs if r[3] and c <= r[3][-1][0] + 1e-12 for t, u in r[3] if c - SPREAD_TIME <= t <= c]
        b = offer_at(p_offers, c)
        if b is not None and not within(b, reached, UTILITY_TOLERANCE):
            fails.append("offer@%g: genius %s, parley %.4f" % (c, ["%.4f" % a for a in reached if a is not None], b))
    return fails


def describe(ref, got):
    def one(x):
        agreed, rnd, utils, offers, _ = x
        cps = " ".join("%.3f" % v if v is not None else "-" for v in (offer_at(offers, c) for c in CHECKPOINTS))
        deal = "(%.3f, %.3f)" % utils if agreed else "none"
        return "round %s deal %s offers@cp %s" % (rnd, deal, cps)
    return "      genius: %s\n      parley: %s" % (one(ref), one(got))


def sample_one_per_pair(jobs):
    """One job per ordered pair of agents: the k-th pair (in sorted order) keeps the k-th of its traces, cyclically,
    so that the sample spreads over the domains and seeds instead of taking the first domain for every pair."""
    by_pair = {}
    for job in jobs:
        by_pair.setdefault((job[2], job[3]), []).append(job)
    return [group[k % len(group)] for k, (_, group) in enumerate(sorted(by_pair.items()))]


def load_known(path):
    known = {}
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                name, _, reason = line.partition(" ")
                known[name.replace(".jsonl.gz", "").replace(".jsonl", "")] = reason.strip()
    return known


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--traces", default=os.path.join(ROOT, "..", "shared", "genius-reference", "traces"))
    ap.add_argument("--domains", default=os.path.join(ROOT, "..", "shared", "genius", "anac2012"))
    ap.add_argument("--scenario", action="append", default=[], help="NAME=DOMAIN.xml+PROF1.xml+PROF2.xml: the files "
                    "of domain NAME's traces (the first agent plays PROF1)")
    ap.add_argument("--parley", default=os.path.join(ROOT, "build", "parley"))
    ap.add_argument("--known", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                    "known_differences.txt"))
    ap.add_argument("--agent", action="append", default=[], help="traces with this agent (parley or GENIUS name)")
    ap.add_argument("--only", action="append", default=[], help="comma list: traces whose two agents are both in "
                    "it (given more than once: in any of them)")
    ap.add_argument("--name", default="", help="only trace names containing this")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--keep", default="", help="folder for parley's traces (default: a temporary one)")
    ap.add_argument("--substitute", default="", help="A=B: parley plays B where the trace has A (to check the "
                    "checker: a substitute must fail)")
    ap.add_argument("--spread", action="store_true", help="judge each negotiation against the original's range over "
                    "every seed in the trace folder (for agents that draw random numbers)")
    ap.add_argument("--no-generators", action="store_true", help="do not pass opponent_generators (the harness's "
                    "numbering of the opponent's random generators) to the agents that replay GENIUS's draws")
    ap.add_argument("--one-per-pair", action="store_true", help="a sample: one trace for each ordered pair of "
                    "agents (each pair's domain and seed taken in turn from those it has), e.g. for a slow build")
    ap.add_argument("--exact", default="", help="a file of trace names that must match the original move for move "
                    "(every offer of the first agent, the round and the deal): a stricter check for the negotiations "
                    "parley reproduces exactly")
    ap.add_argument("--write-exact", default="", help="write the names of the negotiations run that match move for "
                    "move to this file")
    ap.add_argument("-v", "--verbose", action="store_true", help="print both sides' values for every negotiation")
    args = ap.parse_args()

    def parley_name(n):
        return ALIASES.get(n, n)

    wanted = {parley_name(a) for a in args.agent}
    only = [{parley_name(a) for a in group.split(",") if a} for group in args.only]
    if not os.path.isdir(args.traces):
        print("compare_traces: no trace folder %s" % args.traces, file=sys.stderr)
        return 2
    if not os.access(args.parley, os.X_OK):
        print("compare_traces: no parley binary at %s (build it, or pass --parley)" % args.parley, file=sys.stderr)
        return 2
    index = {}
    if os.path.exists(os.path.join(args.traces, "index.jsonl")):
        for s in read_jsonl(os.path.join(args.traces, "index.jsonl")):
            index[s["file"]] = s
    folders = [d for d in args.domains.split(",") if d]
    explicit = {}
    for spec in args.scenario:
        name, _, files = spec.partition("=")
        files = tuple(files.split("+"))
        if not name or len(files) != 3 or not all(os.path.exists(f) for f in files):
            print("compare_traces: --scenario %s: want NAME=DOMAIN.xml+PROF1.xml+PROF2.xml, existing files" % spec,
                  file=sys.stderr)
            return 2
        explicit[name] = files
    substitute = dict(pair.split("=", 1) for pair in args.substitute.split(",") if "=" in pair)
    known = load_known(args.known)

    jobs = []
    for path in sorted(glob.glob(os.path.join(args.traces, "*__*__*__s*.jsonl*"))):
        parsed = parse_name(path)
        if not parsed:
            continue
        domain, a, b, seed = parsed
        if a not in ALIASES or b not in ALIASES:
            continue
        pa, pb = ALIASES[a], ALIASES[b]
        if wanted and not wanted & {pa, pb}:
            continue
        if only and not any({pa, pb} <= group for group in only):
            continue
        if args.name and args.name not in os.path.basename(path):
            continue
        jobs.append((path, domain, pa, pb, seed))

    groups = {}
    if args.spread:  # the original's traces of the same domain and agents, every seed (before any sampling)
        for job in jobs:
            groups.setdefault(parse_name(job[0])[:3], []).append(genius_summary(job[0], index))
    if args.one_per_pair:
        jobs = sample_one_per_pair(jobs)

    keep = args.keep or tempfile.mkdtemp(prefix="parley-genius-")
    os.makedirs(keep, exist_ok=True)

    def run_one(job):
        path, domain, pa, pb, seed = job
        name = os.path.basename(path).split(".jsonl")[0]
        a, b = parse_name(path)[1:3]
        files = find_domain(domain, folders, explicit)
        if not files:
            return name, None, "no domain %s (%s-A-domain.xml or a folder %s) under %s" % (domain, domain, domain,
                                                                                        ",".join(folders))
        try:
            ref = genius_summary(path, index)
            use = not args.no_generators
            played = (with_generators(substitute.get(pa, pa), b, use), with_generators(substitute.get(pb, pb), a, use))
            got = run_parley(args, files, played, ref[4] or 1000, seed, os.path.join(keep, name + ".jsonl"))
        except (RuntimeError, OSError, ValueError, KeyError, subprocess.TimeoutExpired) as e:
            return name, None, str(e)
        return name, (ref, got), None

    passed = failed = skipped = 0
    per_agent = {}
    exact = load_names(args.exact) if args.exact else set()
    identical = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for (name, pair, error), job in zip(pool.map(run_one, jobs), jobs):
            if error:
                fails = [error]
            elif args.spread:
                fails = compare_spread(groups[parse_name(job[0])[:3]], pair[1])
            else:
                fails = compare(*pair)
            exact_fails = compare_exact(*pair) if pair and not error else None
            if exact_fails == []:
                identical.append(name)
            elif exact_fails and name in exact:
                fails += exact_fails
            ok = not fails
            if ok:
                passed += 1
                print("match   %s" % name)
            elif name in known:
                skipped += 1
                print("known   %s: %s  [%s]" % (name, "; ".join(fails), known[name]))
            else:
                failed += 1
                print("FAIL    %s: %s" % (name, "; ".join(fails)))
            if pair and (args.verbose or not ok):
                print(describe(*pair))
            for agent in {job[2], job[3]}:
                tally = per_agent.setdefault(agent, [0, 0, 0])
                tally[0] += ok
                tally[1] += 1
                tally[2] += not ok and name in known
    if not args.keep:
        for f in glob.glob(os.path.join(keep, "*.jsonl")):
            os.remove(f)
        os.rmdir(keep)
    for agent in sorted(per_agent):
        ok, total, listed = per_agent[agent]
        print("  %-18s %d of %d negotiations match%s" % (agent, ok, total, " (%d known differences)" % listed
                                                         if listed else ""))
    if not jobs:
        print("compare_traces: no trace matched the filters", file=sys.stderr)
        return 2
    if skipped:
        print("%d known difference(s) listed in %s" % (skipped, args.known))
    ran = {os.path.basename(job[0]).split(".jsonl")[0] for job in jobs}
    print("%d of %d negotiations match the original move for move (%d of them listed in --exact)"
          % (len(identical), len(jobs), len(exact & ran)))
    if args.write_exact:
        with open(args.write_exact, "w", encoding="utf-8") as f:
            f.write("# negotiations that parley plays move for move as the GENIUS original (compare_traces.py "
                    "--write-exact)\n")
            f.writelines(n + "\n" for n in sorted(identical))
    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
