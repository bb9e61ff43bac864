"""test_plots: the SVGs from Python are the CLI's --plot files byte for byte; the matplotlib figures draw what
the results hold (skipped when matplotlib is not installed)."""
import re

import pytest
from conftest import EXAMPLES, run_cli

RELAXED = EXAMPLES / "ceasefire-relaxed.json"
BUYER_SELLER = EXAMPLES / "textbook-buyer-seller.json"


def test_analysis_svg_is_the_cli_plot(parley, tmp_path):
    plot = tmp_path / "a.svg"
    run_cli("analyze", RELAXED, "--plot", plot)
    assert parley.load(RELAXED).svg() == plot.read_text()


def test_negotiation_svg_is_the_cli_plot(parley, tmp_path):
    plot = tmp_path / "n.svg"
    run_cli("negotiate", BUYER_SELLER, "--agents", "boulware,conceder", "--seed", 4, "--plot", plot)
    trace = parley.negotiate(BUYER_SELLER, agents=["boulware", "conceder"], seed=4, svg=True)
    assert trace.svg == plot.read_text()
    assert parley.negotiate(BUYER_SELLER, agents=["boulware", "conceder"], seed=4).svg is None


def test_tournament_svg_is_the_cli_plot(parley, tmp_path):
    plot = tmp_path / "t.svg"
    run_cli("tournament", RELAXED, "--agents", "boulware,conceder,linear", "--seed", 2, "--plot", plot, "--quiet")
    rows = parley.tournament([RELAXED], agents=["boulware", "conceder", "linear"], seed=2)
    timed = re.compile(r"[0-9.]+ s on")  # the subtitle says how long it took: measured, not computed
    assert timed.search(rows.svg)
    assert timed.sub("T s on", rows.svg) == timed.sub("T s on", plot.read_text())


def test_matplotlib_figures(parley):
    pytest.importorskip("matplotlib")
    sc = parley.load(BUYER_SELLER)
    fig = sc.figure()
    ax = fig.axes[0]
    frontier = sc.analyze(frontier=True)["pareto"]["outcomes"]
    line = ax.get_lines()[0]
    assert sorted(zip(line.get_xdata(), line.get_ydata())) == \
        sorted((p["utilities"]["Buyer"], p["utilities"]["Seller"]) for p in frontier)
    trace = parley.negotiate(BUYER_SELLER, agents=["boulware", "conceder"], seed=4)
    lines = trace.figure(BUYER_SELLER).axes[0].get_lines()
    offers = [e for e in trace if e["event"] == "offer"]
    assert [l.get_label() for l in lines] == ["Buyer", "Seller"]
    assert list(lines[1].get_ydata()) == pytest.approx([sc.utility("Seller")(e["package"]) for e in offers])
    rows = parley.tournament([BUYER_SELLER], agents=["boulware", "conceder", "linear"], repeats=2)
    box, rate = rows.figure().axes
    assert [t.get_text() for t in box.get_xticklabels()] == [t.get_text() for t in rate.get_yticklabels()]
    assert len(box.get_xticklabels()) == 3


def test_figures_without_matplotlib(parley, monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(ImportError):
        parley.load(BUYER_SELLER).figure()
