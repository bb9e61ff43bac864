#!/usr/bin/env python3
"""golden.py: whole-output tests.  Runs every case of a .cases file and compares what it printed (exit code,
standard output, standard error and every file it wrote) with the recorded expected/<area>.golden, byte for byte.

Why: most small bugs in a report, a plot or a reply change some byte of an output that a test runs but does not
look at (issue 27).  A golden file looks at every byte.  It is a regression pin, not an oracle: when a change is
meant, `golden.py --update` rewrites the file and `git diff` shows every byte that moved, which the author reviews
before committing (docs/testing.md, "Golden outputs").

A .cases file is a list of cases:

    [case name]
    %mask REGEX          (optional, repeatable) replace every match in the outputs by <masked>; before the
                         first case, it applies to every case of the file
    %no-sanitized        (optional) skip the case in the sanitizer tree (PARLEY_SANITIZED=1): too slow there
    bash lines, run in a fresh empty directory with PARLEY (the binary), SRC (the source tree),
    EX (SRC/examples), GENIUS (SRC/../shared/genius) and DATA (SRC/tests/data) in the environment

Paths of the temporary directory and of SRC print as <tmp> and <src>.

usage: golden.py PARLEY SRC CASES [--update] [--only NAME]
exit: 0 all match, 1 some differ, 2 bad usage or a bad .cases file
"""
import difflib
import hashlib
import os
import re
import subprocess
import sys
import tempfile

CASE_TIMEOUT = 600  # seconds: a hang bound, far above any case on a loaded 2-core machine


def parse_cases(path):
    cases, current, file_masks = [], None, []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            m = re.fullmatch(r"\[case ([A-Za-z0-9_.-]+)\]", line)
            if m:
                if any(c["name"] == m.group(1) for c in cases):
                    raise ValueError(f"{path}:{lineno}: case '{m.group(1)}' appears twice")
                current = {"name": m.group(1), "masks": list(file_masks), "sanitized": True, "script": []}
                cases.append(current)
            elif current is None and not line.startswith("%mask "):
                if line.strip() and not line.startswith("#"):
                    raise ValueError(f"{path}:{lineno}: expected '[case NAME]' before any command")
            elif line.startswith("%mask "):
                try:
                    (current["masks"] if current else file_masks).append(re.compile(line[6:]))
                except re.error as e:
                    raise ValueError(f"{path}:{lineno}: bad %mask regex: {e}")
            elif line == "%no-sanitized":
                current["sanitized"] = False
            elif line.startswith("%"):
                raise ValueError(f"{path}:{lineno}: unknown directive '{line}' (expected %mask or %no-sanitized)")
            else:
                current["script"].append(line)
    if not cases:
        raise ValueError(f"{path}: no case")
    return cases


def text_of(data):
    """A file's bytes as text, or its size and SHA-256 when it is not UTF-8 (a binary output)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return f"<binary: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}>\n"


def run_case(case, parley, src):
    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        env = dict(os.environ, PARLEY=parley, SRC=src, EX=os.path.join(src, "examples"),
                   GENIUS=os.path.normpath(os.path.join(src, "..", "shared", "genius")),
                   DATA=os.path.join(src, "tests", "data"), LC_ALL="C", TZ="UTC")
        try:
            p = subprocess.run(["bash", "-c", "\n".join(case["script"])], cwd=tmp, env=env,
                               capture_output=True, timeout=CASE_TIMEOUT)
            parts = [f"-- exit {p.returncode}\n", "-- stdout\n", text_of(p.stdout), "-- stderr\n", text_of(p.stderr)]
        except subprocess.TimeoutExpired:
            parts = [f"-- timed out after {CASE_TIMEOUT} s\n"]
        for root, dirs, files in os.walk(tmp):
            dirs.sort()
            for name in sorted(files):
                full = os.path.join(root, name)
                with open(full, "rb") as f:
                    parts += [f"-- file {os.path.relpath(full, tmp)}\n", text_of(f.read())]
        out = "".join(p if p == "" or p.endswith("\n") else p + "\n<no newline at end>\n" for p in parts)
        out = out.replace(os.path.realpath(tmp), "<tmp>").replace(tmp, "<tmp>")
        out = out.replace(os.path.realpath(src), "<src>").replace(src, "<src>").replace(parley, "parley")
        for mask in case["masks"]:
            out = mask.sub("<masked>", out)
        return f"== case {case['name']}\n" + out


def split_golden(text):
    """The recorded outputs by case name."""
    found = {}
    for chunk in re.split(r"(?m)^(?=== case )", text):
        if chunk.startswith("== case "):
            found[chunk[8:chunk.index("\n")]] = chunk
    return found


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    update = "--update" in argv
    only = None
    if "--only" in argv:
        only = argv[argv.index("--only") + 1]
        args.remove(only)
    if len(args) != 3:
        print("usage: golden.py PARLEY SRC CASES [--update] [--only NAME]", file=sys.stderr)
        return 2
    parley, src, cases_path = os.path.abspath(args[0]), os.path.abspath(args[1]), args[2]
    try:
        cases = parse_cases(cases_path)
    except (OSError, ValueError) as e:
        print(f"golden.py: {e}", file=sys.stderr)
        return 2
    area = os.path.splitext(os.path.basename(cases_path))[0]
    golden_path = os.path.join(os.path.dirname(os.path.abspath(cases_path)), "expected", area + ".golden")
    sanitized = os.environ.get("PARLEY_SANITIZED") == "1"
    if update:
        with open(golden_path, "w", encoding="utf-8") as f:
            for case in cases:
                f.write(run_case(case, parley, src))
        print(f"golden.py: wrote {golden_path} ({len(cases)} cases); review it with git diff")
        return 0
    try:
        with open(golden_path, encoding="utf-8") as f:
            recorded = split_golden(f.read())
    except OSError as e:
        print(f"golden.py: {e}: run with --update to record it", file=sys.stderr)
        return 2
    differ, ran = [], 0
    for case in cases:
        if (only and case["name"] != only) or (sanitized and not case["sanitized"]):
            continue
        ran += 1
        got = run_case(case, parley, src)
        want = recorded.get(case["name"])
        if want is None:
            differ.append(case["name"])
            print(f"FAIL {case['name']}: not recorded in {golden_path} (run with --update)")
        elif got != want:
            differ.append(case["name"])
            diff = list(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                             "expected", "got", n=2))
            print(f"FAIL {case['name']}: the output differs from the recorded one:")
            sys.stdout.writelines(diff[:80])
            if len(diff) > 80:
                print(f"... {len(diff) - 80} more diff lines")
    print(f"golden {area}: {ran - len(differ)} of {ran} cases match" + (f"; differ: {' '.join(differ)}" if differ else ""))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
