"""model: issues, parties and utility functions as Python objects.

Build a scenario in code from :class:`Issue` and :class:`Party` (``parley.Scenario.build``), or read the issues
and utility functions of a loaded one (``scenario.issues``, ``scenario.utility("Buyer")``).  An outcome (a
package) is a dict ``{issue: label or number}`` or a sequence of value indices in issue order.
"""
from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native as N

Package = Tuple[int, ...]
Outcome = Union[Sequence[int], Mapping[str, Any]]
KINDS = ("categorical", "integer", "real")


def _number(x: float) -> Union[int, float]:
    return int(x) if x == int(x) else x


class Space:
    """The issues of a C parley_space: translates outcomes between value indices and {issue: value}."""

    def __init__(self, handle: int, owner: Any = None) -> None:
        self._space = ctypes.c_void_p(handle)
        self._owner = owner  # keeps the scenario (which owns the space) alive
        self.issue_count = N.lib.parley_space_issue_count(self._space)

    @property
    def issue_names(self) -> List[str]:
        """The issues' names, in the order packages list their values."""
        return [N.lib.parley_issue_name(self._space, i).decode("utf-8") for i in range(self.issue_count)]

    def value(self, issue: int, v: int) -> Any:
        """Value v of an issue: its label (categorical) or its number."""
        if N.lib.parley_issue_type_of(self._space, issue) == 0:
            return N.lib.parley_issue_label(self._space, issue, v).decode("utf-8")
        return _number(N.lib.parley_issue_number(self._space, issue, v))

    def values(self, issue: int) -> List[Any]:
        """Every value of an issue, in order."""
        return [self.value(issue, v) for v in range(N.lib.parley_issue_value_count(self._space, issue))]

    def describe(self, package: Sequence[int]) -> Dict[str, Any]:
        """{issue name: value} of a package given as value indices."""
        return {name: self.value(i, package[i]) for i, name in enumerate(self.issue_names)}

    def index(self, issue: int, value: Any) -> int:
        """The index of a value (a label, or a number) of an issue; ValueError when it has none."""
        if isinstance(value, str):
            found = N.lib.parley_issue_find_label(self._space, issue, value.encode("utf-8"))
        else:
            found = N.lib.parley_issue_find_number(self._space, issue, float(value))
        if found < 0:
            raise ValueError(f"issue {self.issue_names[issue]!r} has no value {value!r}")
        return found

    def package(self, spec: Outcome) -> Package:
        """Value indices of an outcome given as indices or as {issue: label or number} (every issue given)."""
        if isinstance(spec, Mapping):
            names = self.issue_names
            missing = [n for n in names if n not in spec]
            extra = [n for n in spec if n not in names]
            if missing or extra:
                raise ValueError(f"an outcome names every issue {names}; missing {missing}, unknown {extra}")
            return tuple(self.index(i, spec[n]) for i, n in enumerate(names))
        out = tuple(int(v) for v in spec)
        if len(out) != self.issue_count:
            raise ValueError(f"an outcome has {self.issue_count} values, got {len(out)}")
        for i, v in enumerate(out):
            if not 0 <= v < N.lib.parley_issue_value_count(self._space, i):
                raise ValueError(f"value index {v} of issue {self.issue_names[i]!r} is out of range")
        return out

    def array(self, spec: Outcome) -> "ctypes.Array[ctypes.c_uint32]":
        """The outcome as the C array the library takes."""
        return (ctypes.c_uint32 * self.issue_count)(*self.package(spec))

    def issue(self, i: int) -> "Issue":
        """Issue i as an :class:`Issue`."""
        s = self._space
        kind = KINDS[N.lib.parley_issue_type_of(s, i)]
        text = N.lib.parley_issue_description(s, i)
        description = text.decode("utf-8") if text else ""
        name = N.lib.parley_issue_name(s, i).decode("utf-8")
        if kind == "categorical":
            return Issue(name, self.values(i), description=description)
        lo, hi, step = (_number(f(s, i)) for f in (N.lib.parley_issue_min, N.lib.parley_issue_max,
                                                   N.lib.parley_issue_step))
        return Issue(name, kind=kind, min=lo, max=hi, step=step, description=description)

    @property
    def size(self) -> float:
        """The number of outcomes (a float: it may exceed 2^64)."""
        return N.lib.parley_space_size(self._space)

    def outcomes(self) -> Iterator[Dict[str, Any]]:
        """Every outcome, as {issue: value}, in index order (lazily: mind the size)."""
        count = int(self.size)
        buf = (ctypes.c_uint32 * self.issue_count)()
        for k in range(count):
            N.lib.parley_space_decode(self._space, k, buf)
            yield self.describe(buf)


@dataclass
class Issue:
    """An issue: categorical (``Issue("color", ["red", "blue"])``) or numeric (``Issue("price", min=0, max=10)``;
    ``kind="real"`` with a ``step`` for a real issue).  ``range(...)`` values make an integer issue."""
    name: str
    values: Optional[Sequence[Any]] = None
    kind: str = ""
    min: Optional[float] = None
    max: Optional[float] = None
    step: Optional[float] = None
    description: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.values, range):
            r = self.values
            if len(r) == 0:
                raise ValueError(f"issue {self.name!r}: an empty range")
            self.kind, self.min, self.max, self.step, self.values = "integer", r.start, r[-1], r.step, None
        if not self.kind:
            self.kind = "categorical" if self.values is not None else "integer"
        if self.kind not in KINDS:
            raise ValueError(f"issue {self.name!r}: kind is one of {KINDS}, not {self.kind!r}")
        if self.kind == "categorical":
            if not self.values:
                raise ValueError(f"categorical issue {self.name!r} needs values")
            self.values = [str(v) for v in self.values]
        elif self.min is None or self.max is None:
            raise ValueError(f"{self.kind} issue {self.name!r} needs min and max")
        if self.kind == "real" and not self.step:
            raise ValueError(f"real issue {self.name!r} needs a step")

    @property
    def all_values(self) -> List[Any]:
        """Every value of the issue: the labels, or min, min+step, ..., max."""
        if self.kind == "categorical":
            return list(self.values or [])
        step = self.step or 1
        count = int(math.floor((float(self.max) - float(self.min)) / step + 1e-9)) + 1  # type: ignore[arg-type]
        return [_number(round(float(self.min) + k * step, 12)) for k in range(count)]  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.all_values)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.all_values)

    def to_dict(self) -> Dict[str, Any]:
        """The issue in the native format."""
        d: Dict[str, Any] = {"name": self.name, "type": self.kind}
        if self.kind == "categorical":
            d["values"] = list(self.values or [])
        else:
            d["min"], d["max"] = self.min, self.max
            if self.step is not None and (self.kind == "real" or self.step != 1):
                d["step"] = self.step
        if self.description:
            d["description"] = self.description
        return d


def linear(at_min: float, at_max: float) -> Dict[str, Any]:
    """A value function of a numeric issue: at_min at its min, at_max at its max, linear between."""
    return {"type": "linear", "at_min": at_min, "at_max": at_max}


def piecewise(points: Sequence[Tuple[float, float]]) -> Dict[str, Any]:
    """Linear between the points [(x, u), ...] (x increasing), flat beyond the first and last."""
    return {"type": "piecewise", "points": [list(p) for p in points]}


def steps(points: Sequence[Tuple[float, float]]) -> Dict[str, Any]:
    """The u of the last step whose x is <= the value; 0 below the first."""
    return {"type": "step", "steps": [list(p) for p in points]}


@dataclass
class Party:
    """A party to build a scenario with.

    ``weights`` maps each issue to its weight (summing to 1); ``values`` maps each issue to a table
    ``{value: utility}`` or a function (:func:`linear`, :func:`piecewise`, :func:`steps`); ``red_lines``
    maps a name to a rule (``"price >= 1"``, docs/scenario-format.md).  ``role="mediator"`` for a mediator
    (no preferences).
    """
    name: str
    weights: Mapping[str, float] = field(default_factory=dict)
    values: Mapping[str, Any] = field(default_factory=dict)
    reservation: float = 0.0
    discount: float = 1.0
    red_lines: Mapping[str, str] = field(default_factory=dict)
    role: str = "party"
    description: str = ""

    def to_dict(self) -> Dict[str, Any]:
        """The party in the native format."""
        d: Dict[str, Any] = {"name": self.name}
        if self.description:
            d["description"] = self.description
        if self.role != "party":
            d["role"] = self.role
            return d
        unknown = [i for i in self.values if i not in self.weights]
        if unknown:
            raise ValueError(f"party {self.name!r}: values for {unknown} but no weight")
        prefs: Dict[str, Any] = {}
        for issue, weight in self.weights.items():
            fn = self.values.get(issue)
            if fn is None:
                raise ValueError(f"party {self.name!r}: issue {issue!r} has a weight but no values")
            entry: Dict[str, Any] = {"weight": weight}
            if isinstance(fn, Mapping) and "type" in fn:
                entry["function"] = dict(fn)
            else:
                entry["values"] = {str(_number(k) if isinstance(k, float) else k): u for k, u in fn.items()}
            prefs[issue] = entry
        d.update({"reservation": self.reservation, "preferences": prefs})
        if self.discount != 1.0:
            d["discount"] = self.discount
        if self.red_lines:
            d["red_lines"] = [{"name": n, "rule": r} for n, r in self.red_lines.items()]
        return d


class Utility:
    """A party's utility function in a scenario: ``u(outcome)`` is its utility of an outcome.

    Outcomes are dicts {issue: value} or value indices.  Kept valid by a reference to the scenario.
    """

    def __init__(self, scenario: Any, party: int) -> None:
        self.scenario = scenario
        self.party_index = party
        self.name = N.lib.parley_party_name(scenario._handle, party).decode("utf-8")
        self._u = ctypes.c_void_p(N.lib.parley_party_utility(scenario._handle, party))
        self._space = scenario.space

    def __call__(self, outcome: Outcome) -> float:
        """The party's (undiscounted) utility of the outcome."""
        return N.lib.parley_utility_eval(self._u, self._space.array(outcome))

    def expected(self, outcome: Outcome, guarantee: Optional[float] = None) -> float:
        """Phased scenarios: the utility weighed by the chance each later phase is carried out
        (None: the party's stated trust), as the analysis uses it."""
        g = -1.0 if guarantee is None else guarantee
        return N.lib.parley_scenario_value(self.scenario._handle, self.party_index, self._space.array(outcome), g)

    @property
    def reservation(self) -> float:
        """What walking away is worth at the start."""
        return self.reservation_at(0.0)

    def reservation_at(self, t: float) -> float:
        """The reservation value at relative time t (a reservation curve applies pressure)."""
        return N.lib.parley_utility_reservation_at(self._u, t)

    @property
    def discount(self) -> float:
        """The discount factor (1: none)."""
        return N.lib.parley_utility_discount(self._u)

    def discounted(self, utility: float, t: float) -> float:
        """A utility agreed at relative time t, discounted."""
        return N.lib.parley_utility_discounted(self._u, utility, t)

    @property
    def additive(self) -> bool:
        """True for weights and value functions; False for nonlinear (hyperrectangle) profiles."""
        return bool(N.lib.parley_utility_is_additive(self._u))

    def weight(self, issue: str) -> float:
        """An additive utility's weight of an issue."""
        return N.lib.parley_utility_weight(self._u, self._issue(issue))

    def value(self, issue: str, value: Any) -> float:
        """An additive utility's value function of an issue at a value (label or number)."""
        i = self._issue(issue)
        return N.lib.parley_utility_value(self._u, i, self._space.index(i, value))

    def red_lines_hold(self, outcome: Outcome) -> bool:
        """True when the outcome breaks none of the party's red lines."""
        return bool(N.lib.parley_scenario_red_lines_hold(self.scenario._handle, self.party_index,
                                                         self._space.array(outcome)))

    def _issue(self, name: str) -> int:
        try:
            return self._space.issue_names.index(name)
        except ValueError:
            raise ValueError(f"no issue {name!r}; the issues are {self._space.issue_names}") from None

    def __repr__(self) -> str:
        return f"<parley.Utility of {self.name!r}>"
