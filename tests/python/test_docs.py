"""test_docs: the walk-through of docs/python.md runs, and prints what the page says it prints."""
import contextlib
import io
import os
import re

from conftest import SOURCE


def blocks():
    """(code, expected output or None) for each python block of the page, in order."""
    text = (SOURCE / "docs" / "python.md").read_text()
    found = re.findall(r"```python\n(.*?)```\n(?:```\n(.*?)```\n)?", text, re.S)
    return [(code, out if out else None) for code, out in found]


def test_walkthrough_prints_what_the_page_shows(parley):
    found = blocks()
    assert len(found) >= 5
    namespace = {}
    cwd = os.getcwd()
    os.chdir(SOURCE)
    try:
        for code, expected in found:
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                exec(compile(code, "docs/python.md", "exec"), namespace)
            if expected is not None:
                assert buf.getvalue() == expected, code
    finally:
        os.chdir(cwd)
