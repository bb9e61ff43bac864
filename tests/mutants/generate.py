#!/usr/bin/env python3
"""
generate.py: systematic mutants of src/ and python/ for tests/mutants/mutate.py (`make mutants` with
MUTANTS_SAMPLE=N).  Nobody picks these: every site of a kind below, in every C and Python file of src/ and
python/parley/, is a candidate, and a seeded random sample of fixed size is drawn from all of them.

Kinds (code only: comments, strings, character literals and preprocessor lines are never touched):
  rel       a relational operator swapped for its neighbour:  < <=   > >=   == !=   (both ways)
  arith     a binary arithmetic operator swapped:  + -   * /   (written with a space on both sides: binary)
  bound     an integer constant moved by one:  N -> N+1, N -> N-1  (N > 1; 0 and 1 are the `const` kind)
  const     0 <-> 1, true <-> false (True <-> False in Python)
  call      a statement-level call deleted:  `name(...);` alone on its line (C) / `name(...)` (Python)
  check     an error check deleted:  `if (...) return ...;` (one or two lines) / `if ...: raise|return`

Calls that only release a resource (free, close, unlock, *_destroy, *_free...) are not generated: the
Release tree that judges most mutants cannot see a leak, and a removed unlock hangs rather than fails; the
hand-written list (mutants.txt, `tree: asan`) covers those.

Each mutant has a stable id: its kind, file and a hash of the line's text, the occurrence of that text in the
file and the column of the change, so that it survives edits elsewhere in the file; equivalents.txt keys its
arguments by that id.
"""
import hashlib
import os
import random
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# folder -> ctest -R regex of the tests that exercise it (mutate.py falls back to every test when a folder
# is not listed), with the tests written for survivors of earlier runs (test_kill_*, test_mut_*, cli_kill_*,
# test_server_kill*, python_test_kill_python).  The CLI tests run the parley binary, so they see every folder the CLI links.
FOLDER_TESTS = {
    "src/agents": "test_agents|test_boa|test_baselines|test_protocol|test_tournament|test_oom|cli_agents"
                  "|cli_negotiate|cli_baselines|test_kill_agents|test_mut_agents",
    "src/analysis": "test_analysis|test_exact|test_diagnose|test_propose|test_moves|test_merge|test_plot_data"
                    "|test_space|test_oom|cli_analyze|cli_diagnose|cli_propose|cli_plots|cli_textbook"
                    "|test_kill_analysis|cli_kill_analysis",
    "src/bind": "python_|cli_one_language|test_kill_live",
    "src/cli": "^cli_",
    "src/core": "test_utility|test_expr|test_space|test_phases|test_scenario_json|test_oom|test_protocol"
                "|cli_negotiate|cli_convert|cli_error_paths|test_kill_core",
    "src/gmcr": "test_gmcr|test_oom|cli_conflict|test_kill_gmcr|cli_kill_gmcr",
    "src/io": "test_genius|test_scenario_json|test_oom|cli_convert|cli_genius|cli_negotiate_genius|test_kill_io"
              "|cli_kill_io",
    "src/protocol": "test_protocol|test_agents|test_phases|test_exact_index|cli_negotiate|test_kill_protocol"
                    "|test_kill_live|test_mut_protocol",
    "src/server": "test_server|cli_serve|cli_kill_serve",  # test_server also names test_server_kill*
    "src/tournament": "test_tournament|test_stats|test_boa_uncertainty|cli_tournament|cli_agents"
                      "|test_kill_tournament|test_mut_tournament",
    "python/parley": "python_",  # with python_test_kill_python
}

# Finer maps for files whose folder's tests would be the whole CLI suite: the CLI tests that run that command.
FILE_TESTS = {
    "src/cli/cmd_serve.c": "cli_serve|cli_option_bounds|cli_kill_serve",
    "src/cli/cmd_tournament.c": "cli_tournament|cli_progress|cli_option_bounds|cli_mpi",
    "src/cli/cli_stats.c": "cli_tournament|cli_option_bounds|cli_mpi|cli_kill_cli",
    "src/cli/cmd_negotiate.c": "cli_negotiate|cli_agents|cli_option_bounds|cli_baselines|cli_kill_cli",
    "src/cli/cmd_analyze.c": "cli_analyze|cli_mpi|cli_plots|cli_kill_analysis",
    "src/cli/cmd_conflict.c": "cli_conflict|cli_kill_gmcr",
    "src/cli/cmd_propose.c": "cli_propose",
    "src/cli/cmd_diagnose.c": "cli_diagnose",
    "src/cli/cmd_convert.c": "cli_convert|cli_genius|cli_kill_io",
    "src/cli/cmd_agents.c": "cli_agents",
    "src/cli/analyze_dist.c": "cli_mpi",
    "src/cli/tournament_dist.c": "cli_mpi",
    "src/cli/mpi.c": "cli_mpi",
    "src/cli/progress.c": "test_cli_progress|cli_progress",
    "src/cli/plot_file.c": "cli_plots",
    "src/cli/cli_common.c": "cli_one_language|cli_analyze|cli_diagnose|cli_option_bounds|cli_error_paths|cli_conflict"
                           "|cli_kill_cli",
}

RELEASES = re.compile(r"^(free|close|fclose|closedir|munmap|pthread_\w+|sqlite3_finalize|sqlite3_close\w*|"
                      r"json_decref|\w+_(free|destroy|close|unref|release|unlock|lock|join|clear))$")


def folder_of(rel):
    return os.path.dirname(rel) if rel.startswith("src/") else "python/parley"


def mask_c(text):
    """The text with comments, strings and character literals blanked (same length, newlines kept)."""
    out, i, n = list(text), 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j += 1
        else:
            i += 1
            continue
        for k in range(i, min(j, n)):
            if out[k] != "\n":
                out[k] = " "
        i = j
    return "".join(out)


def mask_py(text):
    out, i, n = list(text), 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif c in "\"'":
            q = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else c
            j = i + len(q)
            while j < n and not text.startswith(q, j) and (len(q) == 3 or text[j] != "\n"):
                j += 2 if text[j] == "\\" else 1
            j += len(q)
        else:
            i += 1
            continue
        for k in range(i, min(j, n)):
            if out[k] != "\n":
                out[k] = " "
        i = j
    return "".join(out)


C_OPS = re.compile(r"<<=|>>=|->|<<|>>|<=|>=|==|!=|\+\+|--|\+=|-=|\*=|/=|&&|\|\||[<>+\-*/]")
REL_SWAP = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "=="}
ARITH_SWAP = {"+": "-", "-": "+", "*": "/", "/": "*"}
NUMBER = re.compile(r"(?<![\w.])(\d+)(?![\w.])")
CALL_C = re.compile(r"^\s*(?:\(void\)\s*)?([A-Za-z_]\w*)\s*\(.*\)\s*;\s*$")
CHECK_C1 = re.compile(r"^\s*if\s*\(.*\)\s*return\b[^;]*;\s*$")
CHECK_C_HEAD = re.compile(r"^\s*if\s*\(.*\)\s*$")
RETURN_C = re.compile(r"^\s*return\b[^;]*;\s*$")
CALL_PY = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*\(.*\)\s*$")
CHECK_PY = re.compile(r"^(\s*)if\s+(.+):\s*(raise|return)\b")
CHECK_PY_HEAD = re.compile(r"^(\s*)if\s+(.+):\s*$")


def balanced(s):
    return s.count("(") == s.count(")")


class Site:
    """One mutant: in `file`, the text `old` at (line, col) becomes `new`."""

    def __init__(self, rel, kind, line, col, old, new, line_text, occurrence, why):
        self.file, self.kind, self.line, self.col, self.old, self.new = rel, kind, line, col, old, new
        self.folder = folder_of(rel)
        key = "%s|%s|%s|%d|%d|%s" % (rel, kind, line_text.strip(), occurrence, col, new)
        self.id = "g-%s-%s" % (kind, hashlib.sha1(key.encode()).hexdigest()[:10])
        self.why = why

    def apply(self, text):
        """The mutated text, or None when the original is no longer where it was generated."""
        lines = text.split("\n")
        idx = self.line - 1
        if idx >= len(lines) or lines[idx][self.col:self.col + len(self.old)] != self.old:
            return None
        lines[idx] = lines[idx][:self.col] + self.new + lines[idx][self.col + len(self.old):]
        return "\n".join(lines)


def statement_start(masked, n):
    """Whether line n (1-based) begins a statement: the code line before it ends one or opens a block (a call on
    a continuation line is part of an expression, not a statement of its own)."""
    for k in range(n - 2, -1, -1):
        prev = masked[k].strip()
        if prev and not prev.startswith("#"):
            return prev.endswith((";", "{", "}", ":")) or re.match(r"^(\}\s*)?(else\b|(if|for|while)\s*\()", prev)
    return True


def c_sites(rel, text):
    masked = mask_c(text).split("\n")
    raw = text.split("\n")
    seen = {}
    sites = []
    for n, (m, r) in enumerate(zip(masked, raw), 1):
        stripped = m.strip()
        occ = seen[r.strip()] = seen.get(r.strip(), -1) + 1
        if not stripped or stripped.startswith("#"):
            continue
        decl_like = re.match(r"^\s*(static\s+|const\s+|extern\s+)*(struct\s+|enum\s+)?\w+\s*\**\s*\w+\s*\[", m)

        def add(kind, col, old, new, why):
            sites.append(Site(rel, kind, n, col, old, new, r, occ, why))

        for t in C_OPS.finditer(m):
            op, col = t.group(), t.start()
            if op in REL_SWAP:
                if op in "<>" and ("#include" in m or re.search(r"\w\s*<\s*\w+\s*>", m) and op == ">" and False):
                    continue
                add("rel", col, op, REL_SWAP[op], "%s turned into %s" % (op, REL_SWAP[op]))
            elif op in ARITH_SWAP:
                before = m[col - 1:col] if col else ""
                after = m[col + 1:col + 2]
                if before == " " and after == " " and re.search(r"[\w)\]]\s*$", m[:col]) \
                        and not re.match(r"^\s*[A-Za-z_][\w\s]*$", m[:col]):
                    add("arith", col, op, ARITH_SWAP[op], "%s turned into %s" % (op, ARITH_SWAP[op]))
        if not decl_like:
            for t in NUMBER.finditer(m):
                v, col = t.group(1), t.start(1)
                if len(v) > 1 and v.startswith("0"):
                    continue  # octal
                k = int(v)
                if k in (0, 1):
                    add("const", col, v, "1" if k == 0 else "0", "the constant %s turned into %s" % (v, 1 - k))
                else:
                    add("bound", col, v, str(k + 1), "the constant %d turned into %d" % (k, k + 1))
                    add("bound", col, v, str(k - 1), "the constant %d turned into %d" % (k, k - 1))
        for t in re.finditer(r"\b(true|false)\b", m):
            new = "false" if t.group() == "true" else "true"
            add("const", t.start(), t.group(), new, "%s turned into %s" % (t.group(), new))
        call = CALL_C.match(m)
        if call and balanced(m) and statement_start(masked, n) and call.group(1) not in ("if", "while", "for", "switch", "return", "sizeof") \
                and not RELEASES.match(call.group(1)):
            body = r.strip()
            add("call", r.index(body), body, ";", "the call to %s() deleted" % call.group(1))
        if CHECK_C1.match(m) and balanced(m) and statement_start(masked, n):
            body = r.strip()
            add("check", r.index(body), body, ";", "the check `%s` deleted" % body[:60])
        elif CHECK_C_HEAD.match(m) and balanced(m) and statement_start(masked, n) and n < len(raw) \
                and RETURN_C.match(masked[n]) \
                and not raw[n - 2 if n >= 2 else 0].rstrip().endswith("else"):
            cond = r.strip()
            # `if (c)` -> `if (0)`: the return below it never happens (one line changed, same structure)
            add("check", r.index(cond), cond, "if (0)", "the check `%s %s` deleted" % (cond[:50], raw[n].strip()[:30]))
    return sites


def py_sites(rel, text):
    masked = mask_py(text).split("\n")
    raw = text.split("\n")
    seen = {}
    sites = []
    for n, (m, r) in enumerate(zip(masked, raw), 1):
        if not m.strip() or m.strip().startswith(("import ", "from ", "def ", "class ", "@")):
            continue
        occ = seen[r.strip()] = seen.get(r.strip(), -1) + 1

        def add(kind, col, old, new, why):
            sites.append(Site(rel, kind, n, col, old, new, r, occ, why))

        for t in re.finditer(r"<=|>=|==|!=|<|>|\*\*|//|->|[+\-*/]", m):
            op, col = t.group(), t.start()
            if op in REL_SWAP:
                add("rel", col, op, REL_SWAP[op], "%s turned into %s" % (op, REL_SWAP[op]))
            elif op in ARITH_SWAP and m[col - 1:col] == " " and m[col + 1:col + 2] == " ":
                add("arith", col, op, ARITH_SWAP[op], "%s turned into %s" % (op, ARITH_SWAP[op]))
        for t in NUMBER.finditer(m):
            v, col = t.group(1), t.start(1)
            k = int(v)
            if k in (0, 1):
                add("const", col, v, "1" if k == 0 else "0", "the constant %s turned into %s" % (v, 1 - k))
            else:
                add("bound", col, v, str(k + 1), "the constant %d turned into %d" % (k, k + 1))
                add("bound", col, v, str(k - 1), "the constant %d turned into %d" % (k, k - 1))
        for t in re.finditer(r"\b(True|False)\b", m):
            new = "False" if t.group() == "True" else "True"
            add("const", t.start(), t.group(), new, "%s turned into %s" % (t.group(), new))
        call = CALL_PY.match(m)
        if call and balanced(m) and not call.group(1).startswith(("print", "super")):
            body = r.strip()
            add("call", r.index(body), body, "pass", "the call to %s() deleted" % call.group(1))
        chk = CHECK_PY.match(m) or (CHECK_PY_HEAD.match(m) if n < len(raw) and
                                    re.match(r"^\s*(raise|return)\b", masked[n]) else None)
        if chk and not m.strip().startswith("elif"):
            col = chk.start(2)  # masked and raw lines have the same columns; the text is the raw one
            cond = r[col:chk.end(2)]
            add("check", col, cond, "False", "the check `if %s` deleted" % cond[:50])
    return sites


def all_sites(root=ROOT):
    sites = []
    for top in ("src", os.path.join("python", "parley")):
        for dirpath, _, files in sorted(os.walk(os.path.join(root, top))):
            for name in sorted(files):
                rel = os.path.relpath(os.path.join(dirpath, name), root)
                if name.endswith(".c"):
                    sites += c_sites(rel, open(os.path.join(root, rel), encoding="utf-8").read())
                elif name.endswith(".py"):
                    sites += py_sites(rel, open(os.path.join(root, rel), encoding="utf-8").read())
    ids = {}
    unique = []
    for s in sites:  # two identical changes on identical lines are the same mutant twice: keep one
        if s.id not in ids:
            ids[s.id] = s
            unique.append(s)
    return unique


def stable_key(seed, site):
    """A site's place in the draw of a seed: a hash of the seed and the site's id (its file, kind, line text,
    occurrence of that text and column), so that an edit elsewhere does not move it."""
    return hashlib.sha1(("%d|%s" % (seed, site.id)).encode()).hexdigest()


def stable_draw(sites, n, seed):
    """The n sites with the smallest keys: a uniform draw that keeps a site drawn (or not) as long as its file's
    text around it is unchanged, whatever changes elsewhere in the tree."""
    return sorted(sites, key=lambda s: stable_key(seed, s))[:n]


def positional_draw(sites, n, seed):
    """The draw of the first two sessions: random.sample over every site in walk order (one site added anywhere
    before a site changes what is drawn after it).  Kept to carry their verdicts over (carried_draw)."""
    return random.Random(seed).sample(sites, min(n, len(sites)))


def tree_at(commit, dest):
    """src/ and python/ of the tree at a git commit, extracted into dest (which it returns)."""
    import subprocess
    os.makedirs(dest, exist_ok=True)
    archive = subprocess.run(["git", "-C", ROOT, "archive", commit, "src", "python"], stdout=subprocess.PIPE,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", dest], input=archive, check=True)
    return dest


def carried_draw(sites, n, seed, commit, root=ROOT):
    """A draw from the current tree that keeps the journalled verdicts of the positional draw made on an older
    commit: two strata.  Files whose text is the same as at the commit: the sites of the old positional draw in
    them (a uniform draw of those files' sites, at the rate n / the old tree's sites).  Files changed or added
    since: a stable draw (stable_draw) of their sites filling the sample to n (at least one)."""
    import tempfile
    with tempfile.TemporaryDirectory(prefix="parley-carry-") as old_root:
        tree_at(commit, old_root)
        old_sites = all_sites(old_root)

        def text(r, rel):
            path = os.path.join(r, rel)
            return open(path, encoding="utf-8").read() if os.path.isfile(path) else None
        files = {s.file for s in sites} | {s.file for s in old_sites}
        same = {f for f in files if text(root, f) is not None and text(root, f) == text(old_root, f)}
    by_id = {s.id: s for s in sites}
    kept = [by_id[s.id] for s in positional_draw(old_sites, n, seed) if s.file in same]
    pool = [s for s in sites if s.file not in same]
    return kept + stable_draw(pool, max(n - len(kept), 1), seed)


HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def changed_lines(commit, root=ROOT):
    """{file relative to the tree: the set of its line numbers (in the tree as it is now) added or changed since the
    git commit}, from `git diff -U0 COMMIT -- src python/parley` (the work tree against the commit; a file added
    since has every line; a hunk that only deletes lines adds none; files git does not track are not counted)."""
    import subprocess
    diff = subprocess.run(["git", "-C", root, "diff", "--no-color", "--no-ext-diff", "-U0", commit, "--", "src",
                           os.path.join("python", "parley")], stdout=subprocess.PIPE, check=True,
                          universal_newlines=True).stdout
    lines, current = {}, None
    for row in diff.split("\n"):
        if row.startswith("+++ "):
            current = None if row[4:] == "/dev/null" else row[6:]  # "+++ b/PATH"
            if current is not None:
                lines.setdefault(current, set())
        elif current is not None and row.startswith("@@"):
            hunk = HUNK.match(row)
            start, count = int(hunk.group(1)), int(hunk.group(2)) if hunk.group(2) is not None else 1
            lines[current].update(range(start, start + count))
    return lines


def sample(n, seed, root=ROOT, carry=None, files=None, since=None):
    """n sites drawn with the seed (stable_draw), or with carry=COMMIT the two-stratum draw of carried_draw; in
    the order they are run: folder by folder in turn.  files: a regex (re.search on the path relative to the
    tree, e.g. `^src/server/(child|job_wire)\.c|^python/parley/`): the draw is made among the sites of the files
    it matches only (the newest code); the sites returned first are still every site of the tree.  since=COMMIT:
    the draw is made among the sites on lines added or changed since the commit only (changed_lines); with files,
    the sites that pass both.  The draw stays the stable one: a site is drawn by its key, so the sample is that of
    the pool, the same on any tree with the same pool."""
    sites = all_sites(root)
    pool = [s for s in sites if re.search(files, s.file)] if files else sites
    if since:
        fresh = changed_lines(since, root)
        pool = [s for s in pool if s.line in fresh.get(s.file, ())]
    chosen = carried_draw(pool, n, seed, carry, root) if carry else stable_draw(pool, n, seed)
    chosen.sort(key=lambda s: (s.file, s.line, s.col))
    # folders in turn, so that a run stopped early has judged some mutants of every folder
    by_folder = {}
    for s in chosen:
        by_folder.setdefault(s.folder, []).append(s)
    turns = [by_folder[f] for f in sorted(by_folder)]
    order = []
    while any(turns):
        for t in turns:
            if t:
                order.append(t.pop(0))
    return sites, order


MEMORY = re.compile(r"\b(malloc|calloc|realloc|aligned_alloc|memcpy|memmove|memset|strdup|strndup|free\w*|\w+_free)\s*\(")


def touches_memory(site):
    """Whether the site's line sizes, copies or releases memory: a mutant there may only overflow a buffer or
    leak, which a Release build does not notice (mutate.py --asan-memory judges it in a sanitizer build)."""
    try:
        line = open(os.path.join(ROOT, site.file), encoding="utf-8").read().split("\n")[site.line - 1]
    except (OSError, IndexError):
        return False
    return site.file.endswith(".c") and bool(MEMORY.search(line))


def as_mutants(sites):
    """The sample in mutate.py's form (a dict per mutant, `site` holding the change)."""
    return [{"id": s.id, "file": s.file, "why": "%s:%d %s" % (s.file, s.line, s.why), "site": s,
             "folder": s.folder, "tests": FILE_TESTS.get(s.file, FOLDER_TESTS.get(s.folder))} for s in sites]


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(description="list the generated mutants (a sample with --sample N)")
    ap.add_argument("--sample", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--carry", metavar="COMMIT", help="the two-stratum draw that keeps the positional draw of COMMIT "
                    "in the files unchanged since (carried_draw)")
    ap.add_argument("--files", metavar="REGEX", help="draw only among the sites of the files whose path (relative to "
                    "the tree) the regex matches (re.search), e.g. the newest wave's files")
    ap.add_argument("--since", metavar="COMMIT", help="draw only among the sites on lines added or changed since the "
                    "git commit (git diff -U0 COMMIT in the tree; with --files, both)")
    a = ap.parse_args()
    every, chosen = sample(a.sample or 10 ** 9, a.seed, carry=a.carry, files=a.files, since=a.since)
    from collections import Counter
    print("%d sites; by kind %s" % (len(every), dict(Counter(s.kind for s in every))))
    if a.files or a.since:
        fresh = changed_lines(a.since) if a.since else None
        pool = [s for s in every if (not a.files or re.search(a.files, s.file))
                and (fresh is None or s.line in fresh.get(s.file, ()))]
        print("%d of them%s%s; by folder %s" % (
            len(pool), " in the files matching %r" % a.files if a.files else "",
            " on lines added or changed since %s" % a.since if a.since else "",
            dict(sorted(Counter(s.folder for s in pool).items()))))
    for s in chosen if a.sample else []:
        print("%-24s %s:%d:%d  %r -> %r" % (s.id, s.file, s.line, s.col, s.old, s.new))
