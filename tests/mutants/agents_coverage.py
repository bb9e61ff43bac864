#!/usr/bin/env python3
"""agents_coverage.py: line coverage of src/agents/*.c in a coverage tree (report-agents6.md), from gcov -t on each
object's .gcda: per file executed / executable lines and the unexecuted line numbers (JSON with --json FILE).

  cmake -S . -B build-cov -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS=--coverage
  cmake --build build-cov --target parley_cli test_kill_agents6 ...   # the tests to measure
  find build-cov -name '*.gcda' -delete; (cd build-cov && ctest -R '...')
  python3 tests/mutants/agents_coverage.py [--build build-cov] [--json FILE]

Rebuild every measured binary after a source changes: a .gcda written by a binary linked against older objects
has another stamp than the notes and gcov drops it (the file then reads 0%)."""
import argparse
import glob
import json
import os
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def coverage(build):
    objdir = os.path.join(build, "CMakeFiles", "parley_objects.dir", "src", "agents")
    out = {}
    with tempfile.TemporaryDirectory() as scratch:  # gcov writes nothing with -t, but run it out of the tree
        for src in sorted(glob.glob(os.path.join(ROOT, "src", "agents", "*.c"))):
            name = os.path.basename(src)
            run = subprocess.run(["gcov", "-t", "-o", os.path.join(objdir, name + ".o"), src],
                                 capture_output=True, text=True, cwd=scratch)
            executable, missed = 0, []
            for line in run.stdout.splitlines():
                parts = line.split(":", 2)
                if len(parts) < 3 or not parts[1].strip().isdigit() or parts[1].strip() == "0":
                    continue
                count = parts[0].strip()
                if count == "-":
                    continue
                executable += 1
                if count in ("#####", "====="):
                    missed.append(int(parts[1]))
            out[name] = {"executable": executable, "executed": executable - len(missed), "missed": missed}
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build-cov"))
    ap.add_argument("--json")
    a = ap.parse_args()
    cov = coverage(a.build)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(cov, f, indent=0)
    total = sum(d["executable"] for d in cov.values())
    done = sum(d["executed"] for d in cov.values())
    for name, d in sorted(cov.items(), key=lambda kv: -len(kv[1]["missed"])):
        if d["executable"]:
            print("%-30s %4d/%4d %5.1f%%" % (name, d["executed"], d["executable"], 100.0 * d["executed"] / d["executable"]))
    print("src/agents: %d/%d lines = %.2f%%" % (done, total, 100.0 * done / total if total else 0))
