"""test_session: a Negotiation stepped round by round ends as the unstepped one (and the CLI) for the same seed,
in every protocol; its state between steps is what the events so far say; it can be closed half way."""
import json

import pytest
from conftest import EXAMPLES, run_cli
from test_agent import make_linear

RELAXED = EXAMPLES / "ceasefire-relaxed.json"


@pytest.mark.parametrize("protocol", ["alternating", "single-text", "shuttle"])
def test_stepped_equals_cli(parley, tmp_path, protocol):
    talks = parley.Negotiation(RELAXED, agents=["boulware", "conceder:e=2"], protocol=protocol, seed=7, rounds=60)
    states = list(talks)
    assert states[-1].done and all(not s.done for s in states[:-1])
    assert [s.round for s in states[:-1]] == list(range(1, len(states)))
    trace = talks.run()
    out = tmp_path / "trace.jsonl"
    outcome = json.loads(run_cli("negotiate", RELAXED, "--agents", "boulware,conceder:e=2", "--protocol", protocol,
                                 "--seed", 7, "--rounds", 60, "--trace", out, "--json")[0])
    assert list(trace) == [json.loads(line) for line in out.read_text().splitlines()]
    assert trace.outcome == outcome == talks.outcome
    assert talks.state.ending == outcome["ending"] and talks.state.round == outcome["rounds"]
    assert talks.state.agreement == (outcome["package"] if outcome["agreement"] else None)


def test_state_between_steps(parley):
    talks = parley.Negotiation(RELAXED, agents=["boulware", "conceder"], rounds=100, seed=1)
    assert talks.state.round == 0 and talks.state.events == [] and not talks.done
    s1 = talks.step()
    assert s1.round == 1 and not s1.done and s1.ending is None and s1.agreement is None
    assert {e["round"] for e in s1.events} == {1}
    offers = [e for e in s1.events if e["event"] == "offer"]
    assert [e["party"] for e in offers] == ["Israel", "Hamas"]  # each party moved once, in scenario order
    assert s1.offers == {"Israel": offers[0]["package"], "Hamas": offers[1]["package"]}
    assert s1.standing == offers[1]["package"] and s1.standing_party == "Hamas" and s1.accepted_by == []
    s10 = talks.step(9)
    assert s10.round == 10 and s10.events[:len(s1.events)] == s1.events
    assert max(e["round"] for e in s10.events) == 10 and s10.time == s10.events[-1]["time"]
    full = parley.negotiate(RELAXED, agents=["boulware", "conceder"], rounds=100, seed=1)
    assert s10.events == [e for e in full if e["round"] <= 10]
    talks.run()
    assert talks.step().done and talks.state.events == list(full)


def test_python_agents_step_too(parley):
    Linear = make_linear(parley)
    a, b = Linear(), Linear()
    talks = parley.Negotiation(RELAXED, agents=[a, "boulware"], rounds=50, seed=4)
    talks.step(3)
    assert a.requests.count("propose") == 3  # one move per round, and none beyond the third
    trace = talks.run()
    assert list(trace) == list(parley.negotiate(RELAXED, agents=[b, "boulware"], rounds=50, seed=4))


def test_close_half_way_and_errors(parley):
    with parley.Negotiation(RELAXED, agents=["boulware", "conceder"], rounds=100) as talks:
        talks.step(5)
    with pytest.raises(RuntimeError):
        talks.step()
    abandoned = parley.Negotiation(RELAXED, agents=["boulware", "conceder"], rounds=100)
    abandoned.step()
    del abandoned  # the worker is stopped and the negotiation freed, no hang
    with pytest.raises(parley.InputError, match="did you mean"):
        parley.Negotiation(RELAXED, agents=["boulwar", "conceder"])

    class Broken(parley.Agent):
        def propose(self, view):
            if view.round == 3:
                raise KeyError("round three")
            return super().propose(view)
    talks = parley.Negotiation(RELAXED, agents=[Broken(), "boulware"])
    talks.step(2)
    with pytest.raises(KeyError, match="round three"):
        talks.step()
    with pytest.raises(ValueError):
        talks.step(0)


def test_svg_of_a_stepped_negotiation(parley, tmp_path):
    talks = parley.Negotiation(RELAXED, agents=["boulware", "conceder"], seed=2)
    with pytest.raises(RuntimeError):
        talks.svg()
    talks.run()
    plot = tmp_path / "n.svg"
    run_cli("negotiate", RELAXED, "--agents", "boulware,conceder", "--seed", 2, "--plot", plot)
    assert talks.svg() == plot.read_text()
