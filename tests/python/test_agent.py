"""test_agent: agents written in Python negotiate through the C engine: they reach agreement, see only their
own party's view (no private message of another party), answer every protocol, and their errors surface."""
import pytest
from conftest import EXAMPLES

RELAXED = EXAMPLES / "ceasefire-relaxed.json"


def make_linear(parley):
    class Linear(parley.Agent):
        """Concedes linearly in time from its best package to its reservation value."""
        name = "py-linear"

        def __init__(self):
            self.observed = []
            self.requests = []

        def target(self, view):
            return view.best_utility - (view.best_utility - view.reservation) * view.time

        def observe(self, view, event):
            self.observed.append(event)

        def propose(self, view):
            self.requests.append("propose")
            offer = view.standing_offer
            if offer is not None and view.red_lines_hold(offer) and view.utility(offer) >= self.target(view):
                return parley.Accept()
            return parley.Offer(view.package_at_least(self.target(view))[1])

        def respond(self, view, request):
            self.requests.append(request)
            package = view.proposal if request == "vote" else view.text
            if package is not None and view.red_lines_hold(package) and view.utility(package) >= self.target(view):
                return parley.Accept()
            if request in ("vote", "ratify"):
                return parley.Reject()
            return parley.Offer(view.package_at_least(self.target(view))[1])
    return Linear


def test_python_agent_reaches_agreement_against_boulware(parley):
    agent = make_linear(parley)()
    trace = parley.negotiate(RELAXED, agents=[agent, "boulware"], seed=3)
    out = trace.outcome
    assert out["agreement"] is True and out["ending"] == "agreement"
    assert out["parties"][0]["agent"] == "py-linear" and out["parties"][1]["agent"] == "boulware"
    assert [e["event"] for e in trace[-2:]] == ["agreement", "session_end"]
    # each of its moves is in the trace under its party's name: an offer, or the acceptance
    mine = [e["event"] for e in trace if e["party"] == "Israel"]
    assert mine and set(mine) <= {"offer", "accept"} and len(mine) == agent.requests.count("propose")
    # the agreed package is acceptable to both: each gets at least its reservation value
    analysis = parley.load(RELAXED).analyze()
    for party, result in zip(analysis["parties"], out["parties"]):
        assert result["utility"] >= party["reservation"] - 1e-9


def test_python_agent_is_deterministic(parley):
    Linear = make_linear(parley)
    a = parley.negotiate(RELAXED, agents=["conceder", Linear()], seed=9)
    b = parley.negotiate(RELAXED, agents=["conceder", Linear()], seed=9)
    assert list(a) == list(b)


def test_python_agent_sees_only_its_own_view_in_shuttle(parley):
    """Shuttle mediation: the other party's offers and amendments go to the mediator only."""
    agent = make_linear(parley)()
    trace = parley.negotiate(RELAXED, agents=[agent, "boulware"], protocol="shuttle", rounds=40)
    private_of_other = [e for e in trace if e["party"] == "Hamas" and e["event"] in ("offer", "amendment")]
    assert private_of_other, "the other party made no private move: the test proves nothing"
    assert not [e for e in agent.observed if e["party"] == "Hamas" and e["event"] in ("offer", "amendment")]
    assert "respond" in agent.requests
    # what it did see are events of the full record, in order
    kinds = [e["event"] for e in agent.observed]
    assert kinds[0] == "session_start" and "text" in kinds
    # the view has no way to another party's utility
    assert not any(hasattr(parley.View, n) for n in ("utilities", "other_utility", "scenario"))


def test_python_agent_votes_in_single_text(parley):
    agent = make_linear(parley)()
    trace = parley.negotiate(RELAXED, agents=["linear", agent], protocol="single-text", rounds=50)
    assert "vote" in agent.requests and "ratify" in agent.requests
    votes = [e for e in trace if e["event"] == "vote" and e["party"] == "Hamas"]
    assert len(votes) == agent.requests.count("vote")


def test_python_agent_package_by_names(parley):
    class Fixed(parley.Agent):
        def propose(self, view):
            return parley.Offer({"price": 2, "color": "blue"})
    trace = parley.negotiate(EXAMPLES / "textbook-buyer-seller.json", agents=["hardliner", Fixed()], rounds=5)
    offers = [e["package"] for e in trace if e["event"] == "offer" and e["party"] == "Seller"]
    assert offers and all(p == {"price": 2, "color": "blue"} for p in offers)


def test_python_agent_error_surfaces(parley):
    class Broken(parley.Agent):
        def propose(self, view):
            raise KeyError("no such thing")
    with pytest.raises(KeyError, match="no such thing"):
        parley.negotiate(RELAXED, agents=[Broken(), "boulware"])

    class Nonsense(parley.Agent):
        def propose(self, view):
            return "yes"
    with pytest.raises(TypeError):
        parley.negotiate(RELAXED, agents=[Nonsense(), "boulware"])


def test_agent_that_breaks_its_red_line_walks_away(parley):
    """The engine checks a Python agent's actions as any agent's: an offer breaking its own red line is a
    walk-away (the seller's red line is price >= 1)."""
    class Cheap(parley.Agent):
        def propose(self, view):
            return parley.Offer({"price": 0, "color": "blue"})
    trace = parley.negotiate(EXAMPLES / "textbook-buyer-seller.json", agents=["hardliner", Cheap()])
    assert trace.outcome["agreement"] is False
    assert trace[-2]["event"] == "walk_away" or any(e["event"] == "walk_away" for e in trace)


def test_unknown_agent_and_protocol(parley):
    with pytest.raises(parley.InputError):
        parley.negotiate(RELAXED, agents=["nobody", "boulware"])
    with pytest.raises(ValueError):
        parley.negotiate(RELAXED, agents=["boulware", "boulware"], protocol="auction")


def test_plugin_agent_from_python(parley, tmp_path):
    """A C plug-in (.so) resolves parley_view_* from the library Python loaded."""
    import subprocess
    from conftest import SOURCE
    lib = tmp_path / "libplug.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-O1", f"-I{SOURCE / 'include'}", "-o", str(lib),
                    str(SOURCE / "tests" / "data" / "protocol" / "plugin_agent.c")], check=True)
    trace = parley.negotiate(EXAMPLES / "textbook-buyer-seller.json", agents=[str(lib), "conceder"])
    assert trace.outcome["parties"][0]["agent"] != "conceder"
    assert any(e["event"] == "offer" and e["party"] == "Buyer" for e in trace)


@pytest.mark.parametrize("protocol", ["alternating", "single-text"])
def test_observed_events_are_the_trace_events_it_may_see(parley, protocol):
    """observe() gets the trace's events, with labels in "package" (not value indices), minus the private
    utilities, plus "indices"; in alternating offers and single text every event before its move is public."""
    agent = make_linear(parley)()
    trace = parley.negotiate(RELAXED, agents=[agent, "boulware"], protocol=protocol, rounds=30, seed=2)
    seen = agent.observed
    assert seen and any("package" in e for e in seen)
    space = parley.load(RELAXED).space
    for e in seen:
        if "package" in e:
            assert isinstance(e["package"], dict) and space.describe(e.pop("indices")) == e["package"]
    named = {None, "Israel", "Hamas", "everyone"}

    def as_seen(e):  # the trace's event as a view shows it: no utilities, the mediator called "mediator"
        out = {k: v for k, v in e.items() if k not in ("utility", "utilities")}
        out.update({k: "mediator" for k in ("party", "to") if k in out and out[k] not in named})
        return out
    public = [as_seen(e) for e in trace]
    pos = 0
    for e in seen:  # each observed event is a later event of the trace, in order
        while pos < len(public) and public[pos] != e:
            pos += 1
        assert pos < len(public), f"observed {e} is not in the trace in order"
        pos += 1
