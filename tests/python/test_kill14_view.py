"""test_kill14_view: parts of the Python package no test ran (issue 27, found with coverage.py over tests/python):
the names of the built-in agents, a scenario built in code with a global constraint, a party with no acceptable
package, and a view's history read past its end.  Every value is stated by hand or read from the CLI.

- parley.builtin_agents() lists the agents `parley agents --json` lists, in its order.
- Scenario.build(..., constraints={"dear": "price >= 1"}) over price 0..2 and colour red/blue: a package is
  feasible exactly when its price is 1 or 2; the same rule written in the scenario's file form gives the same
  scenario (the CLI's analysis of both: 4 feasible packages of 6).
- A party whose red line ("price >= 3") no price meets has no acceptable package: View.package_at_least raises
  LookupError("this party has no acceptable package"); without the red line, the Buyer's least package at least 0
  is (price 2, blue), worth 0 exactly (0.6 * 0 + 0.4 * 0), and is returned, not refused.
- View.event(event_count) raises IndexError; View.events is every event(i), in order.
"""
import json

import pytest
from conftest import EXAMPLES, cli_json


def test_builtin_agents_are_the_cli_list(parley):
    names = [a["name"] for a in cli_json("agents", "--json") if a.get("kind", "agent") == "agent"]
    assert parley.builtin_agents() == names
    assert "boulware" in names and "conceder" in names


def textbook_parties(parley, red_line=None):
    buyer = parley.Party("Buyer", weights={"price": 0.6, "color": 0.4},
                         values={"price": {0: 1, 1: 0.5, 2: 0}, "color": {"red": 1, "blue": 0}},
                         red_lines={"impossible": red_line} if red_line else {})
    seller = parley.Party("Seller", weights={"price": 0.7, "color": 0.3},
                          values={"price": {0: 0, 1: 0.5, 2: 1}, "color": {"red": 0, "blue": 1}})
    return [buyer, seller]


def issues(parley):
    return [parley.Issue("price", range(0, 3)), parley.Issue("color", ["red", "blue"])]


def test_built_scenario_keeps_its_constraint(parley, tmp_path):
    sc = parley.Scenario.build(issues(parley), textbook_parties(parley), title="dear",
                               constraints={"dear": "price >= 1"})
    for price in range(3):
        for color in ("red", "blue"):
            assert sc.feasible({"price": price, "color": color}) == (price >= 1), (price, color)
    path = tmp_path / "dear.json"
    path.write_text(json.dumps(sc.to_dict()))
    assert cli_json("analyze", str(path), "--json")["feasible"] == 4


def least_at_least_zero(parley, red_line):
    """What the Buyer's view answers to package_at_least(0): (utility, package) or the LookupError's text."""
    sc = parley.Scenario.build(issues(parley), textbook_parties(parley, red_line=red_line), title="least")
    seen = {}

    class Asker(parley.Agent):
        name = "asker"

        def propose(self, view):
            try:
                seen["answer"] = view.package_at_least(0)
            except LookupError as exc:
                seen["answer"] = str(exc)
            return parley.WalkAway()
    parley.negotiate(sc, agents=[Asker(), "boulware"], rounds=2)
    return seen["answer"]


def test_no_acceptable_package(parley):
    assert least_at_least_zero(parley, "price >= 3") == "this party has no acceptable package"
    assert least_at_least_zero(parley, None) == (0.0, (2, 1))


def test_history_past_its_end(parley):
    seen = {}

    class Reader(parley.Agent):
        name = "reader"

        def propose(self, view):
            count = view.event_count
            seen.setdefault("counts", []).append(count)
            seen["events"] = view.events
            seen["each"] = [view.event(i) for i in range(count)]
            with pytest.raises(IndexError):
                view.event(count)
            seen["past"] = True
            return parley.Offer(view.package_at_least(view.best_utility)[1])
    parley.negotiate(str(EXAMPLES / "textbook-buyer-seller.json"), agents=["boulware", Reader()], rounds=3)
    assert seen["past"] and len(seen["counts"]) >= 2 and seen["counts"][-1] > seen["counts"][0]
    assert seen["events"] == seen["each"] and len(seen["events"]) == seen["counts"][-1]
    assert seen["events"][0]["event"] == "session_start"
