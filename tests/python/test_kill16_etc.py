"""test_kill16_etc: what a Python agent's callbacks (parley.agent.Bridge and Gated) answer the C library when the
Python code fails (issue 27), seen from the library through the C API itself (ctypes, as parley.negotiate drives
it, but reading the library's own error instead of re-raising the Python exception).

- A move that raises: act returns PARLEY_EINTERNAL (-8, parley/error.h), so the negotiation stops with the
  library's code -8 and its message "agent 'NAME' of PARTY failed: internal error" (parley_strerror(-8)); the
  bridge keeps the exception.  The same for the first move and for a later one (the agent's fourth offer).
- A start that raises: create returns PARLEY_EINVAL (-1) with the message "python agent 'NAME': REPR", cut to
  767 bytes (the C struct's 768 less its terminating zero), and adding the agent fails with that code and message.
- A gate (a stepped Negotiation's) that raises before a built-in agent's move: -8 as well."""
import ctypes

import pytest
from conftest import EXAMPLES

PARLEY_EINVAL, PARLEY_EINTERNAL = -1, -8


class Failing:
    """An agent that offers its best package `good` times, then raises ValueError('move N')."""

    def __init__(self, parley, good, name="failing"):
        self.parley, self.good, self.moves, self.name = parley, good, 0, name

    def start(self, view):
        pass

    def observe(self, view, event):
        pass

    def propose(self, view):
        self.moves += 1
        if self.moves > self.good:
            raise ValueError(f"move {self.moves}")
        return self.parley.Offer(view.package_at_least(view.best_utility)[1])

    def respond(self, view, request):
        return self.propose(view)


def negotiation(parley):
    """A new C negotiation of the textbook scenario (alternating offers, 20 rounds) and what keeps it alive."""
    from parley import _native as N
    sc = parley.load(EXAMPLES / "textbook-buyer-seller.json")
    cfg = N.SessionConfig()
    N.lib.parley_session_config_init(ctypes.byref(cfg))
    cfg.rounds, cfg.seed = 20, 1
    neg, err = ctypes.c_void_p(), N.CError()
    assert N.lib.parley_negotiation_new(sc._handle, ctypes.byref(cfg), ctypes.byref(neg), ctypes.byref(err)) == 0
    return N, sc, neg


@pytest.mark.parametrize("good", [0, 3])
def test_a_move_that_raises_is_an_internal_error(parley, good):
    from parley.agent import Bridge
    N, sc, neg = negotiation(parley)
    try:
        agent = Failing(parley, good)
        bridge = Bridge(agent)
        err = N.CError()
        assert N.lib.parley_negotiation_add_agent(neg, ctypes.byref(bridge.vtable), b"", ctypes.byref(err)) == 0
        assert N.lib.parley_negotiation_add_agent_spec(neg, b"hardliner", ctypes.byref(err)) == 0
        rc = N.lib.parley_negotiation_run(neg, ctypes.byref(err))
        assert (rc, err.code) == (PARLEY_EINTERNAL, PARLEY_EINTERNAL)
        party = parley.load(EXAMPLES / "textbook-buyer-seller.json").parties[0]
        assert err.message.decode() == f"agent 'failing' of {party} failed: internal error"
        assert isinstance(bridge.error, ValueError) and str(bridge.error) == f"move {good + 1}"
        assert agent.moves == good + 1
    finally:
        N.lib.parley_negotiation_free(neg)


class BadStart:
    def __init__(self, name, text):
        self.name, self.text = name, text

    def start(self, view):
        raise RuntimeError(self.text)


@pytest.mark.parametrize("length", [10, 700, 800])
def test_a_start_that_raises_is_bad_input(parley, length):
    from parley.agent import Bridge
    N, sc, neg = negotiation(parley)
    try:
        agent = BadStart("starter", "x" * length)
        bridge = Bridge(agent)
        err = N.CError()
        rc = N.lib.parley_negotiation_add_agent(neg, ctypes.byref(bridge.vtable), b"", ctypes.byref(err))
        assert (rc, err.code) == (PARLEY_EINVAL, PARLEY_EINVAL)
        whole = f"python agent 'starter': RuntimeError('{'x' * length}')"
        assert err.message.decode() == whole[:767]
        assert len(err.message) == min(len(whole), 767)
        assert isinstance(bridge.error, RuntimeError)
    finally:
        N.lib.parley_negotiation_free(neg)


def test_a_gate_that_raises_is_an_internal_error(parley):
    from parley.agent import Gated
    N, sc, neg = negotiation(parley)
    try:
        def gate(view):
            raise KeyError("stop")

        vt = ctypes.cast(N.lib.parley_agent_builtin(b"boulware"), ctypes.POINTER(N.Vtable)).contents
        gated = Gated(vt, gate)
        err = N.CError()
        assert N.lib.parley_negotiation_add_agent(neg, ctypes.byref(gated.vtable), b"", ctypes.byref(err)) == 0
        assert N.lib.parley_negotiation_add_agent_spec(neg, b"hardliner", ctypes.byref(err)) == 0
        rc = N.lib.parley_negotiation_run(neg, ctypes.byref(err))
        assert (rc, err.code) == (PARLEY_EINTERNAL, PARLEY_EINTERNAL)
        assert err.message.decode().endswith(" failed: internal error")
        assert err.message.decode().startswith("agent 'boulware' of ")
        assert isinstance(gated.error, KeyError)
    finally:
        N.lib.parley_negotiation_free(neg)


def test_outcomes_in_index_order(parley):
    """Scenario.outcomes() lists every outcome once, in index order (the last issue fastest), as
    itertools.product over the issues' values in order gives them: the flatmates' issues (categorical and
    numeric)."""
    import itertools
    sc = parley.load(EXAMPLES / "textbook-flatmates.json")
    issues = sc.issues
    want = [dict(zip([i.name for i in issues], values)) for values in itertools.product(*[list(i) for i in issues])]
    got = list(sc.outcomes())
    assert len(got) == sc.outcome_count == len(want) > 2
    assert got == want


def test_issue_to_dict_forms(parley):
    """Issue.to_dict in the native format: a step only where it is not an integer issue's default of 1 (a real
    issue always keeps its step), a description only when given."""
    Issue = parley.Issue
    assert Issue("n", range(0, 5)).to_dict() == {"name": "n", "type": "integer", "min": 0, "max": 4}
    assert Issue("n", range(0, 9, 2)).to_dict() == {"name": "n", "type": "integer", "min": 0, "max": 8, "step": 2}
    assert Issue("r", kind="real", min=0, max=3, step=1).to_dict() == {"name": "r", "type": "real", "min": 0,
                                                                         "max": 3, "step": 1}
    assert Issue("c", ["a", "b"], description="two").to_dict() == {"name": "c", "type": "categorical",
                                                                   "values": ["a", "b"], "description": "two"}
    assert list(Issue("n", range(3, 10, 3))) == [3, 6, 9]
    # the count of a real issue's values tolerates a quotient a rounding under a whole number: 0.3 / 0.1 is
    # 2.9999999999999996, and 0.3 is still the last value; 0.29 is not a value
    assert Issue("r", kind="real", min=0, max=0.3, step=0.1).all_values == [0, 0.1, 0.2, 0.3]
    assert Issue("r", kind="real", min=0, max=0.29, step=0.1).all_values == [0, 0.1, 0.2]


def drawing(parley):
    """A default agent that also draws three numbers from its view's stream at its first move."""

    class Drawing(parley.Agent):
        def __init__(self):
            self.drawn = []

        def propose(self, view):
            if not self.drawn:
                self.drawn = [view.random() for _ in range(3)]
            return super().propose(view)

    return Drawing()


def splitmix_doubles(seed, party, count):
    """View.random's stream (src/protocol/view.c): SplitMix64 from seed * 0x9E3779B97F4A7C15 + (party + 1) *
    0xD1B54A32D192ED03 (mod 2^64); each number the top 53 bits over 2^53."""
    mask = (1 << 64) - 1
    state = (seed * 0x9E3779B97F4A7C15 + (party + 1) * 0xD1B54A32D192ED03) & mask
    out = []
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        z ^= z >> 31
        out.append((z >> 11) * 2.0 ** -53)
    return out


@pytest.mark.parametrize("seed", [1, 7])
def test_view_random_is_the_party_stream(parley, seed):
    sc = parley.load(EXAMPLES / "textbook-buyer-seller.json")
    agents = [drawing(parley), drawing(parley)]
    parley.negotiate(sc, agents, rounds=4, seed=seed)
    for party, agent in enumerate(agents):
        assert agent.drawn == splitmix_doubles(seed, party, 3)
        assert all(0 <= x < 1 for x in agent.drawn)


def test_default_agent_accepts_its_own_best(parley):
    """The base Agent offers its best package and accepts a standing offer (or, asked by a mediator, a text) worth
    its best: two parties of the same preferences agree at the first answer, on the best package; with opposed
    preferences (the textbook buyer and seller) neither moves and there is no agreement."""
    same = parley.Scenario.build(
        [parley.Issue("colour", ["red", "green", "blue"]), parley.Issue("size", range(1, 4))],
        [parley.Party(name, weights={"colour": 0.5, "size": 0.5},
                      values={"colour": {"green": 1, "red": 0.2, "blue": 0}, "size": parley.linear(0, 1)})
         for name in ("A", "B")])
    # alternating: A offers in round 1 and B accepts; single-text: one text, agreed in round 2
    for protocol, rounds in (("alternating", 1), ("single-text", 2)):
        trace = parley.negotiate(same, [parley.Agent(), parley.Agent()], protocol=protocol, rounds=10)
        out = trace.outcome
        assert (out["agreement"], out["ending"], out["rounds"], out["offers"]) == (True, "agreement", rounds, 1)
        assert out["package"] == {"colour": "green", "size": 3}, protocol
        assert [p["utility"] for p in out["parties"]] == [1, 1]
    opposed = parley.load(EXAMPLES / "textbook-buyer-seller.json")
    out = parley.negotiate(opposed, [parley.Agent(), parley.Agent()], rounds=6).outcome
    assert (out["agreement"], out["ending"], out["offers"]) == (False, "deadline", 12)
    assert [p["utility"] for p in out["parties"]] == [0.2, 0.2]  # the reservation values
