"""core: scenarios, their analysis, diagnosis and bridging proposals, and conflict (graph model) analysis."""
from __future__ import annotations

import ctypes
import json
import os
from pathlib import Path
from typing import Any, Dict, Iterator, List, Mapping, NoReturn, Optional, Sequence, Union

from . import _native as N
from .errors import BY_CODE, Error
from .model import Issue, Outcome, Party, Space, Utility

PathLike = Union[str, "os.PathLike[str]"]

_METHODS = {"auto": 0, "exact": 1, "approximate": 2}
_RULES = {"nash": 0, "kalai": 1, "egalitarian": 2, "welfare": 3}
FORMATS = ("native", "genius", "geniusweb")
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
        """Wraps a parley_scenario pointer (taken over); use load(), from_dict() or build() instead."""
        self._handle = ctypes.c_void_p(handle)
        self.space = Space(N.lib.parley_scenario_space(self._handle), self)

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

    @classmethod
    def build(cls, issues: Sequence[Issue], parties: Sequence[Party], *, title: str = "", description: str = "",
              constraints: Optional[Mapping[str, str]] = None) -> "Scenario":
        """A scenario made in code from :class:`parley.Issue` and :class:`parley.Party` objects.

        ``constraints`` maps a name to a global feasibility rule.  Checked as a scenario file is.
        """
        data: Dict[str, Any] = {"format": "parley-scenario"}
        if title:
            data["title"] = title
        if description:
            data["description"] = description
        data["issues"] = [i.to_dict() for i in issues]
        data["parties"] = [p.to_dict() for p in parties]
        if constraints:
            data["constraints"] = [{"name": n, "rule": r} for n, r in constraints.items()]
        return cls.from_dict(data, name=title or "<built>")

    @property
    def issues(self) -> List[Issue]:
        """The issues, in the order packages list their values."""
        return [self.space.issue(i) for i in range(self.space.issue_count)]

    def issue(self, name: str) -> Issue:
        """The issue called `name`."""
        names = self.space.issue_names
        if name not in names:
            raise KeyError(f"no issue {name!r}; the issues are {names}")
        return self.space.issue(names.index(name))

    @property
    def outcome_count(self) -> float:
        """The number of outcomes (a float: it may exceed 2^64)."""
        return self.space.size

    def outcomes(self) -> Iterator[Dict[str, Any]]:
        """Every outcome as {issue: value}, lazily, in index order."""
        return self.space.outcomes()

    def utility(self, party: Union[str, int]) -> Utility:
        """A negotiating party's utility function (by name, or by its number among the negotiating parties)."""
        h = self._handle
        if isinstance(party, int):
            if not 0 <= party < N.lib.parley_scenario_negotiator_count(h):
                raise IndexError(f"party {party} of {N.lib.parley_scenario_negotiator_count(h)}")
            return Utility(self, N.lib.parley_scenario_negotiator(h, party))
        found = N.lib.parley_scenario_find_party(h, party.encode("utf-8"))
        if found < 0 or N.lib.parley_party_role(h, found) != 0:
            raise KeyError(f"no negotiating party {party!r}; the parties are {self.parties}")
        return Utility(self, found)

    @property
    def utilities(self) -> List[Utility]:
        """Every negotiating party's utility function, in scenario order."""
        return [self.utility(k) for k in range(len(self.parties))]

    def feasible(self, outcome: Outcome) -> bool:
        """True when the outcome meets every global constraint."""
        return bool(N.lib.parley_scenario_feasible(self._handle, self.space.array(outcome)))

    def text(self, format: str = "native", party: Optional[str] = None) -> str:
        """The scenario as a file of `format` ("native", "genius", "geniusweb"): for GENIUS and GeniusWeb the
        domain, or with `party` that party's profile.  Losses of the format are dropped (see :meth:`save`)."""
        return self._text(format, party, [])

    def _text(self, format: str, party: Optional[str], warnings: List[str]) -> str:
        if format not in FORMATS:
            raise ValueError(f"format is one of {FORMATS}, not {format!r}")
        index = -1 if party is None else self.utility(party).party_index
        err = N.CError()
        collect = N.WARN(lambda ctx, message: warnings.append(message.decode("utf-8")))
        ptr = N.lib.parley_scenario_format_text(self._handle, format.encode(), index, collect, None, ctypes.byref(err))
        if not ptr:
            raise_error(err)
        return N.take_text(ptr)

    def save(self, path: PathLike, format: Optional[str] = None) -> Dict[str, Any]:
        """Writes the scenario as `parley convert IN -o PATH [--to FORMAT]` does.

        format: "native", "genius" or "geniusweb"; None: "genius" for a .xml path, else "native".  For GENIUS
        and GeniusWeb, PATH is the domain and each party's profile is written beside it as PARTY.xml / .json.
        Folders that do not exist are created.  Returns ``{"format", "files", "warnings"}`` like
        `convert --json`: the files written and what the format could not express.
        """
        out = os.fspath(path)
        if format is None:
            format = "genius" if out.endswith(".xml") else "native"
        warnings: List[str] = []
        files = [(out, None)]
        if format != "native":
            ext = ".xml" if format == "genius" else ".json"
            folder = out[:out.rfind("/") + 1]
            for name in self.parties:
                beside = folder + "".join("_" if c in "/\\ :" else c for c in name) + ext
                files.append((beside if beside != out else beside[:-len(ext)] + "-profile" + ext, name))
        texts = [(f, self._text(format, party, warnings)) for f, party in files]
        if "/" in out:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
        for f, text in texts:
            with open(f, "w", encoding="utf-8") as handle:
                handle.write(text)
        return {"format": format, "files": [f for f, _ in files], "warnings": warnings}

    def svg(self, *, threads: int = 0, time: float = 0.0, guarantee: Optional[float] = None) -> str:
        """The SVG of `parley analyze --plot` (docs/plots.md): density, frontiers, solutions."""
        opts = _options(threads, time, guarantee)
        err = N.CError()
        ptr = N.lib.parley_analysis_svg(self._handle, ctypes.byref(opts), ctypes.byref(err))
        if not ptr:
            raise_error(err)
        return N.take_text(ptr)

    def figure(self, parties: Optional[Sequence[str]] = None) -> Any:
        """A matplotlib Figure of two parties' utilities (ImportError without matplotlib); see parley.plot."""
        from .plot import scenario_figure
        return scenario_figure(self, parties)

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

    def improve(self, agreement: Outcome, *, limit: int = 10) -> Dict[str, Any]:
        """The packages every party strictly prefers to a signed `agreement`: `parley propose --improve --json`.

        Post-settlement settlement (Raiffa 1985; docs/diagnose.md, "Improving a signed deal").  `agreement`
        gives every issue ({issue: label or number}, or value indices).  Returns the CLI's dict
        ``{"improvements": [{"package", "utilities": {party: {"before", "after"}}}, ...], "exhaustive",
        "found", "method"}``: at most `limit` (1..100000, ``--limit``) improvements, closest to their Nash
        point first; ``exhaustive`` is False when the space was too large to enumerate and was searched (then
        an empty list means none was found, not that none exists); ``found`` counts the improvements in all
        and ``method`` says how the candidates were found.
        """
        if not 1 <= limit <= 100000:
            raise ValueError(f"limit must be in 1..100000, got {limit}")
        values = self.space.array(agreement)
        opts = N.ImproveOptions(limit=limit)
        handle = ctypes.c_void_p()
        err = N.CError()
        check(N.lib.parley_improve(self._handle, values, ctypes.byref(opts), ctypes.byref(handle),
                                   ctypes.byref(err)), err)
        try:
            return json_result(N.lib.parley_improvements_json(handle, self._handle, ctypes.byref(err)), err)
        finally:
            N.lib.parley_improvements_free(handle)

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
