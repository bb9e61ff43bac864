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


def _sorted_packages(view):
    """The party's acceptable packages sorted by (utility, outcome number), enumerated here (itertools.product
    runs in outcome-number order: the last issue fastest)."""
    import itertools
    counts = [len(view.values(i)) for i in range(len(view.issues))]
    return sorted((view.utility(p), number, p)
                  for number, p in enumerate(itertools.product(*[range(c) for c in counts]))
                  if view.feasible(p) and view.red_lines_hold(p))


def _around_reference(packages, target):
    """The packages of the sorted list next to target: the first worth at least target - 1e-12, the one before."""
    first = next((i for i, (u, _, _) in enumerate(packages) if u >= target - 1e-12), len(packages))
    below = (packages[first - 1][0], packages[first - 1][2]) if first > 0 else None
    above = (packages[first][0], packages[first][2]) if first < len(packages) else None
    return below, above


def make_around_checker(parley):
    class Around(parley.Agent):
        """Asks packages_around for many targets once, and remembers the answers with the enumeration's."""
        name = "py-around"

        def __init__(self):
            self.checked = []

        def propose(self, view):
            if not self.checked:
                lowest, highest = view.worst_utility, view.best_utility
                own = [view.package_at_least(lowest + (highest - lowest) * k / 7)[0] for k in range(8)]
                targets = [lowest - 1, highest + 1, lowest, highest] + own + [u + 1e-12 for u in own] + \
                    [u - 1e-12 for u in own] + [lowest + (highest - lowest) * k / 13 for k in range(14)]
                packages = _sorted_packages(view)
                self.checked = [(t, view.packages_around(t), _around_reference(packages, t)) for t in targets]
            return parley.WalkAway()
    return Around


@pytest.mark.parametrize("scenario", ["relaxed", "car"])
def test_python_view_packages_around(parley, scenario):
    """packages_around against an enumeration: on the ceasefire scenario (red lines, global constraints: the
    sorted list) and on ANAC 2012 Car (15,625 outcomes, additive: the two sorted halves)."""
    from conftest import ANAC
    path = RELAXED if scenario == "relaxed" else [ANAC / "Car" / f"Car-A-{p}.xml" for p in ("domain", "prof1", "prof2")]
    agent = make_around_checker(parley)()
    parley.negotiate(path, agents=[agent, "boulware"], rounds=2)
    assert len(agent.checked) == 42
    for target, got, want in agent.checked:
        assert got == want, target
    assert agent.checked[0][1][0] is None and agent.checked[1][1][1] is None  # outside the range: one side only
