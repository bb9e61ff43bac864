"""conftest: what the Python package's tests share: where the sources and the CLI are, and running the CLI."""
import json
import os
import subprocess
from pathlib import Path

import pytest

SOURCE = Path(os.environ.get("PARLEY_SOURCE_DIR", Path(__file__).resolve().parents[2]))
SHARED = Path(os.environ.get("PARLEY_SHARED_DIR", SOURCE.parent / "shared"))
CLI = os.environ.get("PARLEY_CLI", str(SOURCE / "build" / "parley"))
EXAMPLES = SOURCE / "examples"
ANAC = SHARED / "genius" / "anac2012"

# Fields that measure the run (time taken, threads used), not its result.
VOLATILE = {"seconds", "threads"}


def stable(value):
    """The value without the fields that change from run to run."""
    if isinstance(value, dict):
        return {k: stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [stable(v) for v in value]
    return value


def run_cli(*args, expect=0):
    """Runs the parley CLI; returns (stdout, stderr) after checking the exit code."""
    proc = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == expect, f"parley {' '.join(map(str, args))}: exit {proc.returncode}: {proc.stderr}"
    return proc.stdout, proc.stderr


def cli_json(*args):
    """The parsed --json output of a CLI command."""
    return json.loads(run_cli(*args, "--json")[0])


@pytest.fixture(scope="session")
def parley():
    import parley as module
    return module


@pytest.fixture
def drawn(monkeypatch):
    """A stand-in matplotlib that records the calls, so the figures are checked where matplotlib is not installed:
    {"figure": [the Figure's keyword arguments], "axes": [{method: [(args, kwargs)]} per Axes]}."""
    import sys
    import types
    calls = {"figure": [], "axes": []}

    class Axes:
        def __init__(self):
            self.calls = {}
            calls["axes"].append(self.calls)

        def __getattr__(self, name):
            return lambda *args, **kwargs: self.calls.setdefault(name, []).append((args, kwargs))

    class Figure:
        def __init__(self, **kwargs):
            calls["figure"].append(kwargs)

        def add_subplot(self, *args, **kwargs):
            return Axes()

        def subplots(self, rows, columns, **kwargs):
            return [Axes() for _ in range(rows * columns)]

        def tight_layout(self):
            pass

    matplotlib, figure = types.ModuleType("matplotlib"), types.ModuleType("matplotlib.figure")
    figure.Figure = Figure
    monkeypatch.setitem(sys.modules, "matplotlib", matplotlib)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", figure)
    return calls
