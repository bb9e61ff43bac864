#!/usr/bin/env python3
"""test_cpu.py: the CPU time (user + system, not wall) of every ctest entry of a built tree, to find what makes
`make check` expensive.

    python3 tests/stress/test_cpu.py measure TREE [-j N] [-R REGEX] [-E REGEX] [-o FILE.tsv]
    python3 tests/stress/test_cpu.py table NORMAL.tsv [ASAN.tsv] [--top 30]

measure: runs each test of TREE (build/ or build-asan/) as `ctest -R ^NAME$` (N at a time, RUN_SERIAL ones alone),
and takes its CPU from wait4(): the test's process and every process it waited for (mpirun's ranks, the parley
runs of a shell test, a test's children).  Fixtures (the PostgreSQL cluster) are set up once before and cleaned up
once after, and are listed apart; the cluster's own server processes are not children of any test, so the CPU that
PostgreSQL spends for the *_pg tests is not in their figures.  In build-asan the sanitizer options of `make check`
are set.  Writes NAME, user s, sys s, CPU s, wall s, result (TSV) sorted by CPU, and prints the total.
table: the top tests by CPU of one tree, or of two (normal and sanitizer trees side by side, with their ratio).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

SANITIZER_ENV = {"ASAN_OPTIONS": "detect_leaks=1:abort_on_error=1",
                 "UBSAN_OPTIONS": "halt_on_error=1:print_stacktrace=1"}


def list_tests(tree):
    """[(name, {property: value})] of the tree's ctest entries."""
    out = subprocess.run(["ctest", "--show-only=json-v1"], cwd=tree, check=True, capture_output=True, text=True)
    tests = []
    for t in json.loads(out.stdout)["tests"]:
        props = {p["name"]: p["value"] for p in t.get("properties", [])}
        tests.append((t["name"], props))
    return tests


def start(tree, name, env, fixtures):
    """Popen of one test through ctest; fixtures=False leaves the fixtures' setup and cleanup out."""
    cmd = ["ctest", "-R", "^" + re.escape(name) + "$", "--output-on-failure"]
    if not fixtures:
        cmd += ["-FA", ".*"]
    log = open(os.path.join(tree, "Testing", "cpu-" + name + ".log"), "w")
    proc = subprocess.Popen(cmd, cwd=tree, env=env, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    return proc


def measure(args):
    tree = args.tree
    env = dict(os.environ)
    if os.path.basename(os.path.normpath(tree)) == "build-asan":
        env.update(SANITIZER_ENV)
    os.makedirs(os.path.join(tree, "Testing"), exist_ok=True)
    tests = list_tests(tree)
    chosen = re.compile(args.R) if args.R else None
    left_out = re.compile(args.E) if args.E else None
    setups = [n for n, p in tests if "FIXTURES_SETUP" in p]
    cleanups = [n for n, p in tests if "FIXTURES_CLEANUP" in p]
    body = [(n, p) for n, p in tests if n not in setups and n not in cleanups and (not chosen or chosen.search(n))
            and not (left_out and left_out.search(n))]
    needed = {f for _, p in body for f in p.get("FIXTURES_REQUIRED", [])}
    setups = [n for n, p in tests if n in setups and set(p["FIXTURES_SETUP"]) & needed]
    cleanups = [n for n, p in tests if n in cleanups and set(p["FIXTURES_CLEANUP"]) & needed]
    rows = []

    def run_pool(names, jobs):
        running = {}  # pid -> (name, started)
        queue = list(names)
        while queue or running:
            while queue and len(running) < jobs:
                name, serial = queue[0]
                if serial and running:
                    break  # a RUN_SERIAL test waits for the others, and runs alone
                queue.pop(0)
                proc = start(tree, name, env, fixtures=False)
                running[proc.pid] = (name, time.monotonic(), proc)
                if serial:
                    break
            pid, status, usage = os.wait4(-1, 0)
            if pid not in running:
                continue
            name, started, proc = running.pop(pid)
            proc.returncode = os.waitstatus_to_exitcode(status)
            wall = time.monotonic() - started
            result = "ok" if proc.returncode == 0 else "FAIL"
            rows.append((name, usage.ru_utime, usage.ru_stime, wall, result))
            print(f"{usage.ru_utime + usage.ru_stime:8.1f} CPU-s {wall:7.1f} s  {result:4}  {name}", flush=True)

    run_pool([(n, False) for n in setups], 1)
    run_pool([(n, p.get("RUN_SERIAL", False) is True) for n, p in body], args.j)
    run_pool([(n, False) for n in cleanups], 1)
    rows.sort(key=lambda r: -(r[1] + r[2]))
    with open(args.o, "w") as f:
        f.write("# test\tuser_s\tsys_s\tcpu_s\twall_s\tresult\n")
        for name, user, sys_, wall, result in rows:
            f.write(f"{name}\t{user:.2f}\t{sys_:.2f}\t{user + sys_:.2f}\t{wall:.1f}\t{result}\n")
    total_user = sum(r[1] for r in rows)
    total_sys = sum(r[2] for r in rows)
    failed = [r[0] for r in rows if r[4] != "ok"]
    print(f"{tree}: {len(rows)} tests, user {total_user:.0f} s + sys {total_sys:.0f} s = {total_user + total_sys:.0f}"
          f" CPU-s; failed: {' '.join(failed) or 'none'}; table in {args.o}")
    return 1 if failed else 0


def read_tsv(path):
    rows = {}
    for line in open(path):
        if line.startswith("#") or not line.strip():
            continue
        name, user, sys_, cpu, wall, result = line.rstrip("\n").split("\t")
        rows[name] = (float(cpu), float(wall), result)
    return rows


def table(args):
    normal = read_tsv(args.normal)
    asan = read_tsv(args.asan) if args.asan else {}
    key = lambda n: -(normal.get(n, (0,))[0] + asan.get(n, (0,))[0])
    names = sorted(set(normal) | set(asan), key=key)
    if asan:
        print(f"{'test':40} {'CPU-s':>8} {'wall-s':>7} {'asan CPU-s':>10} {'wall-s':>7} {'ratio':>6}")
    else:
        print(f"{'test':40} {'CPU-s':>8} {'wall-s':>7}")
    for n in names[:args.top]:
        c, w, _ = normal.get(n, (0.0, 0.0, "-"))
        line = f"{n:40} {c:8.1f} {w:7.1f}"
        if asan:
            ac, aw, _ = asan.get(n, (0.0, 0.0, "-"))
            line += f" {ac:10.1f} {aw:7.1f} {ac / c if c else 0:6.1f}"
        print(line)
    tn = sum(v[0] for v in normal.values())
    ta = sum(v[0] for v in asan.values())
    print(f"{'all ' + str(len(normal)) + ' tests':40} {tn:8.1f} {'':7}" + (f" {ta:10.1f}" if asan else ""))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="mode", required=True)
    m = sub.add_parser("measure")
    m.add_argument("tree")
    m.add_argument("-j", type=int, default=2)
    m.add_argument("-R", help="only the tests whose name matches")
    m.add_argument("-E", help="not the tests whose name matches")
    m.add_argument("-o", default=None)
    t = sub.add_parser("table")
    t.add_argument("normal")
    t.add_argument("asan", nargs="?")
    t.add_argument("--top", type=int, default=30)
    args = ap.parse_args()
    if args.mode == "measure":
        if not os.path.isfile(os.path.join(args.tree, "CTestTestfile.cmake")):
            sys.exit(f"test_cpu: {args.tree} is not a built tree (make build asan)")
        args.o = args.o or os.path.join(args.tree, "Testing", "test-cpu.tsv")
        sys.exit(measure(args))
    table(args)


if __name__ == "__main__":
    main()
