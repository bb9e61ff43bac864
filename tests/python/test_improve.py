"""test_improve: Scenario.improve (post-settlement improvements) against `parley propose --improve --json` and values
computed by hand, on an agreement with improvements and one on the Pareto frontier; bad input."""
import json

import pytest

from conftest import EXAMPLES, cli_json

TEXTBOOK = EXAMPLES / "textbook-buyer-seller.json"


def trading_scenario(path):
    """Two issues 0..9: A weighs the first 3:1 and wants both high, B weighs the second 3:1 and wants both low,
    so from (5,5) raising the first by a and lowering the second by b helps both when b/3 < a < 3b."""
    def prefs(weights, up):
        return {f"i{k}": {"weight": w, "function": {"type": "linear", "at_min": 0 if up else 1,
                                                    "at_max": 1 if up else 0}} for k, w in enumerate(weights)}
    path.write_text(json.dumps({
        "format": "parley-scenario", "title": "Trading",
        "issues": [{"name": f"i{k}", "type": "integer", "min": 0, "max": 9} for k in range(2)],
        "parties": [{"name": "A", "preferences": prefs([0.75, 0.25], True)},
                    {"name": "B", "preferences": prefs([0.25, 0.75], False)}]}))
    return path


def cli_improve(path, agreement, *extra):
    """`parley propose PATH --improve AGREEMENT --json EXTRA...`"""
    text = ",".join(f"{k}={v}" for k, v in agreement.items())
    return cli_json("propose", path, "--improve", text, *extra)


def test_one_improvement_by_hand_and_as_the_cli(parley):
    # Buyer 0.6*price_score + 0.4*colour_score, Seller 0.7*... (examples/textbook-buyer-seller.json):
    # price=1,color=blue gives Buyer 0.3, Seller 0.65; price=2,color=red gives Buyer 0.4, Seller 0.7, the only
    # package better for both.
    agreement = {"price": 1, "color": "blue"}
    result = parley.load(TEXTBOOK).improve(agreement)
    assert result["improvements"] == [{"package": {"price": 2, "color": "red"},
                                       "utilities": {"Buyer": {"before": 0.3, "after": 0.4},
                                                     "Seller": {"before": 0.65, "after": 0.7}}}]
    assert result["exhaustive"] is True and result["found"] == 1
    assert result == cli_improve(TEXTBOOK, agreement)


def test_on_the_pareto_frontier_the_list_is_empty(parley):
    result = parley.load(TEXTBOOK).improve({"color": "red", "price": 2})
    assert result["improvements"] == [] and result["exhaustive"] is True and result["found"] == 0
    assert result == cli_improve(TEXTBOOK, {"price": 2, "color": "red"})


def test_the_limit_and_the_order_are_the_clis(parley, tmp_path):
    path = trading_scenario(tmp_path / "trading.json")
    talks = parley.load(path)
    agreement = {"i0": 5, "i1": 5}
    everything = talks.improve(agreement, limit=100000)
    # by hand: (5+a, 5-b) with a in 1..4, b in 1..5 and b/3 < a < 3b: a=1: b 1..2; a=2: b 1..5; a=3, 4: b 2..5
    hand = {(5 + a, 5 - b) for a in range(1, 5) for b in range(1, 6) if b < 3 * a and a < 3 * b}
    assert len(hand) == 15
    assert {(p["package"]["i0"], p["package"]["i1"]) for p in everything["improvements"]} == hand
    assert everything["found"] == 15 and everything["exhaustive"] is True
    assert everything == cli_improve(path, agreement, "--limit", "100000")
    first = talks.improve(agreement, limit=3)
    assert first["improvements"] == everything["improvements"][:3]
    assert first["found"] == everything["found"]
    assert first == cli_improve(path, agreement, "--limit", "3")
    for item in everything["improvements"]:  # strictly better for every party, as each utility says
        for party, v in item["utilities"].items():
            assert round(talks.utility(party).expected(item["package"]), 9) == v["after"] > v["before"]


def test_bad_input(parley):
    talks = parley.load(TEXTBOOK)
    with pytest.raises(ValueError):
        talks.improve({"price": 1})  # an issue missing
    with pytest.raises(ValueError):
        talks.improve({"price": 1, "color": "purple"})
    with pytest.raises(ValueError):
        talks.improve({"price": 1, "color": "blue"}, limit=0)
