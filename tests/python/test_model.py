"""test_model: scenarios built in code from Issue and Party objects, issues read back, and utility functions
evaluated on outcomes, checked against the example file and against utilities written out by hand."""
import json

import pytest
from conftest import EXAMPLES, cli_json, stable

BUYER_SELLER = EXAMPLES / "textbook-buyer-seller.json"


def build(parley):
    price = parley.Issue("price", range(0, 3))
    color = parley.Issue("color", ["red", "blue"])
    buyer = parley.Party("Buyer", weights={"price": 0.6, "color": 0.4}, reservation=0.2,
                         values={"price": parley.linear(1, 0), "color": {"red": 1, "blue": 0}})
    seller = parley.Party("Seller", weights={"price": 0.7, "color": 0.3}, reservation=0.2,
                          values={"price": parley.linear(0, 1), "color": {"red": 0, "blue": 1}},
                          red_lines={"min_price": "price >= 1"})
    broker = parley.Party("Broker", role="mediator")
    return parley.Scenario.build([price, color], [buyer, seller, broker],
                                 title="Textbook: a buyer and a seller, price and colour",
                                 description="Two issues, two parties, one red line. Worked by hand in "
                                             "tests/cli/textbook.sh.")


def test_built_scenario_is_the_example_file(parley):
    built = build(parley)
    with open(BUYER_SELLER) as f:
        assert built.to_dict() == parley.Scenario.from_dict(json.load(f)).to_dict()
    assert stable(built.analyze(frontier=True)) == stable(cli_json("analyze", BUYER_SELLER, "--frontier"))


def test_utility_of_outcomes_by_hand(parley):
    sc = build(parley)
    buyer, seller = sc.utility("Buyer"), sc.utility(1)
    for p in range(3):
        for c in ("red", "blue"):
            outcome = {"price": p, "color": c}
            assert buyer(outcome) == pytest.approx(0.6 * (1 - p / 2) + 0.4 * (c == "red"))
            assert seller(outcome) == pytest.approx(0.7 * p / 2 + 0.3 * (c == "blue"))
            assert seller.red_lines_hold(outcome) == (p >= 1)
            indices = (p, ["red", "blue"].index(c))
            assert buyer(indices) == buyer(outcome)
    assert buyer.reservation == 0.2 and buyer.reservation_at(1.0) == 0.2 and buyer.discount == 1.0
    assert buyer.weight("price") == pytest.approx(0.6) and buyer.value("color", "blue") == 0
    assert buyer.additive and buyer.discounted(0.5, 1.0) == 0.5
    assert [u.name for u in sc.utilities] == ["Buyer", "Seller"]


def test_issues_and_outcomes(parley):
    sc = parley.load(EXAMPLES / "ceasefire.json")
    issues = sc.issues
    assert [i.name for i in issues] == [i["name"] for i in sc.to_dict()["issues"]]
    prisoners = sc.issue("prisoners_released")
    assert prisoners.kind == "integer" and prisoners.step == 50 and len(prisoners) == 21
    assert list(prisoners)[:3] == [0, 50, 100]
    assert sc.outcome_count == 11340 == sum(1 for _ in sc.outcomes())
    count = 1
    for issue in issues:
        count *= len(issue)
    assert count == 11340
    first = next(sc.outcomes())
    assert first == {i.name: list(i)[0] for i in issues}
    with pytest.raises(KeyError):
        sc.issue("nothing")


def test_real_issue_and_value_functions(parley):
    sc = parley.Scenario.build(
        [parley.Issue("share", kind="real", min=0, max=1, step=0.25)],
        [parley.Party("A", weights={"share": 1}, values={"share": parley.piecewise([(0, 0), (0.5, 1)])}),
         parley.Party("B", weights={"share": 1}, values={"share": parley.steps([(0, 1), (0.5, 0.5)])})])
    a, b = sc.utility("A"), sc.utility("B")
    assert [a({"share": x}) for x in (0, 0.25, 0.5, 1)] == pytest.approx([0, 0.5, 1, 1])
    assert [b({"share": x}) for x in (0, 0.25, 0.5, 1)] == pytest.approx([1, 1, 0.5, 0.5])
    assert list(sc.issue("share")) == [0, 0.25, 0.5, 0.75, 1]


def test_bad_outcomes_and_parties(parley):
    sc = build(parley)
    u = sc.utility("Buyer")
    with pytest.raises(ValueError, match="no value 'green'"):
        u({"price": 1, "color": "green"})
    with pytest.raises(ValueError, match="missing"):
        u({"price": 1})
    with pytest.raises(ValueError, match="out of range"):
        u((5, 0))
    with pytest.raises(KeyError):
        sc.utility("Broker")  # a mediator has no utility function
    with pytest.raises(parley.InputError):
        parley.Scenario.build([parley.Issue("x", ["a"])],
                              [parley.Party("A", weights={"x": 1}, values={"x": {"a": 2}})])
    with pytest.raises(ValueError):
        parley.Issue("x")  # neither values nor a range
