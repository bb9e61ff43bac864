"""setup.py: marks the wheel as one for this platform (it carries libparley.so.0, a native library loaded with
ctypes) but for any Python 3: the tag py3-none-<platform>.  Everything else is in pyproject.toml."""
from setuptools import setup

try:
    from wheel.bdist_wheel import bdist_wheel
except ImportError:  # building without the wheel package (Debian: python3-wheel) fails later, with pip's message
    bdist_wheel = None


if bdist_wheel is not None:
    class PlatformWheel(bdist_wheel):
        """py3-none-<platform>: no Python ABI (ctypes), but a native library inside."""

        def finalize_options(self) -> None:
            super().finalize_options()
            self.root_is_pure = False

        def get_tag(self):  # type: ignore[no-untyped-def]
            return "py3", "none", super().get_tag()[2]

    setup(cmdclass={"bdist_wheel": PlatformWheel})
else:
    setup()
