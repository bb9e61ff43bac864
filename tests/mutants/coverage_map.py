#!/usr/bin/env python3
"""
coverage_map.py: which test executes which line of src/ (for mutate.py --map).

A mutant can only be killed by a test that runs the line it changed, so mutate.py runs exactly those tests
(the fastest first) instead of a whole folder's.  This script builds nothing: give it a build of the tree made
with gcov instrumentation,

  cmake -S . -B /tmp/cov -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS="--coverage -O0" \
        -DCMAKE_EXE_LINKER_FLAGS=--coverage -DCMAKE_SHARED_LINKER_FLAGS=--coverage && cmake --build /tmp/cov
  python3 tests/mutants/coverage_map.py --build /tmp/cov --out /tmp/cov/map.json

and it runs every test once (--jobs at a time), each writing its counts under a GCOV_PREFIX of its own, reads
them with gcov and writes a JSON map:

  "tests":      {name: {"seconds": s, "passed": bool}}
  "lines":      {"src/x.c": {"123": [test, ...]}}      the tests that executed line 123 of src/x.c
  "executable": {"src/x.c": [line, ...]}               the lines gcov counts (code, as opposed to declarations)

The CLI and Python tests count too: the parley binary and the shared library write their counts at exit.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ctest_runner  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def gcov_lines(prefix_build, sources_root):
    """{rel file: (executed lines, counted lines)} from the .gcda files under prefix_build (a copy of the
    build's tree holding the .gcno files beside them)."""
    gcdas = glob.glob(os.path.join(prefix_build, "**", "*.gcda"), recursive=True)
    result = {}
    for start in range(0, len(gcdas), 40):
        p = subprocess.run(["gcov", "--json-format", "--stdout"] + gcdas[start:start + 40], cwd=prefix_build,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        for doc in p.stdout.decode("utf-8", "replace").splitlines():
            doc = doc.strip()
            if not doc.startswith("{"):
                continue
            for f in json.loads(doc).get("files", []):
                path = os.path.realpath(os.path.join(json.loads(doc).get("current_working_directory", ""),
                                                     f["file"]))
                rel = os.path.relpath(path, sources_root)
                if not rel.startswith("src/"):
                    continue
                run, counted = result.setdefault(rel, (set(), set()))
                for line in f["lines"]:
                    counted.add(line["line_number"])
                    if line["count"] > 0:
                        run.add(line["line_number"])
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", required=True, help="a build made with --coverage")
    ap.add_argument("--out", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--source", default=ROOT, help="the source tree the build was made from")
    ap.add_argument("--scratch", default=None, help="where the per-test counts go (default BUILD/covmap)")
    args = ap.parse_args()
    build = os.path.realpath(args.build)
    scratch = os.path.realpath(args.scratch or os.path.join(build, "covmap"))
    source = os.path.realpath(args.source)
    tests = ctest_runner.load_tests(build, fixtures=True)
    fixtures = ctest_runner.Fixtures(build, tests)  # the PostgreSQL cluster of the *_pg tests
    gcnos = glob.glob(os.path.join(build, "**", "*.gcno"), recursive=True)
    if not gcnos:
        sys.exit("coverage_map.py: no .gcno files in %s: build it with --coverage" % build)

    def one(name):
        prefix = os.path.join(scratch, name)
        shutil.rmtree(prefix, ignore_errors=True)
        mirror = prefix + build
        for g in gcnos:  # gcov reads each .gcda beside its .gcno
            dst = mirror + g[len(build):]
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy(g, dst)
        passed, seconds, tail = ctest_runner.run_test(
            tests[name], extra_env={"GCOV_PREFIX": prefix, "GCOV_PREFIX_STRIP": "0"})
        lines = gcov_lines(mirror, source)
        shutil.rmtree(prefix, ignore_errors=True)
        print("%-32s %s %6.1f s  %d files" % (name, "ok    " if passed else "FAILED", seconds, len(lines)),
              flush=True)
        return name, passed, seconds, lines

    out = {"tests": {}, "lines": {}, "executable": {}}
    executable = {}
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(one, sorted(tests)))
    finally:
        fixtures.stop()
    for name, passed, seconds, lines in results:
        out["tests"][name] = {"seconds": round(seconds, 2), "passed": passed}
        for rel, (run, counted) in lines.items():
            per_line = out["lines"].setdefault(rel, {})
            for n in run:
                per_line.setdefault(str(n), []).append(name)
            executable.setdefault(rel, set()).update(counted)
    out["executable"] = {rel: sorted(v) for rel, v in executable.items()}
    shutil.rmtree(scratch, ignore_errors=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f)
    failed = [n for n, t in out["tests"].items() if not t["passed"]]
    print("coverage_map.py: %d tests, %d source files reached%s" % (
        len(tests), len(out["lines"]), "; FAILED: " + ", ".join(failed) if failed else ""))


if __name__ == "__main__":
    main()
