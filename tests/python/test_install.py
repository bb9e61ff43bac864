"""test_install: the wheel `make python` builds (python/make_wheel.py, offline) installs as docs/python.md says,
into a fresh venv and, for the system interpreter, into a folder on PYTHONPATH; each installed copy loads its own
libparley.so.0 and runs every example of docs/python.md as documented."""
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import SOURCE

pytestmark = pytest.mark.skipif(os.environ.get("PARLEY_SANITIZED") == "1",
                                reason="pip and a venv under the sanitizer runtimes: checked in the normal tree")
SYSTEM_PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
DOCS = SOURCE / "tests" / "python" / "docs_examples.py"


def clean_env(**extra):
    """The environment of a user who installed the package: no PYTHONPATH, no PARLEY_LIBRARY of this tree."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PARLEY_LIBRARY", "PYTHONHOME")}
    env.update(extra)
    return env


def run(*args, env=None, cwd=None):
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, env=env or clean_env(), cwd=cwd,
                          timeout=900)
    assert proc.returncode == 0, f"{' '.join(map(str, args))}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    library = os.environ.get("PARLEY_LIBRARY", str(SOURCE / "build" / "libparley.so"))
    out = tmp_path_factory.mktemp("dist")
    path = Path(run(SYSTEM_PYTHON, SOURCE / "python" / "make_wheel.py", library, out).strip())
    yield path
    shutil.rmtree(out, ignore_errors=True)


def test_wheel_carries_the_library(wheel):
    assert wheel.name.startswith("parley-") and wheel.name.endswith(".whl") and "-py3-none-linux_" in wheel.name
    names = zipfile.ZipFile(wheel).namelist()
    assert "parley/libparley.so.0" in names and "parley/py.typed" in names and "parley/session.py" in names
    assert not any("__pycache__" in n for n in names)


def installed_runs_docs(python, env, where):
    """The installed package loads the library installed with it, and the docs' examples print as documented."""
    lib = run(python, "-c", "import parley, os; print(os.path.realpath(parley._native.lib._name))", env=env,
              cwd="/").strip()
    assert lib.startswith(os.path.realpath(where)), lib
    assert "blocks as documented" in run(python, DOCS, SOURCE, env=env)


def test_venv_install(wheel, tmp_path):
    venv = tmp_path / "env"
    run(SYSTEM_PYTHON, "-m", "venv", "--system-site-packages", venv)
    run(venv / "bin" / "pip", "install", "--no-index", "--quiet", wheel)
    installed_runs_docs(venv / "bin" / "python", clean_env(), venv)


def test_system_interpreter_with_a_target_folder(wheel, tmp_path):
    target = tmp_path / "site"
    run(SYSTEM_PYTHON, "-m", "pip", "install", "--no-index", "--quiet", "--target", target, wheel)
    assert (target / "parley" / "libparley.so.0").exists()
    installed_runs_docs(SYSTEM_PYTHON, clean_env(PYTHONPATH=str(target)), target)
