#!/usr/bin/env python3
"""
remap_coverage.py: carries a coverage map (coverage_map.py) made from an older version of the tree over to the
current one, so that a mutation run need not spend the half hour a new map costs on a loaded machine.

The map names lines by number.  For each file, the lines of the old version (read from --old-source, e.g.
`git archive COMMIT src | tar -x -C DIR`) are matched with the current ones (difflib, no junk heuristic): a line
that is unchanged keeps the tests that executed it, at its new number; a line that is new or changed is in
neither "lines" nor "executable", so mutate.py runs the tests that execute its file instead; a file that is new
runs its folder's tests.  Tests added since the map was made are in no row: a survivor of a remapped map must be
judged again with its folder's tests (mutate.py -R) before it is argued.

  python3 tests/mutants/remap_coverage.py --map OLD.json --old-source DIR --out NEW.json
"""
import argparse
import difflib
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def line_mapping(old_text, new_text):
    """{old line number: new line number} for the lines difflib finds unchanged (1-based)."""
    old, new = old_text.split("\n"), new_text.split("\n")
    mapping = {}
    for block in difflib.SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            mapping[block.a + k + 1] = block.b + k + 1
    return mapping


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return None


def remap(cmap, old_root, new_root):
    out = {"tests": cmap["tests"], "lines": {}, "executable": {}}
    kept = dropped = 0
    for rel in sorted(set(cmap["lines"]) | set(cmap["executable"])):
        old_text, new_text = read(os.path.join(old_root, rel)), read(os.path.join(new_root, rel))
        if old_text is None or new_text is None:
            continue  # a file removed, or not in the old tree given: its folder's tests
        mapping = line_mapping(old_text, new_text)
        rows = {}
        for line, names in cmap["lines"].get(rel, {}).items():
            if int(line) in mapping:
                rows[str(mapping[int(line)])] = names
                kept += 1
            else:
                dropped += 1
        out["lines"][rel] = rows
        out["executable"][rel] = sorted(mapping[n] for n in cmap["executable"].get(rel, []) if n in mapping)
    out["remapped"] = {"kept_lines": kept, "dropped_lines": dropped}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--map", required=True, help="the coverage map of the old tree")
    ap.add_argument("--old-source", required=True, help="a copy of the tree the map was made from")
    ap.add_argument("--source", default=ROOT, help="the current tree (default: this one)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    with open(args.map, encoding="utf-8") as f:
        cmap = json.load(f)
    out = remap(cmap, args.old_source, args.source)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f)
    print("remap_coverage.py: %d executed lines carried over, %d on lines changed since (their file's tests run)"
          % (out["remapped"]["kept_lines"], out["remapped"]["dropped_lines"]))


if __name__ == "__main__":
    main()
