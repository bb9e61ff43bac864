"""test_kill14_plugin: a C plug-in agent loaded by parley.negotiate is closed when the negotiation is done (issue 27:
a mutant that dropped parley_agent_plugin_close survived: nothing looked).  The plug-in (tests/data/protocol/
plugin_agent.c, compiled here) is mapped into the process while it plays and no longer afterwards (its mappings in
/proc/self/maps are gone once its last handle is closed), after a negotiation that ends normally and after one
whose other agent fails.
"""
import subprocess

import pytest
from conftest import EXAMPLES, SOURCE

TEXTBOOK = EXAMPLES / "textbook-buyer-seller.json"


def mapped(path):
    return str(path) in open("/proc/self/maps").read()


@pytest.fixture
def plugin(tmp_path):
    lib = tmp_path / "libkill14plug.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-O1", f"-I{SOURCE / 'include'}", "-o", str(lib),
                    str(SOURCE / "tests" / "data" / "protocol" / "plugin_agent.c")], check=True)
    return lib


def test_plugin_closed_after_the_talks(parley, plugin):
    seen = {}

    class Watcher(parley.Agent):
        name = "watcher"

        def propose(self, view):
            seen["while"] = mapped(plugin)
            return parley.WalkAway()
    parley.negotiate(TEXTBOOK, agents=[str(plugin), Watcher()], rounds=4)
    assert seen["while"] is True
    assert not mapped(plugin)


def test_plugin_closed_after_a_failure(parley, plugin):
    class Failing(parley.Agent):
        name = "failing"

        def propose(self, view):
            raise RuntimeError("no move")
    with pytest.raises(RuntimeError, match="no move"):
        parley.negotiate(TEXTBOOK, agents=[str(plugin), Failing()], rounds=4)
    assert not mapped(plugin)
