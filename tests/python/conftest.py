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
