"""test_kill_python: behaviours of the Python package that generated mutants showed no test pinned (issue 27).
A Python agent whose start() raises, added to a stepped Negotiation, raises its own exception (its type and
message), as parley.negotiate does; not the library's generic error (a mutant that turned `rc != 0` into
`rc == 0` in Negotiation._add raised parley.Error instead)."""
import pytest
from conftest import EXAMPLES

SCENARIO = EXAMPLES / "textbook-buyer-seller.json"


def test_agent_whose_start_raises(parley):
    class NoStart(parley.Agent):
        def start(self, view):
            raise LookupError("no notes for this scenario")

        def propose(self, view):
            return parley.Offer({"price": 2, "color": "blue"})

    with pytest.raises(LookupError, match="no notes for this scenario"):
        parley.Negotiation(SCENARIO, agents=["boulware", NoStart()], rounds=5)
    with pytest.raises(LookupError, match="no notes for this scenario"):
        parley.negotiate(SCENARIO, agents=["boulware", NoStart()], rounds=5)
