"""core: scenarios, their analysis, diagnosis and bridging proposals, and conflict (graph model) analysis."""
from __future__ import annotations

import ctypes
import json
import os
from typing import Any, Dict, List, Mapping, NoReturn, Optional, Sequence, Union

from . import _native as N
from .errors import BY_CODE, Error

PathLike = Union[str, "os.PathLike[str]"]

_METHODS = {"auto": 0, "exact": 1, "approximate": 2}
_RULES = {"nash": 0, "kalai": 1, "egalitarian": 2, "welfare": 3}
_NOTIONS = {"nash": 1, "r": 1, "gmr": 2, "smr": 4, "seq": 8, "sim": 16, "seqsim": 32, "all": 63, "lh": 64,
            "nm": 128}


def raise_error(err: N.CError) -> NoReturn:
    """Raises the parley.Error subclass for a filled parley_error."""
    buf = ctypes.create_string_buffer(2048)
    formatted = N.lib.parley_error_format(ctypes.byref(err), buf, len(buf)).decode("utf-8", "replace")
    cls = BY_CODE.get(err.code, Error)
    raise cls(err.message.decode("utf-8", "replace"), code=err.code, file=err.file.decode("utf-8", "replace"),
              line=err.line, column=err.column, path=err.path.decode("utf-8", "replace"), formatted=formatted)


def check(rc: int, err: N.CError) -> None:
    """Raises when a library call returned a negative code."""
    if rc != 0:
        if err.code == 0:
            err.code = rc
        raise_error(err)


def json_result(ptr: Optional[int], err: N.CError) -> Any:
    """Parses a JSON string the library allocated (raising its error when it returned NULL)."""
    if not ptr:
        raise_error(err)
    return json.loads(N.take_text(ptr))


def _options(threads: int, time: float, guarantee: Optional[float]) -> N.AnalysisOptions:
    if not 0.0 <= time <= 1.0:
        raise ValueError(f"time must be in [0,1], got {time}")
    opts = N.AnalysisOptions(threads=threads, time=time)
    if guarantee is not None:
        opts.use_guarantee, opts.guarantee = 1, guarantee
    return opts


class Scenario:
    """A negotiation: its issues, parties, preferences, red lines and phases (the C parley_scenario).

    Make one with :func:`parley.load` (native JSON, GENIUS XML or GeniusWeb JSON) or
    :meth:`Scenario.from_dict` (a native scenario as a dict).  The C object is freed with the Python one.
    """

    def __init__(self, handle: int) -> None:
        """Wraps a parley_scenario pointer (taken over); use load() or from_dict() instead."""
        self._handle = ctypes.c_void_p(handle)

    def __del__(self) -> None:
        handle = getattr(self, "_handle", None)
        if handle:
            N.lib.parley_scenario_free(handle)
            self._handle = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], name: str = "<dict>") -> "Scenario":
        """A scenario from a dict in the native format (docs/scenario-format.md).

        Errors name `name` as the file and give the JSON path of the bad value.
        """
        text = json.dumps(data).encode("utf-8")
        out = ctypes.c_void_p()
        err = N.CError()
        check(N.lib.parley_scenario_parse(text, len(text), name.encode("utf-8"), ctypes.byref(out),
                                          ctypes.byref(err)), err)
        return cls(out.value)

    @property
    def title(self) -> str:
        """The scenario's title ("" when none)."""
        return N.lib.parley_scenario_title(self._handle).decode("utf-8")

    @property
    def parties(self) -> List[str]:
        """The negotiating parties' names, in scenario order (mediators excluded)."""
        h = self._handle
        return [N.lib.parley_party_name(h, N.lib.parley_scenario_negotiator(h, k)).decode("utf-8")
                for k in range(N.lib.parley_scenario_negotiator_count(h))]

    def to_dict(self) -> Dict[str, Any]:
        """The scenario in the native format (what `parley convert` writes)."""
        err = N.CError()
        return json_result(N.lib.parley_scenario_json(self._handle, ctypes.byref(err)), err)

    def analyze(self, *, frontier: bool = False, threads: int = 0, time: float = 0.0,
                guarantee: Optional[float] = None, method: str = "auto", evaluations: int = 0,
                seed: int = 0) -> Dict[str, Any]:
        """The zone of agreement, Pareto frontier and bargaining solutions: `parley analyze --json`.

        Args:
            frontier: include the Pareto-optimal outcomes (``--frontier``).
            threads: worker threads (0: one per core).
            time: relative time in [0,1] at which reservation values are read.
            guarantee: phased scenarios: the probability every later phase is carried out (None: stated trust).
            method: "auto" (search spaces too large to enumerate, as the CLI does), "exact" or "approximate".
            evaluations, seed: the search's budget and seed (0: defaults), for approximate analyses.
        Returns:
            The dict documented in docs/analysis-json.md.
        """
        if method not in _METHODS:
            raise ValueError(f"method must be one of {sorted(_METHODS)}, got {method!r}")
        opts = _options(threads, time, guarantee)
        search = N.ApproxOptions(seed=seed, evaluations=evaluations)
        err = N.CError()
        return json_result(N.lib.parley_analyze_json(self._handle, ctypes.byref(opts), ctypes.byref(search),
                                                     _METHODS[method], int(frontier), ctypes.byref(err)), err)

    def diagnose(self, *, threads: int = 0, time: float = 0.0, guarantee: Optional[float] = None) -> Dict[str, Any]:
        """Why no deal exists and what would open one: `parley diagnose --json` (docs/diagnose.md)."""
        opts = _options(threads, time, guarantee)
        err = N.CError()
        return json_result(N.lib.parley_diagnose_json(self._handle, ctypes.byref(opts), ctypes.byref(err)), err)

    def propose(self, rule: str = "nash", *, threads: int = 0, time: float = 0.0,
                guarantee: Optional[float] = None) -> Dict[str, Any]:
        """The package a mediator would table under `rule` ("nash", "kalai", "egalitarian", "welfare"), explained.

        The same dict as `parley propose --json --rule RULE`.  When no package is acceptable to every party
        the dict is {"zone": False, ...} with the reason (then see :meth:`diagnose`).
        """
        if rule not in _RULES:
            raise ValueError(f"rule must be one of {sorted(_RULES)}, got {rule!r}")
        opts = _options(threads, time, guarantee)
        err = N.CError()
        return json_result(N.lib.parley_propose_json(self._handle, _RULES[rule], ctypes.byref(opts),
                                                     ctypes.byref(err)), err)

    def __repr__(self) -> str:
        return f"<parley.Scenario {self.title!r} parties={self.parties}>"


def load(path_or_paths: Union[PathLike, Sequence[PathLike]]) -> Scenario:
    """Reads a scenario: a native scenario file, or a GENIUS / GeniusWeb domain followed by its profiles.

    The format is told by the content.  Raises parley.InputError (with file, line, column or JSON path)
    for bad input and parley.FileError when a file cannot be read.
    """
    if isinstance(path_or_paths, (str, bytes, os.PathLike)):
        paths = [path_or_paths]
    else:
        paths = list(path_or_paths)
    if not paths:
        raise ValueError("parley.load needs at least one file")
    encoded = [os.fsencode(p) for p in paths]
    array = (ctypes.c_char_p * len(encoded))(*encoded)
    out = ctypes.c_void_p()
    err = N.CError()
    check(N.lib.parley_scenario_load_files(array, len(encoded), ctypes.byref(out), ctypes.byref(err)), err)
    return Scenario(out.value)


def conflict(model: Union[PathLike, Mapping[str, Any]], *, start: Optional[str] = None, coalitions: bool = False,
             notions: Optional[Sequence[str]] = None, threads: int = 0, horizon: int = 0) -> Dict[str, Any]:
    """Graph Model for Conflict Resolution stability analysis: `parley conflict --json`.

    Args:
        model: a graph-model file (docs/conflict-format.md) or the same as a dict.
        start: a state (as ``--from`` takes it) whose reachable states are analysed.
        coalitions: add coalition improvements from the start state (the status quo when start is None).
        notions: any of "nash", "gmr", "smr", "seq", "sim", "seqsim", "all" (None: all six), and for two
            decision makers "lh" (limited-move stability, with `horizon`) and "nm" (non-myopic).
        threads: worker threads (0: one per core).
        horizon: the horizon h of "lh" (0: 2).
    """
    flags = 0
    for notion in notions or ["all"]:
        if notion not in _NOTIONS:
            raise ValueError(f"unknown stability notion {notion!r}; expected one of {sorted(_NOTIONS)}")
        flags |= _NOTIONS[notion]
    handle = ctypes.c_void_p()
    err = N.CError()
    if isinstance(model, Mapping):
        text = json.dumps(model).encode("utf-8")
        rc = N.lib.parley_gmcr_model_parse(text, len(text), b"<dict>", ctypes.byref(handle), ctypes.byref(err))
    else:
        rc = N.lib.parley_gmcr_model_load(os.fsencode(model), ctypes.byref(handle), ctypes.byref(err))
    check(rc, err)
    try:
        opts = N.GmcrOptions(notions=flags, threads=threads, horizon=horizon)
        from_state = start.encode("utf-8") if start is not None else None
        return json_result(N.lib.parley_conflict_json(handle, ctypes.byref(opts), from_state, int(coalitions),
                                                      ctypes.byref(err)), err)
    finally:
        N.lib.parley_gmcr_model_free(handle)
