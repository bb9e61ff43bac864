"""make_wheel.py LIBRARY OUTDIR: builds the wheel of the parley package with libparley.so.0 inside, offline.

`make python` runs it (and tests/python/test_install.py does, into a temporary folder).  It copies python/
to a scratch folder (the source tree stays clean), puts LIBRARY there as parley/libparley.so.0 and runs
`pip wheel --no-index --no-build-isolation --no-deps`: Debian's python3-setuptools, python3-wheel and
python3-pip are all it needs, no network.  Prints the wheel's path.
"""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = ["pyproject.toml", "setup.py", "README.md", "parley"]


def build(library: str, outdir: str) -> Path:
    """Builds the wheel into outdir and returns its path."""
    out = Path(outdir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="parley-wheel-") as scratch:
        src = Path(scratch) / "parley-src"
        src.mkdir()
        for name in SOURCES:
            if (HERE / name).is_dir():
                shutil.copytree(HERE / name, src / name,
                                ignore=shutil.ignore_patterns("__pycache__", "libparley.so*"))
            else:
                shutil.copy2(HERE / name, src / name)
        shutil.copy2(library, src / "parley" / "libparley.so.0")  # follows the symlinks to the library itself
        before = set(out.glob("parley-*.whl"))
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-index", "--no-build-isolation", "--no-deps",
                        "--quiet", "-w", str(out), str(src)], check=True)
        made = sorted(set(out.glob("parley-*.whl")) - before) or sorted(out.glob("parley-*.whl"))
        return made[-1]


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_wheel.py LIBRARY OUTDIR")
    print(build(sys.argv[1], sys.argv[2]))
