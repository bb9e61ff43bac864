"""setup.py: marks the wheel as one for this platform (it carries libparley.so.0, a native library loaded with
ctypes) but for any Python 3: the tag py3-none-<platform>.  Everything else is in pyproject.toml."""
from setuptools import setup
from setuptools.dist import Distribution


class NativeDistribution(Distribution):
    """Holds a native library: installed as platform-specific (platlib), not as pure Python."""

    def has_ext_modules(self) -> bool:
        return True


try:
    from wheel.bdist_wheel import bdist_wheel
except ImportError:  # without the wheel package (Debian: python3-wheel) pip reports what is missing
    setup(distclass=NativeDistribution)
else:
    class PlatformWheel(bdist_wheel):
        """py3-none-<platform>: no Python ABI is used (ctypes), but the library inside is this platform's."""

        def get_tag(self):  # type: ignore[no-untyped-def]
            return "py3", "none", super().get_tag()[2]

    setup(distclass=NativeDistribution, cmdclass={"bdist_wheel": PlatformWheel})
