"""test_kill_python: behaviours of the Python package that generated mutants showed no test pinned (issue 27).
A Python agent whose start() raises, added to a stepped Negotiation, raises its own exception (its type and
message), as parley.negotiate does; not the library's generic error (a mutant that turned `rc != 0` into
`rc == 0` in Negotiation._add raised parley.Error instead).  The notion names of parley.conflict select what the
CLI's --notions does; the figure of a negotiation labels its axes (round, utility)."""
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


def test_notion_names_are_the_cli_ones(parley):
    """Each notion name parley.conflict takes selects what `parley conflict --notions NAME` does: the table of
    names in core.py against the CLI's own parser (a name given another notion's flag fails here)."""
    from conftest import cli_json, stable
    path = EXAMPLES / "gmcr" / "prisoners-dilemma.json"
    for name in ("nash", "r", "gmr", "smr", "seq", "sim", "seqsim", "all"):
        assert stable(parley.conflict(path, notions=[name])) == \
            stable(cli_json("conflict", path, "--notions", name)), name


def test_trace_figure_labels_its_axes(parley, monkeypatch):
    """The figure of a negotiation says what its axes are: rounds across, utility up (a stand-in matplotlib records
    the calls, so the test runs where matplotlib is not installed; a mutant dropped the y label)."""
    import sys
    import types
    calls = {}

    class Axes:
        def __getattr__(self, name):
            return lambda *args, **kwargs: calls.setdefault(name, []).append(args)

    class Figure:
        def __init__(self, **kwargs):
            self.axes = []

        def add_subplot(self, *args, **kwargs):
            self.axes.append(Axes())
            return self.axes[-1]

    matplotlib, figure = types.ModuleType("matplotlib"), types.ModuleType("matplotlib.figure")
    figure.Figure = Figure
    monkeypatch.setitem(sys.modules, "matplotlib", matplotlib)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", figure)
    trace = parley.negotiate(SCENARIO, agents=["boulware", "conceder"], seed=4)
    trace.figure(SCENARIO)
    assert calls["set_xlabel"] == [("round",)]
    assert calls["set_ylabel"] == [("utility",)]
    assert len(calls["plot"]) == 2  # one line per party
