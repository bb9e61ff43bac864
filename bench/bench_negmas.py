#!/usr/bin/python3
"""bench_negmas.py: parley beside NegMAS on ANAC 2012 Laptop-A, in one run.

Two tasks, each repeated RUNS times, CPU seconds (user + system) and wall:
  - analysis: the Pareto frontier and the Nash point (NegMAS: pareto_frontier
    and nash_points on the scenario's utility functions; parley: `parley analyze`);
  - negotiation: alternating offers, a Boulware agent against a Conceder, 100
    rounds (NegMAS: SAOMechanism with BoulwareTBNegotiator and
    ConcederTBNegotiator; parley: `parley negotiate --agents boulware,conceder`).
parley is measured twice: as a child process (`parley analyze`, `parley
negotiate`: its whole start-up counted, by RUSAGE_CHILDREN) and inside this
interpreter through libparley.so (ctypes), as NegMAS runs; NegMAS's import
(about a second) is reported apart and not counted per task.

Usage: bench/bench_negmas.py PARLEY [NEGMAS_SRC] [RUNS]
  NEGMAS_SRC: a folder holding the `negmas` package (a checkout's src/),
  when it is not installed.  Its dependencies come from Debian packages
  (python3-numpy, -scipy, -pandas, ...); `stringcase`, which Debian lacks, is
  replaced by bench/negmas_shims/stringcase.py when missing.
"""
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "genius", "anac2012", "Laptop")
DOMAIN = os.path.join(SHARED, "Laptop-A-domain.xml")
PROFILES = [os.path.join(SHARED, "Laptop-A-prof1.xml"), os.path.join(SHARED, "Laptop-A-prof2.xml")]


def cpu_self():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def measure(fn, runs, clock):
    """Median CPU and wall seconds per run of fn."""
    cpu, wall = [], []
    for _ in range(runs):
        c0, w0 = clock(), time.perf_counter()
        fn()
        cpu.append(clock() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall)


def parley_tasks(parley):
    scenario = "+".join([DOMAIN] + PROFILES)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": True}

    def analyse():
        subprocess.run([parley, "analyze", scenario], **quiet)

    def negotiate():
        subprocess.run([parley, "negotiate", scenario, "--agents", "boulware,conceder", "--rounds", "100"], **quiet)

    return analyse, negotiate


def parley_library_tasks(parley):
    """The same tasks in this process, through libparley.so next to the parley binary."""
    import ctypes

    lib = ctypes.CDLL(os.path.join(os.path.dirname(os.path.abspath(parley)), "libparley.so"))
    err = ctypes.create_string_buffer(4096)
    files = (ctypes.c_char_p * 3)(*(f.encode() for f in [DOMAIN] + PROFILES))
    sc = ctypes.c_void_p()
    if lib.parley_scenario_load_files(files, ctypes.c_size_t(3), ctypes.byref(sc), err) != 0:
        raise RuntimeError("libparley could not load Laptop-A")
    options = ctypes.create_string_buffer(512)  # parley_analysis_options, zeroed: defaults
    ctypes.c_uint.from_buffer(options).value = 1  # .threads = 1 (the first field)
    config = ctypes.create_string_buffer(512)
    lib.parley_session_config_init(config)  # alternating offers, 100 rounds, seed 1

    def analyse():
        a = ctypes.c_void_p()
        if lib.parley_analyze(sc, options, ctypes.byref(a), err) != 0:
            raise RuntimeError("parley_analyze failed")
        lib.parley_analysis_free(a)

    def negotiate():
        neg = ctypes.c_void_p()
        ok = lib.parley_negotiation_new(sc, config, ctypes.byref(neg), err) == 0
        ok = ok and lib.parley_negotiation_add_agent_spec(neg, b"boulware", err) == 0
        ok = ok and lib.parley_negotiation_add_agent_spec(neg, b"conceder", err) == 0
        ok = ok and lib.parley_negotiation_run(neg, err) == 0
        lib.parley_negotiation_free(neg)
        if not ok:
            raise RuntimeError("the parley negotiation failed")

    return analyse, negotiate


def negmas_tasks():
    from negmas import SAOMechanism
    from negmas.inout import Scenario
    from negmas.preferences.ops import nash_points, pareto_frontier
    from negmas.sao.negotiators import BoulwareTBNegotiator, ConcederTBNegotiator

    scenario = Scenario.from_genius_files(DOMAIN, PROFILES, ignore_discount=True)

    def analyse():
        frontier, _ = pareto_frontier(scenario.ufuns, issues=scenario.outcome_space.issues)
        nash_points(scenario.ufuns, frontier, outcome_space=scenario.outcome_space)

    def negotiate():
        m = SAOMechanism(outcome_space=scenario.outcome_space, n_steps=100)
        m.add(BoulwareTBNegotiator(), ufun=scenario.ufuns[0])
        m.add(ConcederTBNegotiator(), ufun=scenario.ufuns[1])
        m.run()

    return analyse, negotiate


def main():
    if len(sys.argv) < 2:
        print(__doc__.split("\n\n")[-1], file=sys.stderr)
        return 2
    parley = sys.argv[1]
    if len(sys.argv) > 2:
        sys.path.insert(0, sys.argv[2])
    try:
        import stringcase  # noqa: F401 - NegMAS needs it; Debian does not package it
    except ImportError:
        sys.path.append(os.path.join(HERE, "negmas_shims"))
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    print(f"machine: {os.cpu_count()} cores; Laptop-A; median of {runs} runs; CPU = user + system seconds")
    p_analyse, p_negotiate = parley_tasks(parley)
    l_analyse, l_negotiate = parley_library_tasks(parley)
    rows = {"analysis": [measure(p_analyse, runs, cpu_children), measure(l_analyse, runs * 50, cpu_self)],
            "negotiation": [measure(p_negotiate, runs, cpu_children), measure(l_negotiate, runs * 50, cpu_self)]}
    c0, w0 = cpu_self(), time.perf_counter()
    try:
        n_analyse, n_negotiate = negmas_tasks()
    except Exception as e:  # noqa: BLE001 - report why NegMAS cannot run, and the parley figures
        print(f"NegMAS cannot run here: {type(e).__name__}: {e}")
        n_analyse = n_negotiate = None
    else:
        print(f"NegMAS import and scenario load: {cpu_self() - c0:.3f} CPU s, {time.perf_counter() - w0:.3f} s wall")
    print(f"{'task':<12} {'parley process':>16} {'parley in-process':>18} {'NegMAS in-process':>18}   NegMAS / parley (CPU)")
    print(f"{'':<12} {'CPU s / wall s':>16} {'CPU s / wall s':>18} {'CPU s / wall s':>18}   process, in-process")
    for name, fn in (("analysis", n_analyse), ("negotiation", n_negotiate)):
        (pc, pw), (lc, lw) = rows[name]
        cells = f"{name:<12} {pc:7.4f} /{pw:7.4f} {lc:9.6f} /{lw:7.6f}"
        if fn is None:
            print(cells + f" {'-':>18}")
            continue
        nc, nw = measure(fn, runs, cpu_self)
        print(cells + f" {nc:9.6f} /{nw:7.6f}   {nc / pc:6.2f}x, {nc / lc if lc > 0 else float('inf'):7.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
