#!/usr/bin/env python3
"""
mutate.py: our own mutation testing for parley (run by `make mutants`, not by `make check`).

Each mutant in tests/mutants/mutants.txt is one source substitution: a file, an exact original text (it must
occur exactly once in that file), its replacement and a short description of the bug it stands for.  Each
mutant is applied to a scratch copy of the tree (build-mutants/wN/parley, next to a link to ../shared), the copy
is rebuilt incrementally (the scratch copies are kept between runs and only changed files copied), ctest runs (the tests the mutant names with `tests:`, a ctest -R regex, or every
test with --full), and the file is restored.  A mutant is

  killed        some test failed (or timed out),
  SURVIVED      every test passed: a behaviour nobody pins,
  equivalent    not run: its `equivalent:` line says why the change cannot alter behaviour,
  stale         its original text is not in the file any more (the code moved on: refresh the mutant),
  ambiguous     its original text occurs more than once (make it longer),
  uncompilable  the mutated tree does not build (a useless mutant: change it).

A mutant with `tree: asan` is built and tested in a sanitizer build of the scratch copy (leaks on error
paths are seen only by LeakSanitizer); the others in a normal Release build, as `make build`.

The report (build-mutants/report.txt, also printed) lists every mutant; the exit code is 1 when a mutant
survived or could not be judged (stale, ambiguous, uncompilable), 0 otherwise.

With --sample N (make mutants MUTANTS_SAMPLE=N MUTANTS_SEED=S) the mutants are not the list's but N drawn with
seed S from every site generate.py finds in src/ and python/ (operators, boundaries, constants, removed calls
and checks); each runs the tests of its folder (generate.FOLDER_TESTS; every test when the folder has none),
only the targets those tests need are rebuilt, equivalents.txt holds the argued equivalents (by mutant id),
and the report counts killed / survived / equivalent per folder.

Usage: mutate.py [--list FILE] [--jobs N] [--full] [-R REGEX] [--only ID,ID...] [--timeout S] [--base DIR]
                 [--sample N] [--seed S] [--equivalents FILE]
"""
import argparse
import filecmp
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ctest_runner  # noqa: E402
import generate  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KEYS = ("id", "file", "find", "replace", "why", "tests", "tree", "equivalent")
SANITIZER_ENV = {"ASAN_OPTIONS": "detect_leaks=1:abort_on_error=1", "UBSAN_OPTIONS": "halt_on_error=1"}
# The ctest entries that load the Python package of the tree (python/parley): every tests/python file (with
# test_install, which pip-installs python/ and runs every example of docs/python.md) and test_server_seat, whose
# Python agents (tests/data/seat/half.py, hog.py) answer through parley.seat.  A Python mutant needs no rebuild, so
# it runs all of them, whatever the map, the budget or its folder's regex say.  cli_install is left out: its Python
# part (pip-install python/, load the textbook, analyze) is a subset of python_test_install's, and it needs the
# whole tree built and installed.
PYTHON_TESTS = r"^python_|^test_server_seat$"


def is_python(m):
    return m["file"].startswith("python/")


def parse_list(path):
    """Blocks of `key: value` lines separated by blank lines; '#' lines are comments."""
    mutants, cur, lineno_of = [], {}, {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, line in enumerate(lines + [""], 1):
        if line.startswith("#"):
            continue
        if not line.strip():
            if cur:
                for k in ("id", "file", "find", "replace", "why"):
                    if k not in cur:
                        sys.exit("%s:%d: mutant without '%s:'" % (path, lineno_of["start"], k))
                mutants.append(cur)
                cur = {}
            continue
        key, sep, value = line.partition(": ")
        if not sep and line.endswith(":"):  # `replace:` with nothing after it: delete the text
            key, sep, value = line[:-1], ":", ""
        if not sep or key not in KEYS:
            sys.exit("%s:%d: expected 'key: value' with key one of %s" % (path, n, ", ".join(KEYS)))
        if not cur:
            lineno_of["start"] = n
        cur[key] = value.replace("\\n", "\n")
    ids = [m["id"] for m in mutants]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit("%s: duplicate mutant ids %s" % (path, ", ".join(sorted(dup))))
    return mutants


def parse_equivalents(path):
    """equivalents.txt: `ID: why the change cannot alter behaviour` lines ('#' comments, blank lines)."""
    argued = {}
    if os.path.isfile(path):
        for line in open(path, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                key, _, why = line.partition(":")
                argued[key.strip()] = why.strip()
    return argued


NEW_KILL = "killed by the new test"  # in the detail of a mutant that only a test written for it killed


def areas_of(folder):
    """The words that name a folder's new tests (test_mut_agents, test_kill_live, cli_kill_io...): in a first run
    a survivor meets only its own folder's new tests; --rejudge gives it every new test."""
    return {"src/bind": ("bind", "live"), "python/parley": ("python",), "src/cli/single": ("cli",),
            "src/protocol": ("protocol", "live")}.get(folder, (folder.rsplit("/", 1)[-1],))


def per_folder(mutants, results):
    """Killed / survived / equivalent by folder of the tree, and the score of the non-equivalent ones."""
    table = {}
    for m in mutants:
        row = table.setdefault(m["folder"], {"killed": 0, "SURVIVED": 0, "equivalent": 0, "other": 0, "unrun": 0,
                                             "new": 0})
        verdict, detail = results[m["id"]]
        row[verdict if verdict in row else "other"] += 1
        row["new"] += verdict == "killed" and NEW_KILL in detail
    out = ["%-16s %6s %8s %10s %6s %7s %7s %13s" % ("folder", "killed", "survived", "equivalent", "other", "not run",
                                                    "score", "by new tests")]
    for folder in sorted(table):
        r = table[folder]
        judged = r["killed"] + r["SURVIVED"]
        out.append("%-16s %6d %8d %10d %6d %7d %6s %13d" % (
            folder, r["killed"], r["SURVIVED"], r["equivalent"], r["other"], r["unrun"],
            "%.0f%%" % (100.0 * r["killed"] / judged) if judged else "-", r["new"]))
    return "\n".join(out) + "\n\n"


_ctest_costs = {}


def known_seconds(cmap, build, name):
    """A test's time: the map's, else the average of ctest's runs in build (Testing/Temporary/CTestCostData.txt),
    else 1e9 (unknown)."""
    if name in cmap["tests"] and "seconds" in cmap["tests"][name]:
        return cmap["tests"][name]["seconds"]
    if build not in _ctest_costs:
        costs = _ctest_costs[build] = {}
        try:
            with open(os.path.join(build, "Testing", "Temporary", "CTestCostData.txt"), encoding="utf-8") as f:
                for line in f:
                    parts = line.split()
                    if line.startswith("---"):
                        break
                    if len(parts) == 3:
                        costs[parts[0]] = float(parts[2])
        except (OSError, ValueError):
            pass
    return _ctest_costs[build].get(name, 1e9)


def select_tests(m, cmap, tests):
    """The tests a generated mutant runs, fastest first, and how they were chosen: with a coverage map, those
    that execute its line ("line"); none when the line is code no test executes ("unreached"); for a line gcov
    does not count (a declaration, a table, a continued expression) those that execute its file ("file");
    a Python mutant every test that loads the package (PYTHON_TESTS, "python"); otherwise (a file no test
    reaches) the regex of its folder ("folder")."""
    def by_time(names):
        return sorted((n for n in set(names) if n in tests and cmap["tests"].get(n, {}).get("passed", True)), key=lambda n: (cmap["tests"].get(n, {}).get(
            "seconds", 1e9), n))
    if "site" in m and m["file"].startswith("src/"):
        per_line = cmap["lines"].get(m["file"], {})
        line = m["site"].line
        if per_line.get(str(line)):
            return by_time(per_line[str(line)]), "line"
        if line in set(cmap["executable"].get(m["file"], [])):
            return [], "unreached"
        if per_line:
            return by_time(t for ts in per_line.values() for t in ts), "file"
    if is_python(m):  # the tests the map does not know in name order, python_test_install (pip, a venv) last
        chosen = by_time(n for n in tests if re.search(PYTHON_TESTS, n))
        return sorted(chosen, key=lambda n: n == "python_test_install"), "python"
    regex = m.get("tests")
    return by_time(n for n in tests if not regex or re.search(regex, n)), "folder"


def run(cmd, cwd, timeout=None, env=None):
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout,
                           env=dict(os.environ, **env) if env else None)
        return p.returncode, p.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        return -1, (e.stdout or b"").decode("utf-8", "replace") + "\n(timed out)"


SKIP = shutil.ignore_patterns(".git", "build", "build-*", "node_modules", "corpus-*", "__pycache__")


def sync_tree(src, dst):
    """Makes dst a copy of src, rewriting only the files that differ (so the scratch build stays incremental)."""
    os.makedirs(dst, exist_ok=True)
    names = os.listdir(src)
    skipped = SKIP(src, names)
    keep = set()
    for name in names:
        if name in skipped:
            continue
        keep.add(name)
        s, d = os.path.join(src, name), os.path.join(dst, name)
        if os.path.isdir(s) and not os.path.islink(s):
            if os.path.lexists(d) and not os.path.isdir(d):
                os.remove(d)
            sync_tree(s, d)
        elif not (os.path.isfile(d) and filecmp.cmp(s, d, shallow=False)):
            if os.path.isdir(d) and not os.path.islink(d):
                shutil.rmtree(d)
            shutil.copy(s, d, follow_symlinks=False)  # a fresh mtime: the scratch build must see the change
    for name in os.listdir(dst):
        if name not in keep:
            d = os.path.join(dst, name)
            shutil.rmtree(d) if os.path.isdir(d) and not os.path.islink(d) else os.remove(d)


class Worker:
    """One scratch copy of the tree with its own build directory."""

    def __init__(self, base, n):
        self.dir = os.path.join(base, "w%d" % n)
        self.src = os.path.join(self.dir, "parley")
        self.build = os.path.join(self.dir, "build")
        self.asan = os.path.join(self.dir, "build-asan")
        self.asan_ready = False
        self.cmap = None  # the coverage map (--map), and the tests of the scratch build
        self.budget = 0  # --map-budget
        self.new_tests = None  # --new-tests
        self.linked = []  # the programs linked with the mutant in
        self.prebuilt = False  # --prebuilt
        self.tests = {}
        self.asan_tests = {}
        self.fast = {}  # build dir -> ctest_runner.FastRebuild (with --map)

    def configure(self, build, flags):
        rc, out = run(["cmake", "-S", self.src, "-B", build, "-DPARLEY_WERROR=ON"] + flags, self.dir)
        if rc == 0:
            rc, out = run(["nice", "cmake", "--build", build, "-j", "1"], self.dir)
        if rc != 0:
            sys.exit("mutate.py: the unmutated scratch copy %s does not build in %s:\n%s" % (self.src, build, out[-3000:]))

    def prepare(self, overlay=None):
        os.makedirs(self.dir, exist_ok=True)
        sync_tree(ROOT, self.src)
        if overlay:  # files laid over the copy (tests of another branch, to judge survivors with them)
            for dirpath, _, files in os.walk(overlay):
                for name in files:
                    rel = os.path.relpath(os.path.join(dirpath, name), overlay)
                    os.makedirs(os.path.dirname(os.path.join(self.src, rel)), exist_ok=True)
                    shutil.copy(os.path.join(dirpath, name), os.path.join(self.src, rel))
        shared = os.path.join(self.dir, "shared")  # the tests find ../shared next to the source tree
        if not os.path.lexists(shared) and os.path.isdir(os.path.join(ROOT, "..", "shared")):
            os.symlink(os.path.realpath(os.path.join(ROOT, "..", "shared")), shared)
        if not (self.prebuilt and os.path.isfile(os.path.join(self.build, "CMakeCache.txt"))):
            self.configure(self.build, ["-DCMAKE_BUILD_TYPE=Release"])

    def targets(self, build, sel):
        """The build targets the selected tests need (all when every test runs): a rebuild links only those."""
        if not sel:
            return []
        rc, out = run(["ctest", "-N", "-R", sel], build)
        names = re.findall(r"Test +#\d+: (\S+)", out)
        if rc != 0 or not names:
            return []
        return ["--target"] + sorted({"parley_cli"} | set(ctest_runner.build_targets(names)))

    def judge_mapped(self, m, build, sanitized, regex=None):
        """With a coverage map (coverage_map.py): only the tests that execute the mutated line run, the fastest
        first, stopping at the first failure; each bounded by a few times its time in the map.  With a regex
        (-R, to judge a survivor again with tests the map does not know or left out): the tests it selects, all
        of them, still without make and outside ctest."""
        tests = self.asan_tests if sanitized else self.tests
        if sanitized and not tests:
            tests = self.asan_tests = ctest_runner.load_tests(build)
        if regex:
            names, how = sorted((n for n in tests if re.search(regex, n)), key=lambda n: (
                self.cmap["tests"].get(n, {}).get("seconds", 1e9), n)), "-R"
        else:
            names, how = select_tests(m, self.cmap, tests)
        first = None  # the verdict of the suite the map knows, when it is reached without running anything
        if m.get("first"):  # --rejudge: a journalled survivor meets the new tests only
            first, names = m["first"], []
        elif how == "unreached":
            first, names = "no test executes %s:%d (coverage map)" % (m["file"], m["site"].line), []
        elif not names:
            return "uncompilable", "no test selected"
        skipped = 0
        if self.budget and not regex and how != "python":  # the fastest tests whose times in the map add up to the budget (at least one)
            total, kept = 0.0, []
            for name in names:
                total += self.cmap["tests"].get(name, {}).get("seconds", 60)
                if kept and total > self.budget:
                    break
                kept.append(name)
            skipped, names = len(names) - len(kept), kept
        # --new-tests: tests written for survivors, run (after the suite's, which alone make the first verdict)
        # only when the mutant survived those: its folder's first, then every other one the map does not know (a
        # test the map knows and did not select does not execute the line), each group fastest first where a
        # time is known (the map's, else ctest's last run in this build), the rest in name order
        own = areas_of(m["folder"])
        extra = sorted((n for n in tests if self.new_tests and not regex and re.search(self.new_tests, n)
                        and n not in names and (m.get("first") or any(a in n for a in own)
                                                or n not in self.cmap["tests"])),
                       key=lambda n: (not any(a in n for a in own), known_seconds(self.cmap, build, n), n))
        if not names and not extra:
            return "SURVIVED", first
        targets = self.linked = ctest_runner.build_targets(names + extra)
        fast = self.fast.get(build) or self.fast.setdefault(build, ctest_runner.FastRebuild(build))
        if m["file"].endswith(".c") and not fast.rebuild(os.path.join(self.src, m["file"]), targets):
            rc, out = run(["nice", "cmake", "--build", build, "-j", "1", "--target"] + targets, self.dir)
            if rc != 0:
                return "uncompilable", out[-1500:]

        def passes(name):
            seconds = self.cmap["tests"].get(name, {}).get("seconds", 60)
            test = dict(tests[name], command=["nice"] + tests[name]["command"])
            passed, took, tail = ctest_runner.run_test(test, timeout=min(test["timeout"], 4 * seconds + 60),
                                                       extra_env=SANITIZER_ENV if sanitized else None)
            return passed, " timed out" if "timed out" in tail else ""

        for name in names:
            passed, why = passes(name)
            if not passed:
                return "killed", "%s failed (%s tests by %s)%s" % (name, len(names), how, why)
        first = first or "%d tests by %s passed%s: %s" % (
            len(names), how, " (%d slower ones not run)" % skipped if skipped else "", " ".join(names)[:200])
        for name in extra:
            passed, why = passes(name)
            if not passed:
                return "killed", "SURVIVED the suite (%s); %s %s%s" % (first, NEW_KILL, name, why)
        return "SURVIVED", first + ("; the %d new tests passed too" % len(extra) if extra else "")

    def judge(self, m, regex, full, timeout):
        path = os.path.join(self.src, m["file"])
        with open(path, encoding="utf-8") as f:
            original = f.read()
        if "site" in m:
            mutated = m["site"].apply(original)
            if mutated is None:
                return "stale", "the generated site is not where it was"
        else:
            mutated = original.replace(m["find"], m["replace"], 1)
        sanitized = m.get("tree") == "asan"  # leaks on error paths: only LeakSanitizer sees them
        if sanitized and not self.asan_ready:
            if not (self.prebuilt and os.path.isfile(os.path.join(self.asan, "CMakeCache.txt"))):
                self.configure(self.asan, ["-DCMAKE_BUILD_TYPE=Debug", "-DPARLEY_SANITIZE=ON"])
            self.asan_ready = True
        build = self.asan if sanitized else self.build
        keep = os.path.join(self.dir, "unmutated-objects")  # put back after the verdict, not compiled again
        shutil.rmtree(keep, ignore_errors=True)
        if self.cmap is not None and not full and build not in self.fast:
            self.fast[build] = ctest_runner.FastRebuild(build)
        if build in self.fast and m["file"].endswith(".c"):
            self.fast[build].save_objects(path, keep)
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(mutated)
            if self.cmap is not None and not full:
                return self.judge_mapped(m, build, sanitized, regex)
            sel = regex or (None if full else PYTHON_TESTS if is_python(m) else m.get("tests"))
            # a Python mutant changes no object: the scratch build (complete since prepare) is not made again
            rc, out = (0, "") if is_python(m) else run(["nice", "cmake", "--build", build, "-j", "1"] +
                                                        self.targets(build, sel), self.dir)
            if rc != 0:
                return "uncompilable", out[-1500:]
            cmd = ["ctest", "--timeout", str(timeout), "--stop-on-failure"]  # one failing test kills it
            if sel:
                cmd += ["-R", sel]
            rc, out = run(["nice"] + cmd, build, env=SANITIZER_ENV if sanitized else None)
            if "No tests were found" in out:
                return "uncompilable", "ctest -R %s selects no test" % sel
            failed = [l.strip() for l in out.splitlines() if "***" in l or "(Failed)" in l or "Timeout" in l]
            return ("killed" if rc != 0 else "SURVIVED"), "; ".join(failed)[:300]
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
            if build in self.fast and m["file"].endswith(".c"):  # the object and its archive back as they were
                # and the server's and MPI programs, linked only for the tests that run them, never left mutated
                self.fast[build].rebuild(path, [t for t in self.linked if t in ctest_runner.HELPERS],
                                         restore=keep if os.path.isdir(keep) else None)
                self.linked = []


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--list", default=os.path.join(ROOT, "tests", "mutants", "mutants.txt"))
    ap.add_argument("--jobs", type=int, default=1, help="scratch copies built and tested in parallel")
    ap.add_argument("--full", action="store_true", help="run every ctest test on every mutant")
    ap.add_argument("-R", dest="regex", help="ctest -R regex for every mutant (instead of each one's tests:)")
    ap.add_argument("--only", help="comma-separated mutant ids to run")
    ap.add_argument("--timeout", type=int, default=300, help="ctest --timeout per test, seconds")
    ap.add_argument("--base", default=os.path.join(ROOT, "build-mutants"))
    ap.add_argument("--sample", type=int, help="generate mutants (generate.py) and run a sample of this many")
    ap.add_argument("--seed", type=int, default=1, help="the sample's random seed")
    ap.add_argument("--carry", metavar="COMMIT", help="with --sample: keep the positional draw of COMMIT in the files "
                    "unchanged since, and draw the changed files' sites at the same rate (generate.carried_draw)")
    ap.add_argument("--files", metavar="REGEX", help="with --sample: draw only among the sites of the files whose "
                    "path the regex matches (generate.sample), e.g. the newest wave's code")
    ap.add_argument("--since", metavar="COMMIT", help="with --sample: draw only among the sites on lines added or "
                    "changed since the git commit (generate.changed_lines; with --files, both)")
    ap.add_argument("--equivalents", default=os.path.join(ROOT, "tests", "mutants", "equivalents.txt"))
    ap.add_argument("--report-only", action="store_true",
                    help="with --resume: report the journalled verdicts, run nothing (the rest counted as unrun)")
    ap.add_argument("--map", help="a coverage map (coverage_map.py): each generated mutant runs only the tests "
                    "that execute its line, fastest first")
    ap.add_argument("--map-budget", type=float, default=0,
                    help="with --map: run only the fastest tests of a mutant whose times in the map add up to this "
                    "many seconds (0: all of them)")
    ap.add_argument("--asan-memory", action="store_true",
                    help="judge the generated mutants of lines that size, copy or release memory (generate."
                    "touches_memory) in a sanitizer build of the scratch copy, where an overflow or a leak fails")
    ap.add_argument("--new-tests", help="with --map: a regex of tests written for survivors; a mutant that survives "
                    "the tests the map selects runs these too (its folder's first, then those the map does not "
                    "know), and one that fails is reported as killed by it (the detail keeps the first verdict)")
    ap.add_argument("--rejudge", action="store_true",
                    help="with --resume and --new-tests: the journalled survivors run the new tests (only those)")
    ap.add_argument("--prebuilt", action="store_true",
                    help="with --map: the scratch build is complete and unmutated; do not run make on it again (make "
                    "would relink every program after the fast rebuilds)")
    ap.add_argument("--overlay", help="a folder of files laid over the scratch copy after it is synced (e.g. the new "
                    "tests of another branch: git archive BRANCH tests | tar -x -C DIR)")
    ap.add_argument("--resume", action="store_true",
                    help="keep the verdicts of an earlier run with the same --base (its results.jsonl)")
    args = ap.parse_args()

    if args.sample:
        every, chosen = generate.sample(args.sample, args.seed, carry=args.carry, files=args.files,
                                        since=args.since)
        mutants = generate.as_mutants(chosen)
        if args.asan_memory:
            for m in mutants:
                if generate.touches_memory(m["site"]):
                    m["tree"] = "asan"
        argued = parse_equivalents(args.equivalents)
        for m in mutants:
            if m["id"] in argued:
                m["equivalent"] = argued[m["id"]]
        print("mutate.py: %d generated sites, a sample of %d (seed %d%s)" % (
            len(every), len(mutants), args.seed, "".join([", files matching %r" % args.files if args.files else "",
                                                          ", lines changed since %s" % args.since if args.since else ""])),
            flush=True)
    else:
        mutants = parse_list(args.list)
    if args.only:
        wanted = set(args.only.split(","))
        if args.sample:  # ids drawn at another commit: the draw moves when sites are added, the ids do not
            known = {m["id"] for m in mutants}
            mutants += [m for m in generate.as_mutants([s for s in every if s.id in wanted - known])]
            for m in mutants:
                if m["id"] in argued:
                    m["equivalent"] = argued[m["id"]]
                if args.asan_memory and generate.touches_memory(m["site"]):
                    m["tree"] = "asan"
        unknown = wanted - {m["id"] for m in mutants}
        if unknown:
            sys.exit("mutate.py: no mutant %s" % ", ".join(sorted(unknown)))
        mutants = [m for m in mutants if m["id"] in wanted]

    results = {}
    todo = []
    for m in mutants:
        path = os.path.join(ROOT, m["file"])
        text = open(path, encoding="utf-8").read() if os.path.isfile(path) else ""
        count = 1 if "site" in m else text.count(m["find"])
        if "equivalent" in m:
            results[m["id"]] = ("equivalent", m["equivalent"])
        elif count == 0:
            results[m["id"]] = ("stale", "original text not found in %s" % m["file"])
        elif count > 1:
            results[m["id"]] = ("ambiguous", "original text occurs %d times in %s" % (count, m["file"]))
        else:
            todo.append(m)

    journal = os.path.join(args.base, "results.jsonl")  # one verdict a line, so that a run can be resumed
    if args.resume and os.path.isfile(journal):
        done = {}
        for line in open(journal, encoding="utf-8"):
            rec = json.loads(line)
            done[rec["id"]] = (rec["verdict"], rec["detail"])
        for m in todo:
            if m["id"] in done:
                results[m["id"]] = tuple(done[m["id"]])
                if args.rejudge and done[m["id"]][0] == "SURVIVED":
                    m["first"] = done[m["id"]][1] or "survived"
        todo = [m for m in todo if m["id"] not in done or m.get("first")]
        print("mutate.py: resuming, %d verdicts kept" % len(done), flush=True)
    elif os.path.isfile(journal):
        os.remove(journal)
    if args.report_only:
        for m in todo:
            results[m["id"]] = ("unrun", "")
        todo = []
    started = time.time()
    if todo:
        jobs = max(1, min(args.jobs, len(todo)))
        workers = [Worker(args.base, n) for n in range(jobs)]
        for w in workers:
            w.prebuilt = args.prebuilt
        print("mutate.py: building %d scratch cop%s in %s" % (jobs, "y" if jobs == 1 else "ies", args.base), flush=True)
        threads = [threading.Thread(target=w.prepare, args=(args.overlay,)) for w in workers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if args.map:
            cmap = json.load(open(args.map, encoding="utf-8"))
            for w in workers:
                w.cmap, w.tests, w.budget = cmap, ctest_runner.load_tests(w.build, fixtures=True), args.map_budget
                w.new_tests = args.new_tests
                w.fixtures = ctest_runner.Fixtures(w.build, w.tests)  # each copy's own cluster, stopped at exit
        work = queue.Queue()
        for m in sorted(todo, key=lambda m: m.get("tree") == "asan"):  # the sanitizer tree last (its own build)
            work.put(m)
        lock = threading.Lock()

        def loop(w):
            while True:
                try:
                    m = work.get_nowait()
                except queue.Empty:
                    return
                verdict = w.judge(m, args.regex, args.full, args.timeout)
                with lock:
                    results[m["id"]] = verdict
                    with open(journal, "a", encoding="utf-8") as f:
                        f.write(json.dumps({"id": m["id"], "verdict": verdict[0], "detail": verdict[1]}) + "\n")
                    print("%-12s %-28s %s%s" % (verdict[0], m["id"], m["why"],
                                                "\n             " + verdict[1][-400:].replace("\n", " | ")
                                                if verdict[0] not in ("killed", "SURVIVED") else ""), flush=True)

        threads = [threading.Thread(target=loop, args=(w,)) for w in workers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    order = ["SURVIVED", "uncompilable", "ambiguous", "stale", "killed", "equivalent", "unrun"]
    counts = {k: 0 for k in order}
    lines = []
    for m in mutants:
        verdict, detail = results[m["id"]]
        counts[verdict] += 1
        lines.append("%-12s %-28s %s: %s%s" % (verdict, m["id"], m["file"], m["why"],
                                               ("\n             " + detail) if detail else ""))
    lines.sort(key=lambda l: order.index(l.split()[0]))
    judged = counts["killed"] + counts["SURVIVED"]
    score = 100.0 * counts["killed"] / judged if judged else 0.0
    by_new = sum(1 for m in mutants if results[m["id"]][0] == "killed" and NEW_KILL in results[m["id"]][1])
    mode = "every test (--full)" if args.full else ("ctest -R %s" % args.regex if args.regex else "each mutant's tests:")
    head = ("mutants: %d  killed %d (%d of them only by new tests)  survived %d  equivalent %d  stale %d  ambiguous %d"
            "  uncompilable %d%s  score %.1f%% of the judged (%.1f%% before the new tests)  (%s, %.0f s)"
            % (len(mutants), counts["killed"], by_new, counts["SURVIVED"], counts["equivalent"], counts["stale"],
               counts["ambiguous"], counts["uncompilable"], "  not run %d" % counts["unrun"] if counts["unrun"] else "",
               score, 100.0 * (counts["killed"] - by_new) / judged if judged else 0.0, mode, time.time() - started))
    report = head + "\n" + (per_folder(mutants, results) if args.sample else "") + "\n".join(lines) + "\n"
    os.makedirs(args.base, exist_ok=True)
    with open(os.path.join(args.base, "report.txt"), "w", encoding="utf-8") as f:
        f.write(report)
    print(report)
    bad = counts["SURVIVED"] + counts["stale"] + counts["ambiguous"] + counts["uncompilable"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
