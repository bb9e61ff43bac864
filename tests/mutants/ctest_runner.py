"""
ctest_runner.py: runs the tests of a CMake build one by one, outside ctest, for mutate.py and coverage_map.py.

ctest runs tests in its own order and kills only the test's own process on a timeout; a mutant that makes a
server test hang would leave its children running.  Here each test is read from `ctest --show-only=json-v1`
(command, working directory, environment, timeout) and run in a process group of its own, killed as a whole
when its time is up, so that a mutation run can order its tests (the fastest first, stopping at the first
failure) and bound each mutant's time without leaving processes behind.
"""
import atexit
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time


def _ctest_json(build):
    out = subprocess.run(["ctest", "--show-only=json-v1"], cwd=build, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, check=True).stdout
    return json.loads(out)["tests"]


def _test_of(t, props):
    env = {}
    for item in props.get("ENVIRONMENT", []):
        key, _, value = item.partition("=")
        env[key] = value
    return {"command": t["command"], "cwd": props.get("WORKING_DIRECTORY", t.get("cwd")), "env": env,
            "timeout": float(props.get("TIMEOUT", 1500))}


def load_tests(build, fixtures=False):
    """{name: {"command": [...], "cwd": dir, "env": {...}, "timeout": seconds}} of every ctest test of build that
    runs on its own.  A test that needs a fixture (the PostgreSQL cluster of the *_pg tests) is left out, unless
    fixtures is true: then it is kept with the names of its fixtures (key "fixtures"), and the caller starts them
    with Fixtures first.  The fixtures' own setup and cleanup tests are never in the list."""
    tests = {}
    for t in _ctest_json(build):
        props = {p["name"]: p["value"] for p in t.get("properties", [])}
        if "FIXTURES_SETUP" in props or "FIXTURES_CLEANUP" in props:
            continue
        needs = props.get("FIXTURES_REQUIRED", [])
        if needs and not fixtures:
            continue  # cannot run alone
        if "command" not in t:
            continue  # its program is not built (a scratch build of only the targets some mutants need)
        test = _test_of(dict(t, cwd=build), props)
        if needs:
            test["fixtures"] = list(needs)
        tests[t["name"]] = test
    return tests


class Fixtures:
    """Starts the ctest fixtures that tests (from load_tests(build, fixtures=True)) need, by running their setup
    tests once; stop() runs the cleanup tests.  A fixture whose setup fails is reported, and the tests needing it
    are removed from tests (they could only fail)."""

    def __init__(self, build, tests, log=print):
        self.cleanups = []
        wanted = {f for t in tests.values() for f in t.get("fixtures", [])}
        if not wanted:
            return
        setups, failed = {}, set()
        for t in _ctest_json(build):
            props = {p["name"]: p["value"] for p in t.get("properties", [])}
            for f in props.get("FIXTURES_SETUP", []):
                if f in wanted and "command" in t:
                    setups[f] = _test_of(dict(t, cwd=build), props)
            for f in props.get("FIXTURES_CLEANUP", []):
                if f in wanted and "command" in t:
                    self.cleanups.append(_test_of(dict(t, cwd=build), props))
        for f in sorted(wanted):
            passed, _, tail = run_test(setups[f]) if f in setups else (False, 0, "no setup test")
            if not passed:
                log("ctest_runner: fixture %s did not start; its tests are left out: %s" % (f, tail[-300:]))
                failed.add(f)
        for name in [n for n, t in tests.items() if failed.intersection(t.get("fixtures", []))]:
            del tests[name]
        if self.cleanups:  # a run stopped by a signal or an error still stops its PostgreSQL clusters
            atexit.register(self.stop)
            _exit_on_signals()

    def stop(self):
        cleanups, self.cleanups = self.cleanups, []
        for t in cleanups:
            run_test(t)


def _exit_on_signals():
    """SIGTERM and SIGHUP end the program through sys.exit, so that atexit's handlers (the fixtures' cleanup)
    run: by default either signal ends Python without them, leaving a PostgreSQL cluster behind."""
    for sig in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(sig) in (signal.SIG_DFL, None):
            signal.signal(sig, lambda number, frame: sys.exit(128 + number))


def run_test(test, timeout=None, extra_env=None, log=None):
    """Runs one test; returns (passed, seconds, output tail).  A test past its time is killed with its whole
    process group and counts as failed."""
    env = dict(os.environ, **test["env"])
    if extra_env:
        env.update(extra_env)
    limit = timeout if timeout is not None else test["timeout"]
    start = time.time()
    p = subprocess.Popen(test["command"], cwd=test["cwd"], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, start_new_session=True)
    try:
        out, _ = p.communicate(timeout=limit)
        passed = p.returncode == 0
        tail = out.decode("utf-8", "replace")[-600:]
    except subprocess.TimeoutExpired:
        kill_group(p)
        passed, tail = False, "(timed out after %.0f s)" % limit
    finally:
        kill_group(p)  # whatever the test started and left behind
    if log:
        log.write(tail)
    return passed, time.time() - start, tail


def kill_group(p):
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        p.communicate(timeout=10)
    except (subprocess.TimeoutExpired, ValueError):
        pass


# The CLI tests that run `parley serve` (parley_serve) and `parley ... --mpi` or mpirun (parley_mpi).
SERVE_TESTS = r"serve|party_e2e|completion|install|option_bounds|^golden_(server|io|cli_k15)"
MPI_TESTS = r"mpi|install|negotiate_genius|^golden_(tournament|analysis|io|cli_k15)"
HELPERS = ("parley_serve", "parley_mpi")


def build_targets(names):
    """The build targets the named tests need: a cmocka or replay test its own program, a Python test the shared
    library and the parley program, a CLI test the parley program (and the server's or the MPI one when it
    runs them); a golden test (tests/golden) the parley program."""
    wanted = set()
    for name in names:  # `parley` starts the server's and the MPI programs: linked only for the tests that use them
        if name.endswith("_pg"):  # the same program or script again against PostgreSQL (tests/CMakeLists.txt)
            name = name[:-3]
        if name.startswith(("cli_", "python_", "golden_", "serve_")):  # the CLI and golden tests, the Python ones
            # (PARLEY_CLI), run parley
            wanted.add("parley_cli")
        if re.search(SERVE_TESTS, name):
            wanted.add("parley_serve")
        if re.search(MPI_TESTS, name):
            wanted.add("parley_mpi")
        if name.startswith(("test_", "replay_")):
            wanted.add(name)
        elif name.startswith("python_"):
            wanted.add("parley_shared")
    return sorted(wanted)


class FastRebuild:
    """Rebuilds a CMake (Makefile generator) tree after one source file changed, without make: `cmake --build
    --target A B ...` checks every dependency of every goal again, a minute a goal on a loaded machine.  Here the
    file's objects are compiled with their commands from compile_commands.json, the archives and libraries that
    hold them are made again from their link.txt, and then each executable asked for is linked from its
    link.txt.  Only for trees already built completely; an error falls back to the caller's cmake build."""

    LIBS = (("CMakeFiles/parley_objects.dir/", "parley", "libparley.a"),
            ("CMakeFiles/parley_server.dir/", "parley_server", "libparley_server.a"))

    def __init__(self, build):
        self.build = build = os.path.abspath(build)
        with open(os.path.join(build, "compile_commands.json"), encoding="utf-8") as f:
            self.compiles = json.load(f)
        self.exe_dirs = {}
        for dirpath, dirs, _ in os.walk(build):
            for d in dirs:
                if d.endswith(".dir") and os.path.isfile(os.path.join(dirpath, d, "link.txt")):
                    # link.txt runs in the target's folder of the build, the parent of its CMakeFiles/
                    self.exe_dirs[d[:-4]] = (os.path.dirname(dirpath), os.path.join(dirpath, d, "link.txt"))

    def _script(self, cwd, link):
        return subprocess.run(["nice", "cmake", "-E", "cmake_link_script", link], cwd=cwd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT).returncode == 0

    @staticmethod
    def _object_of(entry):
        """The object file a compile_commands.json entry writes (its -o), as an absolute path."""
        args = entry["command"].split()
        out = args[args.index("-o") + 1] if "-o" in args else None
        return os.path.join(entry["directory"], out) if out else None

    def save_objects(self, source, keep):
        """Copies the objects of `source` (its unmutated build) into the folder `keep`: restore=keep in rebuild
        puts them back instead of compiling the source again."""
        os.makedirs(keep, exist_ok=True)
        for n, e in enumerate(self._entries(source)):
            obj = self._object_of(e)
            if obj and os.path.isfile(obj):
                shutil.copy(obj, os.path.join(keep, "%d.o" % n))

    def _entries(self, source):
        real = os.path.realpath(source)
        own = [e for e in self.compiles if os.path.realpath(e["file"]) == real]
        # a test that #includes the source itself (tests/test_cli_progress.c, test_kill15_cli.c: "cli/progress.c")
        # compiles the mutant too
        line = '#include "%s"' % "/".join(real.split(os.sep)[-2:])
        return own + [e for e in self.compiles if e not in own and os.sep + "tests" + os.sep in e["file"] and
                      e["file"].endswith(".c") and self._includes(e["file"], line)]

    @staticmethod
    def _includes(path, line):
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                return line in f.read()
        except OSError:
            return False

    def rebuild(self, source, targets, restore=None):
        """Compiles `source` (absolute path) and links the libraries holding it, then `targets`; True when
        everything built.  With restore (a folder save_objects filled), its objects are copied back instead."""
        entries = self._entries(source)
        if not entries:
            return False
        libs = set()
        for n, e in enumerate(entries):
            cmd = e.get("command")
            saved = os.path.join(restore, "%d.o" % n) if restore else None
            if saved and os.path.isfile(saved) and self._object_of(e):
                shutil.copy(saved, self._object_of(e))  # a fresh mtime: newer than the restored source
            else:
                p = subprocess.run(["nice", "sh", "-c", cmd], cwd=e["directory"], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT)
                if p.returncode != 0:
                    self.error = p.stdout.decode("utf-8", "replace")[-1500:]
                    return False
            for marker, name, archive in self.LIBS:
                if marker in cmd:
                    libs.add((name, archive))
        for name, archive in sorted(libs):  # `ar qc` appends: the archive is made anew
            cwd, link = self.exe_dirs[name]
            if os.path.exists(os.path.join(cwd, archive)):
                os.remove(os.path.join(cwd, archive))
            if not self._script(cwd, link):
                return False
        for t in targets:
            if t not in self.exe_dirs:
                return False
            cwd, link = self.exe_dirs[t]
            if not self._script(cwd, link):
                return False
        return True
