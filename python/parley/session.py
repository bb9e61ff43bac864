"""session: a negotiation that can be stepped round by round and inspected between steps.

The C engine runs the whole negotiation in one call; :class:`Negotiation` runs that call on a worker thread
and stops it at each round boundary: every agent (built-in, plug-in or Python) moves through a gate that
waits while its round is beyond the rounds the caller asked for.  The agents see exactly what they see in
:func:`parley.negotiate`, so a stepped negotiation ends as the unstepped one does for the same seed.
"""
from __future__ import annotations

import ctypes
import json
import threading
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Sequence

from . import _native as N
from .agent import Agent, Bridge, Gated
from .core import check, json_result, raise_error
from .negotiate import AgentLike, ScenarioLike, Trace, _config, _scenario

_FOREVER = 1 << 62


class _Stopped(Exception):
    """Raised in the worker by the gate when the negotiation is closed before its end."""


@dataclass
class State:
    """Where a stepped negotiation stands.

    Attributes:
        round: rounds completed (every move of rounds 1..round has been made).
        time: relative time of the latest event shown.
        done: True once the negotiation has ended; then ``ending`` ("agreement", "deadline", "walk_away", ...)
            and ``agreement`` (the agreed package, or None) are set.
        standing: the package on the table: the standing offer (alternating offers) or the mediator's
            latest text (mediated protocols), or None; ``standing_party`` who put it there.
        accepted_by: the parties that have accepted the standing offer since it was made.
        offers: each party's latest offer, {party: package}.
        events: the trace's events so far (dicts as `parley negotiate --trace` writes them).
    """
    round: int = 0
    time: float = 0.0
    done: bool = False
    ending: Optional[str] = None
    agreement: Optional[Dict[str, Any]] = None
    standing: Optional[Dict[str, Any]] = None
    standing_party: Optional[str] = None
    accepted_by: List[str] = field(default_factory=list)
    offers: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    events: List[Dict[str, Any]] = field(default_factory=list)


class Negotiation:
    """A negotiation between agents that can be advanced round by round.

        talks = parley.Negotiation("examples/ceasefire-relaxed.json", agents=["boulware", "conceder"], seed=1)
        state = talks.step()          # round 1 played
        state.standing, state.offers
        talks.run()                   # to the end: the Trace that parley.negotiate returns

    Arguments as :func:`parley.negotiate`.  Call :meth:`close` (or use ``with``) to stop one before its end.
    """

    def __init__(self, scenario: ScenarioLike, agents: Sequence[AgentLike], *, protocol: str = "alternating",
                 rounds: int = 100, seconds: float = 0.0, seed: int = 1, annealing: bool = False,
                 sessions: int = 0, venues: Optional[Sequence[str]] = None) -> None:
        self.scenario = _scenario(scenario)
        self._keep: List[Any] = []
        cfg = N.SessionConfig()
        N.lib.parley_session_config_init(ctypes.byref(cfg))
        _config(cfg, protocol, rounds, seconds, seed, annealing, sessions, venues, self._keep)
        self._err = N.CError()
        self._neg = ctypes.c_void_p()
        self._plugins: List[ctypes.c_void_p] = []
        self._agents: List[Any] = []  # Bridge or Gated, alive as long as the negotiation
        self._cond = threading.Condition()
        self._limit = 0          # the worker may move in rounds <= _limit
        self._waiting = False    # the worker waits at the gate
        self._stopping = False
        self._finished = False
        self._rc = 0
        self._thread: Optional[threading.Thread] = None
        self._round = 0
        self._events: List[Dict[str, Any]] = []
        self._outcome: Optional[Dict[str, Any]] = None
        check(N.lib.parley_negotiation_new(self.scenario._handle, ctypes.byref(cfg), ctypes.byref(self._neg),
                                           ctypes.byref(self._err)), self._err)
        try:
            for agent in agents:
                self._add(agent)
        except BaseException:
            self.close()
            raise

    def _add(self, agent: AgentLike) -> None:
        err = self._err
        if isinstance(agent, Agent):
            wrapped: Any = Bridge(agent, gate=self._gate)
            params = b""
        elif isinstance(agent, str):
            # params_p points into raw (the text after ':'): raw must outlive the read of params_p.value below
            raw = agent.encode("utf-8")
            name = ctypes.create_string_buffer(4096)
            params_p = ctypes.c_char_p()
            check(N.lib.parley_agent_spec_split(raw, name, len(name), ctypes.byref(params_p), ctypes.byref(err)), err)
            if N.lib.parley_agent_spec_is_plugin(name.value):
                plugin = ctypes.c_void_p()
                check(N.lib.parley_agent_plugin_load(name.value, ctypes.byref(plugin), ctypes.byref(err)), err)
                self._plugins.append(plugin)
                vt = N.lib.parley_agent_plugin_vtable(plugin)
            else:
                vt = N.lib.parley_agent_builtin(name.value)
                if not vt:  # the library's message (with "did you mean")
                    check(N.lib.parley_negotiation_add_agent_spec(self._neg, raw, ctypes.byref(err)), err)
            wrapped = Gated(ctypes.cast(vt, ctypes.POINTER(N.Vtable)).contents, self._gate)
            params = params_p.value or b""
        else:
            raise TypeError(f"an agent is a spec string or a parley.Agent, not {agent!r}")
        self._agents.append(wrapped)
        rc = N.lib.parley_negotiation_add_agent(self._neg, ctypes.byref(wrapped.vtable), params, ctypes.byref(err))
        if rc != 0 and getattr(wrapped, "error", None) is not None:
            raise wrapped.error
        check(rc, err)

    # --- the worker ---
    def _gate(self, view: int) -> None:
        r = N.lib.parley_view_round(view)
        with self._cond:
            while r > self._limit and not self._stopping:
                self._waiting = True
                self._cond.notify_all()
                self._cond.wait()
            self._waiting = False
            if self._stopping:
                raise _Stopped()

    def _work(self) -> None:
        rc = N.lib.parley_negotiation_run(self._neg, ctypes.byref(self._err))
        with self._cond:
            self._rc, self._finished = rc, True
            self._cond.notify_all()

    # --- the caller ---
    def step(self, rounds: int = 1) -> State:
        """Plays the next `rounds` rounds (or up to the end) and returns the state."""
        if rounds < 1:
            raise ValueError("step() plays at least one round")
        if self._outcome is not None:
            return self.state
        if self._neg is None:
            raise RuntimeError("this negotiation was closed")
        with self._cond:
            self._limit = min(self._round + rounds, _FOREVER)
            self._waiting = False
            self._cond.notify_all()
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="parley-negotiation", daemon=True)
            self._thread.start()
        with self._cond:
            while not self._waiting and not self._finished:
                self._cond.wait()
            finished = self._finished
        if finished:
            self._thread.join()
            self._finish()
        else:
            self._round = self._limit
            self._read_events()
        return self.state

    def run(self) -> Trace:
        """Plays to the end; the Trace (events and outcome) that parley.negotiate gives for the same arguments."""
        self.step(_FOREVER)
        trace = Trace(self._events)
        trace.outcome = dict(self._outcome or {})
        return trace

    def __iter__(self) -> Iterator[State]:
        """The state after each round, up to the end."""
        while not self.done:
            yield self.step()

    @property
    def done(self) -> bool:
        """True once the negotiation has ended."""
        return self._outcome is not None

    @property
    def outcome(self) -> Optional[Dict[str, Any]]:
        """The result as `parley negotiate --json` prints it, once done (else None)."""
        return self._outcome

    def svg(self) -> str:
        """The SVG of `parley negotiate --plot`, once done."""
        if self._outcome is None:
            raise RuntimeError("the negotiation has not ended: run() it first")
        ptr = N.lib.parley_negotiation_svg(self._neg, self.scenario._handle, ctypes.byref(self._err))
        if not ptr:
            raise_error(self._err)
        return N.take_text(ptr)

    def _read_events(self) -> None:
        for i in range(len(self._events), N.lib.parley_negotiation_event_count(self._neg)):
            ptr = N.lib.parley_trace_event_json(self._neg, i, ctypes.byref(self._err))
            if not ptr:
                raise_error(self._err)
            self._events.append(json.loads(N.take_text(ptr)))

    def _finish(self) -> None:
        failed = next((a.error for a in self._agents if a.error is not None), None)
        if failed is not None and not isinstance(failed, _Stopped):
            raise failed
        check(self._rc, self._err)
        self._read_events()
        self._outcome = json_result(N.lib.parley_negotiation_json(self._neg, ctypes.byref(self._err)), self._err)
        self._round = int(self._outcome.get("rounds", self._round))

    @property
    def state(self) -> State:
        """Where the negotiation stands (see State)."""
        shown = [e for e in self._events if self.done or e["round"] <= self._round]
        st = State(round=self._round, done=self.done, events=shown)
        for e in shown:
            st.time = e["time"]
            kind, party, package = e["event"], e.get("party"), e.get("package")
            if kind == "offer" and party is not None and e.get("to") == "everyone":
                st.offers[party] = package
                st.standing, st.standing_party, st.accepted_by = package, party, []
            elif kind == "offer" and party is not None:
                st.offers[party] = package
            elif kind == "text":
                st.standing, st.standing_party, st.accepted_by = package, party, []
            elif kind == "accept" and party is not None:
                st.accepted_by.append(party)
        if self._outcome is not None:
            st.ending = self._outcome.get("ending")
            st.agreement = self._outcome.get("package") if self._outcome.get("agreement") else None
        return st

    def close(self) -> None:
        """Stops the negotiation if it is running and frees it (also done when the object is collected)."""
        thread = self._thread
        if thread is not None and thread.is_alive():
            with self._cond:
                self._stopping = True
                self._cond.notify_all()
            thread.join()
        self._thread = None
        if getattr(self, "_neg", None):
            N.lib.parley_negotiation_free(self._neg)
            self._neg = None
        for p in getattr(self, "_plugins", []):
            N.lib.parley_agent_plugin_close(p)
        self._plugins = []

    def __enter__(self) -> "Negotiation":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def __repr__(self) -> str:
        st = "done" if self.done else f"round {self._round}"
        return f"<parley.Negotiation {self.scenario.title!r} {st}>"
