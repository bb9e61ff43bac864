"""test_kill_seed9: behaviours of the Python package that the seed-9 sample of generated mutants (60 sites of
python/parley, tests/mutants/report-py.md) showed no test pinned, and the options, tables and messages of the
package read for the same gaps.  Every value is stated by hand (from the docs, the C headers or arithmetic) or
comes from an independent path (the CLI's --json for the same input, a subprocess loading a copy of the package).
"""
import os
import shutil
import subprocess
import sys

import pytest
from conftest import SOURCE


def package_copy(tmp_path, edit=None):
    """A copy of python/parley as tmp_path/python/parley (no library beside it, no build folder in tmp_path),
    with `edit` (old, new) applied to its _native.py; returns the folder to put on PYTHONPATH."""
    shutil.copytree(SOURCE / "python" / "parley", tmp_path / "python" / "parley",
                    ignore=shutil.ignore_patterns("__pycache__", "libparley.so*"))
    if edit:
        native = tmp_path / "python" / "parley" / "_native.py"
        text = native.read_text()
        assert text.count(edit[0]) == 1
        native.write_text(text.replace(edit[0], edit[1]))
    return tmp_path / "python"


def import_error(path, library):
    """The last line of what `import parley` prints on stderr, from the package at path over `library`."""
    env = dict(os.environ, PYTHONPATH=str(path), PARLEY_LIBRARY=str(library), PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([sys.executable, "-c", "import parley"], capture_output=True, text=True, env=env,
                          cwd=path, timeout=120)
    assert proc.returncode == 1, proc.stderr
    return proc.stderr.strip().splitlines()[-1]


# --- _native: finding and checking the library ---------------------------------------------------------------

def test_import_error_lists_every_candidate_and_why(tmp_path):
    """When no library loads, ImportError names each place tried in the documented order ($PARLEY_LIBRARY, a copy
    next to the package as libparley.so.0 and libparley.so, the source tree's build/libparley.so, the system's),
    a missing file as "(missing)" and a file that is not a library with the loader's reason (a mutant dropped the
    reason's entry)."""
    import ctypes.util
    if ctypes.util.find_library("parley"):
        pytest.skip("a system libparley.so.0 would load")
    path = package_copy(tmp_path)
    bad = tmp_path / "not-a-library.so"
    bad.write_text("not ELF\n")
    line = import_error(path, bad)
    head = "ImportError: parley: libparley.so not found; build it (make python) or set PARLEY_LIBRARY. Tried: "
    assert line.startswith(head)
    tried = line[len(head):].split("; ")
    assert len(tried) == 5
    assert tried[0].startswith(f"{bad} (") and "missing" not in tried[0] and bad.name in tried[0][len(str(bad)):]
    here = path / "parley"
    assert tried[1:4] == [f"{here / 'libparley.so.0'} (missing)", f"{here / 'libparley.so'} (missing)",
                          f"{tmp_path / 'build' / 'libparley.so'} (missing)"]
    assert tried[4].startswith("libparley.so.0 (libparley.so.0: cannot open shared object file")


def test_a_struct_of_another_size_refuses_to_load(tmp_path):
    """The package refuses a library whose structs differ from its mirrors: a copy whose parley_change holds a
    161-byte reason (the header says 160) is 4 + 4 + 161 = 169 bytes, 172 with the alignment of its uint32
    members, against the library's 4 + 4 + 160 = 168 (a mutant skipped the check and would corrupt memory)."""
    path = package_copy(tmp_path, ("REASON_MAX = 160", "REASON_MAX = 161"))
    line = import_error(path, os.environ["PARLEY_LIBRARY"])
    assert line.startswith("ImportError: parley: this Python package does not match its libparley: ")
    assert line.endswith("parley_change is 168 bytes in %s, 172 here" % os.environ["PARLEY_LIBRARY"])
