"""test_kill_python: behaviours of the Python package that generated mutants showed no test pinned (issue 27).
A Python agent whose start() raises, added to a stepped Negotiation, raises its own exception (its type and
message), as parley.negotiate does; not the library's generic error (a mutant that turned `rc != 0` into
`rc == 0` in Negotiation._add raised parley.Error instead).  The notion names of parley.conflict select what the
CLI's --notions does; the figures (negotiation, scenario, tournament) label their axes and boxes (a stand-in
matplotlib records what they draw)."""
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


def test_trace_figure_labels_its_axes(parley, drawn):
    """The figure of a negotiation says what its axes are: rounds across, utility up, 7 by 4 inches (a mutant
    dropped the y label, another drew it 6 inches wide)."""
    trace = parley.negotiate(SCENARIO, agents=["boulware", "conceder"], seed=4)
    trace.figure(SCENARIO)
    assert drawn["figure"] == [{"figsize": (7, 4)}]
    (axes,) = drawn["axes"]
    assert axes["set_xlabel"] == [(("round",), {})]
    assert axes["set_ylabel"] == [(("utility",), {})]
    assert len(axes["plot"]) == 2  # one line per party


def test_scenario_figure_labels_its_axes(parley, drawn):
    """The scenario's figure names the party of each axis: the first party across, the second up."""
    parley.load(SCENARIO).figure()
    (axes,) = drawn["axes"]
    assert axes["set_xlabel"] == [(("utility of Buyer",), {})]
    assert axes["set_ylabel"] == [(("utility of Seller",), {})]
    assert drawn["figure"] == [{"figsize": (6, 5)}]


def test_tournament_figure_names_the_boxes(parley, drawn):
    """The tournament's box plot names its boxes, best mean first, under ticks 1..n; the bars are the agreement
    rates.  Rows by hand: a gets 0.2 (agreed) and 0.4 (not), b 0.8 (agreed), c 0.6 (not): means b 0.8, c 0.6,
    a 0.3; rates b 1, c 0, a 1/2."""
    from parley import plot
    rows = [{"agents": ["a", "b"], "discounted_utilities": [0.2, 0.8], "agreed": True},
            {"agents": ["c", "a"], "discounted_utilities": [0.6, 0.4], "agreed": False}]
    plot.tournament_figure(rows)
    assert drawn["figure"] == [{"figsize": (7, 4)}]
    left, right = drawn["axes"]
    (ticks,) = left["set_xticks"]
    assert (list(ticks[0][0]), ticks[0][1], ticks[1]) == ([1, 2, 3], ["b", "c", "a"], {"rotation": 30})
    assert left["boxplot"][0][0] == ([[0.8], [0.6], [0.2, 0.4]],)
    assert right["barh"] == [((["b", "c", "a"], [1.0, 0.0, 0.5]), {})]
    assert right["set_xlabel"] == [(("agreement rate",), {})]


def test_outcome_of_the_wrong_length(parley):
    """An outcome given as value indices has one index per issue: the textbook's two issues refuse one index or
    three with ValueError (a mutant that dropped the length check read past the tuple or ignored the extra)."""
    u = parley.load(SCENARIO).utility("Buyer")
    with pytest.raises(ValueError, match="has 2 values, got 1"):
        u((1,))
    with pytest.raises(ValueError, match="has 2 values, got 3"):
        u((1, 0, 0))
    assert u((0, 0)) == u({"price": 0, "color": "red"})


def test_analysis_methods_reach_the_library(parley, monkeypatch):
    """Scenario.analyze(method=NAME) passes the library the parley_json_method of that name (parley/text.h:
    PARLEY_JSON_AUTO 0, PARLEY_JSON_ENUMERATE 1, PARLEY_JSON_APPROXIMATE 2), and by default threads 0 (one per
    core) and a search budget and seed of 0 (the library's defaults), as documented.  The results differ only on
    spaces too large to enumerate, so the call itself is recorded (a mutant sent "exact" as auto, another made
    the default budget one evaluation)."""
    from parley import _native as N
    sc = parley.load(SCENARIO)
    seen = []

    def recorded(handle, options, search, method, frontier, err):
        seen.append((method, options._obj.threads, search._obj.evaluations, search._obj.seed))
        raise LookupError("recorded")
    monkeypatch.setattr(N.lib, "parley_analyze_json", recorded)
    for name in ("auto", "exact", "approximate"):
        with pytest.raises(LookupError):
            sc.analyze(method=name)
    assert seen == [(0, 0, 0, 0), (1, 0, 0, 0), (2, 0, 0, 0)]


def test_real_issue_values_are_the_decimals(parley):
    """A real issue's values min + k * step are the decimals they stand for, even where the floating-point sum is
    one unit in the last place off: 0 to 451.5 by 0.7 is the 646 numbers 7k/10 (exact fractions, then the nearest
    double); 645 * 0.7 is 451.49999999999994 in floating point (a mutant rounded to 13 places and kept it)."""
    from fractions import Fraction
    issue = parley.Issue("x", kind="real", min=0, max=451.5, step=0.7)
    assert issue.all_values == [float(Fraction(7, 10) * k) for k in range(646)]
