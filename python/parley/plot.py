"""plot: matplotlib figures of a scenario's analysis, a negotiation and a tournament.

The SVGs of the CLI's ``--plot`` come from the library (``scenario.svg()``, ``trace.svg``, ``rows.svg``);
these are figures to adjust and combine in a notebook.  matplotlib is optional (Debian: python3-matplotlib):
each function raises ImportError when it is missing.  Figures are made without pyplot (no display needed).
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence


def _figure(**kwargs: Any) -> Any:
    from matplotlib.figure import Figure  # ImportError when matplotlib is not installed
    return Figure(**kwargs)


def scenario_figure(scenario: Any, parties: Optional[Sequence[str]] = None) -> Any:
    """Two parties' utilities: the Pareto frontier, the reservation values and the bargaining solutions."""
    names = list(parties or scenario.parties[:2])
    if len(names) != 2:
        raise ValueError("a scenario figure shows two parties")
    fig = _figure(figsize=(6, 5))
    ax = fig.add_subplot()
    result = scenario.analyze(frontier=True)
    frontier = sorted((p["utilities"][names[0]], p["utilities"][names[1]])
                      for p in (result.get("pareto") or {}).get("outcomes", []))
    if frontier:
        ax.plot([x for x, _ in frontier], [y for _, y in frontier], "o-", label="Pareto frontier")
    for k, axis_line in ((0, ax.axvline), (1, ax.axhline)):
        axis_line(scenario.utility(names[k]).reservation, linestyle="--", color="grey")
    for rule, solution in (result.get("solutions") or {}).items():
        if isinstance(solution, dict) and "utilities" in solution:
            u = solution["utilities"]
            ax.plot(u[names[0]], u[names[1]], "*", markersize=12, label=rule)
    ax.set_xlabel(f"utility of {names[0]}")
    ax.set_ylabel(f"utility of {names[1]}")
    ax.set_title(scenario.title or "scenario")
    ax.legend(loc="lower left")
    return fig


def trace_figure(trace: Sequence[Dict[str, Any]], scenario: Any) -> Any:
    """Each party's utility of every offer (and text) over the rounds, one line per party."""
    fig = _figure(figsize=(7, 4))
    ax = fig.add_subplot()
    offers = [e for e in trace if e.get("package") is not None and e["event"] in ("offer", "text", "proposal")]
    for u in scenario.utilities:
        ax.plot([e["round"] for e in offers], [u(e["package"]) for e in offers], ".-", label=u.name)
    ax.set_xlabel("round")
    ax.set_ylabel("utility")
    ax.set_ylim(0, 1.05)
    ax.legend()
    return fig


def tournament_figure(rows: Sequence[Dict[str, Any]]) -> Any:
    """Each agent's discounted utility over its negotiations (box plot) and its agreement rate."""
    by_agent: Dict[str, List[float]] = {}
    agreed: Dict[str, List[int]] = {}
    for run in rows:
        for agent, value in zip(run["agents"], run["discounted_utilities"]):
            by_agent.setdefault(agent, []).append(value)
            agreed.setdefault(agent, []).append(int(run["agreed"]))
    names = sorted(by_agent, key=lambda a: -sum(by_agent[a]) / len(by_agent[a]))
    fig = _figure(figsize=(7, 4))
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [3, 1]})
    left.boxplot([by_agent[a] for a in names], whis=(5, 95), showmeans=True)
    left.set_xticks(range(1, len(names) + 1), names, rotation=30)
    left.set_ylabel("discounted utility")
    right.barh(names, [sum(agreed[a]) / len(agreed[a]) for a in names])
    right.set_xlim(0, 1)
    right.set_xlabel("agreement rate")
    right.invert_yaxis()
    fig.tight_layout()
    return fig
