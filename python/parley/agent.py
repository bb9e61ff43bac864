"""agent: negotiating agents written in Python, run by the C engine through the agent interface's callbacks.

A Python agent subclasses :class:`Agent` and answers the engine's requests (parley/agent.h) with an action.
It sees the negotiation only through its :class:`View`: its own utility and red lines, the outcome space,
the clock and the events its party may see, never another party's preferences.

Packages are tuples of value indices, one per issue in space order; ``view.describe(package)`` names them
and ``view.package({...})`` builds one from issue names and value labels or numbers.  Events (``observe``,
``view.events``) are the trace's dicts, labels included.
"""
from __future__ import annotations

import copy
import ctypes
import itertools
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native as N
from .model import Space

Package = Tuple[int, ...]
PackageLike = Union[Sequence[int], Mapping[str, Any]]

# parley_action_kind
_ACCEPT, _REJECT, _OFFER, _AMEND, _WALK_AWAY = range(5)
REQUESTS = ("propose", "vote", "ratify", "respond")  # parley_request, in order
_MEDIATOR, _EVERYONE, _NOBODY = -1, -2, -3


@dataclass
class Accept:
    """Accept the standing offer / vote yes / ratify / accept the mediator's text."""


@dataclass
class Reject:
    """Vote no / refuse to ratify."""


@dataclass
class WalkAway:
    """Leave the talks: everyone gets its reservation value."""


@dataclass
class Offer:
    """A whole package: value indices in issue order, or {issue: label or number}."""
    package: PackageLike


@dataclass
class Amend:
    """Shuttle mediation: changes to the mediator's text, each (issue, value, reason).

    issue is a name or an index; value a value index (int), a label (str) or a number (float)."""
    changes: List[Tuple[Union[int, str], Any, str]] = field(default_factory=list)


ActionLike = Union[Accept, Reject, WalkAway, Offer, Amend]


class View:
    """What the agent's party may know, valid only during the callback that received it."""

    def __init__(self, handle: int) -> None:
        self._v = ctypes.c_void_p(handle)
        self.space = Space(N.lib.parley_view_space(self._v))
        self._issues = self.space.issue_count

    # --- who and what ---
    @property
    def party(self) -> int:
        """This agent's party: its number among the negotiating parties."""
        return N.lib.parley_view_party(self._v)

    @property
    def party_names(self) -> List[str]:
        """Every negotiating party's public name, in scenario order."""
        return [N.lib.parley_view_party_name(self._v, k).decode("utf-8")
                for k in range(N.lib.parley_view_party_count(self._v))]

    @property
    def issues(self) -> List[str]:
        """The issues' names, in the order packages list their values."""
        return self.space.issue_names

    def values(self, issue: int) -> List[Any]:
        """The values of an issue: labels for categorical issues, numbers otherwise."""
        return self.space.values(issue)

    def _value(self, issue: int, v: int) -> Any:
        return self.space.value(issue, v)

    def describe(self, package: Sequence[int]) -> Dict[str, Any]:
        """{issue name: value} of a package."""
        return self.space.describe(package)

    def package(self, spec: PackageLike) -> Package:
        """A package from value indices or from {issue: label or number} (every issue given)."""
        return self.space.package(spec)

    def _find(self, issue: int, value: Any) -> int:
        return self.space.index(issue, value)

    def _array(self, package: PackageLike) -> "ctypes.Array[ctypes.c_uint32]":
        return self.space.array(package)

    def _read(self, ptr: Any) -> Optional[Package]:
        return tuple(ptr[i] for i in range(self._issues)) if ptr else None

    # --- its own preferences ---
    def utility(self, package: PackageLike) -> float:
        """This party's (undiscounted) utility of a package."""
        return N.lib.parley_view_eval(self._v, self._array(package))

    @property
    def reservation(self) -> float:
        """Its reservation value now (after time pressure)."""
        return N.lib.parley_view_reservation(self._v)

    def red_lines_hold(self, package: PackageLike) -> bool:
        """True when the package breaks none of its own red lines."""
        return bool(N.lib.parley_view_red_lines_hold(self._v, self._array(package)))

    def broken_red_line(self, package: PackageLike) -> Optional[str]:
        """The first of its own red lines the package breaks, or None."""
        name = N.lib.parley_view_broken_red_line(self._v, self._array(package))
        return name.decode("utf-8") if name else None

    def feasible(self, package: PackageLike) -> bool:
        """True when every global constraint holds (public knowledge)."""
        return bool(N.lib.parley_view_feasible(self._v, self._array(package)))

    # --- the clock ---
    @property
    def round(self) -> int:
        """The current round (1-based)."""
        return N.lib.parley_view_round(self._v)

    @property
    def rounds(self) -> int:
        """The deadline in rounds (0: none)."""
        return N.lib.parley_view_rounds(self._v)

    @property
    def time(self) -> float:
        """Relative time in [0,1]."""
        return N.lib.parley_view_time(self._v)

    @property
    def next_time(self) -> float:
        """Relative time of the next round (when an offer made now is judged)."""
        return N.lib.parley_view_next_time(self._v)

    @property
    def temperature(self) -> float:
        """Annealing temperature of the single-text protocol (0 when not annealing)."""
        return N.lib.parley_view_temperature(self._v)

    # --- what is on the table ---
    @property
    def standing_offer(self) -> Optional[Package]:
        """The standing offer (alternating offers), or None."""
        return self._read(N.lib.parley_view_standing_offer(self._v, None))

    @property
    def text(self) -> Optional[Package]:
        """The mediator's current text (single text, shuttle), or None."""
        return self._read(N.lib.parley_view_text(self._v))

    @property
    def proposal(self) -> Optional[Package]:
        """The proposal being voted on (single text), or None."""
        return self._read(N.lib.parley_view_proposal(self._v))

    def random(self) -> float:
        """A deterministic random number in [0,1) from the agent's own stream."""
        return N.lib.parley_view_random(self._v)

    # --- its own packages, sorted by its utility ---
    def package_at_least(self, target: float) -> Tuple[float, Package]:
        """Its acceptable package with the smallest utility >= target (the best one when none reaches it)."""
        out = (ctypes.c_uint32 * self._issues)()
        u = N.lib.parley_view_outcome_at_least(self._v, target, out)
        if u < 0:
            raise LookupError("this party has no acceptable package")
        return u, tuple(out)

    def packages_around(self, target: float) -> Tuple[Optional[Tuple[float, Package]],
                                                        Optional[Tuple[float, Package]]]:
        """The two packages of its acceptable packages sorted by (utility, outcome number) next to target,
        without building that list (parley_view_outcome_around): (below, above), above the first worth at least
        target (less 1e-12, as package_at_least compares), below the one before it; each (utility, package),
        None when there is none."""
        below, above = (ctypes.c_uint32 * self._issues)(), (ctypes.c_uint32 * self._issues)()
        u_below, u_above = ctypes.c_double(), ctypes.c_double()
        found = N.lib.parley_view_outcome_around(self._v, target, below, ctypes.byref(u_below), above,
                                                 ctypes.byref(u_above))
        return ((u_below.value, tuple(below)) if found & 1 else None,
                (u_above.value, tuple(above)) if found & 2 else None)

    @property
    def best_utility(self) -> float:
        """Its best utility over its acceptable packages (-1 when none)."""
        return N.lib.parley_view_best_utility(self._v)

    @property
    def worst_utility(self) -> float:
        """Its worst utility over its acceptable packages (-1 when none)."""
        return N.lib.parley_view_worst_utility(self._v)

    # --- history ---
    @property
    def event_count(self) -> int:
        """Events this party may see so far."""
        return N.lib.parley_view_event_count(self._v)

    def event(self, i: int) -> Dict[str, Any]:
        """Event i of the history this party may see, as a dict like the trace's (the same keys and labels,
        without the utilities, which are private), plus "indices": the package as value indices."""
        ev = N.Event()
        if N.lib.parley_view_event(self._v, i, ctypes.byref(ev)) != 0:
            raise IndexError(i)
        names = self.party_names
        kind = N.lib.parley_event_kind_name(ev.kind).decode("utf-8")

        def who(p: int) -> Optional[str]:
            return names[p] if p >= 0 else {_MEDIATOR: "mediator", _EVERYONE: "everyone"}.get(p)
        out: Dict[str, Any] = {"event": kind, "round": ev.round, "time": ev.time}
        venue = (ev.venue or b"").decode("utf-8")
        if venue:
            out.update(session=ev.session + 1, venue=venue)
        out["party"] = who(ev.party)
        if ev.party != _NOBODY:
            out["to"] = who(ev.to)
        package = self._read(ev.outcome)
        if package is not None:
            out["package"] = self.describe(package)
            out["indices"] = package
        if ev.changes and ev.change_count:
            out["changes"] = [{"issue": self.issues[c.issue], "value": self._value(c.issue, c.value),
                               # a reason cut to its bytes by C (a mediator quoting a long one) may end mid-character
                               "reason": c.reason.decode("utf-8", "replace")} for c in ev.changes[:ev.change_count]]
        if kind == "vote":
            out["vote"] = "yes" if ev.vote else "no"
        detail = (ev.detail or b"").decode("utf-8")
        if detail:
            out["outcome" if kind == "session_end" else "protocol" if kind == "session_start" else "reason"] = detail
        return out

    @property
    def events(self) -> List[Dict[str, Any]]:
        """Every event this party may see, oldest first."""
        return [self.event(i) for i in range(self.event_count)]


class Agent:
    """Base class of agents written in Python.

    Override :meth:`propose` (alternating offers) and :meth:`respond` (votes, ratification, shuttle
    mediation); :meth:`observe` is called with every event the party may see, once, before each move.
    The defaults behave sensibly: offer the best package, accept what is worth the reservation value.
    """

    #: the name the trace and results give the agent
    name = "python"

    def start(self, view: View) -> None:
        """Called once when the negotiation is set up."""

    def observe(self, view: View, event: Dict[str, Any]) -> None:
        """Called with each event newly visible to the party, before its move: the trace's event as the party
        may see it (see View.event): ``event["package"]`` is ``{issue: label or number}``, and
        ``event["indices"]`` the same package as value indices."""

    def propose(self, view: View) -> ActionLike:
        """Alternating offers: Accept() the standing offer, Offer(package) or WalkAway()."""
        offer = view.standing_offer
        if offer is not None and view.red_lines_hold(offer) and view.utility(offer) >= view.reservation \
                and view.utility(offer) >= view.best_utility:
            return Accept()
        return Offer(view.package_at_least(view.best_utility)[1])

    def respond(self, view: View, request: str) -> ActionLike:
        """Answer the mediator: request is "vote" (Accept = yes, Reject = no on view.proposal),
        "ratify" (the final view.text) or "respond" (shuttle: Accept, Amend, Offer or WalkAway on view.text)."""
        package = view.proposal if request == "vote" else view.text
        if package is not None and view.red_lines_hold(package) and view.utility(package) >= view.reservation:
            return Accept()
        return Reject() if request in ("vote", "ratify") else Offer(view.package_at_least(view.best_utility)[1])


Gate = Callable[[int], None]  # called with the view before each move (stepping); raises to stop the talks


class Bridge:
    """The C vtable of one Python agent: callbacks kept alive as long as the negotiations using it.

    Each negotiation the engine creates the agent in gets its own state: the agent object itself
    (``copies=False``: negotiate) or a deep copy of it (``copies=True``: tournaments, where many
    negotiations run at once).
    """

    _ids = itertools.count(1)

    def __init__(self, agent: Agent, copies: bool = False, gate: Optional[Gate] = None) -> None:
        self.agent = agent
        self.copies = copies
        self.gate = gate
        self.plays: Dict[int, List[Any]] = {}  # state id -> [agent, events seen]
        self.error: Optional[BaseException] = None
        self._create = N.CREATE(self._on_create)
        self._destroy = N.DESTROY(self._on_destroy)
        self._act = N.ACT(self._on_act)
        name = getattr(agent, "name", type(agent).__name__)
        self.vtable = N.Vtable(N.AGENT_ABI, str(name).encode("utf-8"), b"an agent written in Python",
                               self._create, self._destroy, self._act)

    def _on_create(self, view: int, params: bytes, state: Any, err: Any) -> int:
        try:
            key = next(self._ids)
            agent = copy.deepcopy(self.agent) if self.copies else self.agent
            self.plays[key] = [agent, 0]
            state[0] = key
            agent.start(View(view))
            return 0
        except BaseException as exc:  # reported by negotiate()
            self.error = exc
            e = err.contents
            e.code = -1
            e.message = f"python agent {self.agent.name!r}: {exc!r}".encode("utf-8")[:767]
            return -1

    def _on_destroy(self, state: int) -> None:
        self.plays.pop(state, None)

    def _on_act(self, state: int, view_ptr: int, request: int, action_ptr: Any) -> int:
        try:
            if self.gate is not None:
                self.gate(view_ptr)
            play = self.plays[state]
            agent = play[0]
            view = View(view_ptr)
            count = view.event_count
            for i in range(play[1], count):
                agent.observe(view, view.event(i))
            play[1] = count
            name = REQUESTS[request]
            answer = agent.propose(view) if name == "propose" else agent.respond(view, name)
            self._fill(view, answer, action_ptr.contents)
            return 0
        except BaseException as exc:
            self.error = exc
            return -8

    @staticmethod
    def _fill(view: View, answer: ActionLike, act: N.Action) -> None:
        if isinstance(answer, Accept):
            act.kind = _ACCEPT
        elif isinstance(answer, Reject):
            act.kind = _REJECT
        elif isinstance(answer, WalkAway):
            act.kind = _WALK_AWAY
        elif isinstance(answer, Offer):
            act.kind = _OFFER
            for i, v in enumerate(view.package(answer.package)):
                act.outcome[i] = v
        elif isinstance(answer, Amend):
            if len(answer.changes) > act.change_capacity:
                raise ValueError(f"at most {act.change_capacity} changes in an amendment")
            issues = view.issues
            for k, (issue, value, reason) in enumerate(answer.changes):
                i = issues.index(issue) if isinstance(issue, str) else int(issue)
                c = act.changes[k]
                c.issue = i
                c.value = value if isinstance(value, int) else view._find(i, value)
                # at most REASON_MAX - 1 bytes, cut at a character's boundary (a cut character would not decode)
                c.reason = reason.encode("utf-8")[:N.REASON_MAX - 1].decode("utf-8", "ignore").encode("utf-8")
            act.kind = _AMEND
            act.change_count = len(answer.changes)
        else:
            raise TypeError(f"an agent answers with Accept, Reject, WalkAway, Offer or Amend, not {answer!r}")


class Gated:
    """A C agent (built-in or plug-in vtable) whose every move first passes a gate (a stepped Negotiation)."""

    def __init__(self, inner: Any, gate: Gate) -> None:
        self.inner = inner  # a Vtable (kept alive by the library or the plug-in)
        self.gate = gate
        self.error: Optional[BaseException] = None
        self._create = N.CREATE(lambda view, params, state, err: inner.create(view, params, state, err))
        self._destroy = N.DESTROY(lambda state: inner.destroy(state))
        self._act = N.ACT(self._on_act)
        self.vtable = N.Vtable(N.AGENT_ABI, inner.name, inner.description, self._create, self._destroy, self._act)

    def _on_act(self, state: int, view: int, request: int, action: Any) -> int:
        try:
            self.gate(view)
        except BaseException as exc:
            self.error = exc
            return -8
        return self.inner.act(state, view, request, action)
