"""docs_examples: runs every python block of docs/python.md in order, in one namespace, from the repository root,
and compares what each prints with the output block after it.  Used in-process by test_docs.py and as a
script (`python3 docs_examples.py SOURCE_DIR`) by test_install.py with an installed package.  Exit 1 and the
differences on failure."""
import contextlib
import io
import os
import re
import sys
from pathlib import Path
from typing import List, Optional, Tuple


def blocks(source: Path) -> List[Tuple[str, Optional[str]]]:
    """(code, expected output or None) for each python block of the page, in order."""
    text = (source / "docs" / "python.md").read_text()
    found = re.findall(r"```python\n(.*?)```\n(?:```\n(.*?)```\n)?", text, re.S)
    return [(code, out if out else None) for code, out in found]


def run(source: Path) -> List[str]:
    """Runs the blocks; returns one message per block whose output differs (empty: all as documented)."""
    problems = []
    namespace: dict = {"__name__": "__docs__"}
    cwd = os.getcwd()
    os.chdir(source)
    try:
        for n, (code, expected) in enumerate(blocks(source), 1):
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                exec(compile(code, f"docs/python.md block {n}", "exec"), namespace)
            if expected is not None and buf.getvalue() != expected:
                problems.append(f"block {n}:\n{code}\nprinted:\n{buf.getvalue()}\nthe page says:\n{expected}")
    finally:
        os.chdir(cwd)
    return problems


if __name__ == "__main__":
    found = run(Path(sys.argv[1]))
    print("\n".join(found) if found else f"{len(blocks(Path(sys.argv[1])))} blocks as documented")
    sys.exit(1 if found else 0)
