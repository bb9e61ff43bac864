"""negotiate: negotiations between built-in, plug-in and Python agents, and tournaments."""
from __future__ import annotations

import ctypes
import csv
import io
import itertools
import json
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

from . import _native as N
from .agent import Agent, Bridge
from .core import PathLike, Scenario, check, json_result, load, raise_error

Progress = Callable[[int, int], None]  # (negotiations played, total)

AgentLike = Union[str, Agent]
ScenarioLike = Union[Scenario, PathLike, Sequence[PathLike]]


def _scenario(s: ScenarioLike) -> Scenario:
    return s if isinstance(s, Scenario) else load(s)


def _config(cfg: N.SessionConfig, protocol: str, rounds: int, seconds: float, seed: int, annealing: bool,
            sessions: int, venues: Optional[Sequence[str]], keep: List[Any]) -> None:
    kind = N.lib.parley_protocol_from_name(protocol.encode("utf-8"))
    if kind < 0:
        raise ValueError(f"unknown protocol {protocol!r}; expected alternating, single-text or shuttle")
    cfg.protocol, cfg.rounds, cfg.seconds, cfg.seed = kind, rounds, seconds, seed
    cfg.annealing, cfg.sessions = int(annealing), sessions
    if venues:
        array = (ctypes.c_char_p * len(venues))(*[v.encode("utf-8") for v in venues])
        keep.append(array)
        cfg.venues, cfg.venue_count = ctypes.cast(array, ctypes.POINTER(ctypes.c_char_p)), len(venues)


class Trace(list):
    """A negotiation's events (dicts, as `parley negotiate --trace` writes them, one per event).

    ``outcome`` holds the result as `parley negotiate --json` prints it (agreement, package, utilities, ...);
    ``svg`` the drawing of `parley negotiate --plot` when negotiate() was asked for it (``svg=True``).
    """
    outcome: Dict[str, Any]
    svg: Optional[str] = None

    def figure(self, scenario: ScenarioLike) -> Any:
        """A matplotlib Figure: each party's utility of every offer over the rounds (see parley.plot)."""
        from .plot import trace_figure
        return trace_figure(self, _scenario(scenario))


def negotiate(scenario: ScenarioLike, agents: Sequence[AgentLike], *, protocol: str = "alternating",
              rounds: int = 100, seconds: float = 0.0, seed: int = 1, annealing: bool = False, sessions: int = 0,
              venues: Optional[Sequence[str]] = None, events: bool = True, svg: bool = False) -> Trace:
    """Runs one negotiation and returns its trace.

    Args:
        scenario: a Scenario, or what parley.load takes.
        agents: one per negotiating party, in scenario order: a built-in spec ("boulware", "conceder:e=2"),
            a plug-in path ("./libmine.so:x=1") or a parley.Agent instance.
        protocol: "alternating", "single-text" or "shuttle".
        rounds, seconds: deadlines (0: none; at least one must be set).
        seed: seeds every agent's random stream; runs are deterministic for a seed when seconds is 0.
        annealing, sessions, venues: as the CLI's --annealing, --sessions, --venues.
        events: False leaves the trace empty (only ``outcome`` is filled): faster for many runs.
        svg: also draw the negotiation as `parley negotiate --plot` does, into ``trace.svg``.
    Raises:
        parley.Error for bad input; the Python agent's own exception when one raised in a callback.
    """
    sc = _scenario(scenario)
    keep: List[Any] = []
    cfg = N.SessionConfig()
    N.lib.parley_session_config_init(ctypes.byref(cfg))
    _config(cfg, protocol, rounds, seconds, seed, annealing, sessions, venues, keep)
    err = N.CError()
    neg = ctypes.c_void_p()
    plugins: List[ctypes.c_void_p] = []
    bridges: List[Bridge] = []
    check(N.lib.parley_negotiation_new(sc._handle, ctypes.byref(cfg), ctypes.byref(neg), ctypes.byref(err)), err)
    try:
        for agent in agents:
            if isinstance(agent, Agent):
                bridge = Bridge(agent)
                bridges.append(bridge)
                rc = N.lib.parley_negotiation_add_agent(neg, ctypes.byref(bridge.vtable), b"", ctypes.byref(err))
                if rc != 0 and bridge.error is not None:
                    raise bridge.error
            elif isinstance(agent, str):
                rc = _add_spec(neg, agent, plugins, err)
            else:
                raise TypeError(f"an agent is a spec string or a parley.Agent, not {agent!r}")
            check(rc, err)
        rc = N.lib.parley_negotiation_run(neg, ctypes.byref(err))
        failed = next((b.error for b in bridges if b.error is not None), None)
        if failed is not None:
            raise failed
        check(rc, err)
        trace = Trace()
        if events:
            text = N.take_text(_text(N.lib.parley_trace_json(neg, ctypes.byref(err)), err))
            trace.extend(json.loads(line) for line in text.splitlines() if line)
        trace.outcome = json_result(N.lib.parley_negotiation_json(neg, ctypes.byref(err)), err)
        if svg:
            trace.svg = N.take_text(_text(N.lib.parley_negotiation_svg(neg, sc._handle, ctypes.byref(err)), err))
        return trace
    finally:
        N.lib.parley_negotiation_free(neg)
        for p in plugins:
            N.lib.parley_agent_plugin_close(p)


def _text(ptr: Optional[int], err: N.CError) -> int:
    if not ptr:
        raise_error(err)
    return ptr


def _add_spec(neg: ctypes.c_void_p, spec: str, plugins: List[ctypes.c_void_p], err: N.CError) -> int:
    raw = spec.encode("utf-8")
    name = ctypes.create_string_buffer(4096)
    params = ctypes.c_char_p()
    rc = N.lib.parley_agent_spec_split(raw, name, len(name), ctypes.byref(params), ctypes.byref(err))
    if rc != 0 or not N.lib.parley_agent_spec_is_plugin(name.value):
        return rc or N.lib.parley_negotiation_add_agent_spec(neg, raw, ctypes.byref(err))
    plugin = ctypes.c_void_p()
    if (rc := N.lib.parley_agent_plugin_load(name.value, ctypes.byref(plugin), ctypes.byref(err))) != 0:
        return rc
    plugins.append(plugin)
    vt = ctypes.cast(N.lib.parley_agent_plugin_vtable(plugin), ctypes.POINTER(N.Vtable))
    return N.lib.parley_negotiation_add_agent(neg, vt, params.value, ctypes.byref(err))


class TournamentRows(list):
    """A tournament's runs: one dict per negotiation, as in `parley tournament --json`'s "runs".

    ``scores`` is its per-agent "scores", ``summary`` the whole JSON document, ``csv_rows`` the rows of
    ``--csv`` (flat strings); :meth:`flat` gives flat rows (lists spread over numbered columns) and
    :meth:`to_pandas` a DataFrame of them when pandas is installed; ``stats`` the statistics of
    ``--json --stats`` when asked for (``stats=True``), else None; ``svg`` the drawing of ``--plot``.
    """
    scores: List[Dict[str, Any]]
    summary: Dict[str, Any]
    csv_rows: List[Dict[str, str]]
    stats: Optional[Dict[str, Any]]
    svg: str

    def flat(self) -> List[Dict[str, Any]]:
        """Rows with scalar values only: "agents": [a, b] becomes "agents_0", "agents_1", and so on."""
        rows = []
        for run in self:
            row: Dict[str, Any] = {}
            for key, value in run.items():
                if isinstance(value, list):
                    row.update({f"{key}_{k}": v for k, v in enumerate(value)})
                else:
                    row[key] = value
            rows.append(row)
        return rows

    def to_pandas(self) -> Any:
        """A pandas.DataFrame of :meth:`flat` (ImportError when pandas is not installed)."""
        import pandas  # type: ignore[import-not-found]
        return pandas.DataFrame(self.flat())

    def figure(self) -> Any:
        """A matplotlib Figure: each agent's discounted utility (box plot) and agreement rate (see parley.plot)."""
        from .plot import tournament_figure
        return tournament_figure(self)


class _Players:
    """A tournament's agents as the C configuration takes them: specs, and vtables for Python agents and
    plug-ins (loaded here, closed by close())."""

    def __init__(self, agents: Sequence[AgentLike]) -> None:
        self.bridges: List[Optional[Bridge]] = []
        self.plugins: List[ctypes.c_void_p] = []
        specs, vtables = [], []
        for agent in agents:
            vtable = None
            if isinstance(agent, Agent):
                bridge = Bridge(agent, copies=True)
                self.bridges.append(bridge)
                specs.append(str(getattr(agent, "name", type(agent).__name__)))
                vtable = ctypes.addressof(bridge.vtable)
            elif isinstance(agent, str):
                self.bridges.append(None)
                specs.append(agent)
                vtable = self._plugin(agent)
            else:
                self.close()
                raise TypeError(f"an agent is a spec string or a parley.Agent, not {agent!r}")
            vtables.append(vtable)
        self.specs = (ctypes.c_char_p * len(specs))(*[a.encode("utf-8") for a in specs])
        self.vtables = (ctypes.c_void_p * len(specs))(*vtables)
        self.custom = any(v is not None for v in vtables)

    def _plugin(self, spec: str) -> Optional[int]:
        """The vtable of a plug-in spec ("./libmine.so:x=1"), None for a built-in name."""
        err = N.CError()
        name = ctypes.create_string_buffer(4096)
        params = ctypes.c_char_p()
        if N.lib.parley_agent_spec_split(spec.encode("utf-8"), name, len(name), ctypes.byref(params),
                                         ctypes.byref(err)) != 0 or not N.lib.parley_agent_spec_is_plugin(name.value):
            return None  # the tournament reports a bad spec
        plugin = ctypes.c_void_p()
        rc = N.lib.parley_agent_plugin_load(name.value, ctypes.byref(plugin), ctypes.byref(err))
        if rc != 0:
            self.close()
            check(rc, err)
        self.plugins.append(plugin)
        return N.lib.parley_agent_plugin_vtable(plugin)

    def configure(self, cfg: N.TournamentConfig) -> None:
        cfg.agents, cfg.agent_count = ctypes.cast(self.specs, ctypes.POINTER(ctypes.c_char_p)), len(self.specs)
        if self.custom:
            cfg.agent_vtables = ctypes.cast(self.vtables, ctypes.POINTER(ctypes.c_void_p))

    def close(self) -> None:
        """Closes the plug-ins (after the last negotiation using them is freed)."""
        for p in self.plugins:
            N.lib.parley_agent_plugin_close(p)
        self.plugins = []

    def raise_failure(self) -> None:
        """Raises the first exception a Python agent raised, if any did."""
        failed = next((b.error for b in self.bridges if b is not None and b.error is not None), None)
        if failed is not None:
            raise failed


class _Reporter:
    """Calls a Python progress function from the tournament's threads; its exception is raised at the end."""

    def __init__(self, fn: Progress) -> None:
        self.fn = fn
        self.error: Optional[BaseException] = None
        self.c = N.PROGRESS(self._call)

    def _call(self, user: Any, done: float, total: float, what: bytes) -> None:
        if self.error is None:
            try:
                self.fn(int(done), int(total))
            except BaseException as exc:  # cannot cross the C frames: kept, raised after the run
                self.error = exc


def tournament(scenarios: Sequence[ScenarioLike], agents: Sequence[AgentLike], *, protocol: str = "alternating",
               rounds: int = 100, seed: int = 1, repeats: int = 1, self_play: bool = False,
               threads: int = 0, stats: bool = False, bootstrap: int = 1000,
               progress: Optional[Progress] = None) -> TournamentRows:
    """Every ordered assignment of the agents to the parties of every scenario, in parallel.

    Args:
        scenarios: Scenarios, or what parley.load takes.
        agents: built-in specs ("boulware", "conceder:e=2"), plug-in paths ("./libmine.so:x=1") and
            parley.Agent instances; each negotiation
            plays a deep copy of a Python agent (several run at once, on the tournament's threads).  A
            Python agent is named by its ``name`` in the results.
        progress: called as progress(done, total) with the negotiations played so far, from the
            tournament's threads, at most about ten times a second and once at the end.
    Returns the runs as rows (see TournamentRows); the same as `parley tournament --json`.  With stats=True,
    rows.stats (and rows.summary["stats"]) holds the statistics of `parley tournament --json --stats`: cell
    bootstrap intervals (`bootstrap` resamples), Welch p-values on cell means and the meta-game, whose diagonal
    comes from each agent's games against itself (played apart when self_play is False).
    """
    scs = [_scenario(s) for s in scenarios]
    if not scs:
        raise ValueError("a tournament needs at least one scenario")
    keep: List[Any] = []
    cfg = N.TournamentConfig()
    N.lib.parley_tournament_config_init(ctypes.byref(cfg))
    _config(cfg.session, protocol, rounds, 0.0, seed, False, 0, None, keep)
    players = _Players(agents)
    try:
        return _play(scs, cfg, players, self_play, repeats, threads, stats, bootstrap, seed, progress)
    finally:
        players.close()


def _play(scs: List[Scenario], cfg: N.TournamentConfig, players: _Players, self_play: bool, repeats: int,
          threads: int, stats: bool, bootstrap: int, seed: int, progress: Optional[Progress]) -> TournamentRows:
    """Runs a configured tournament and reads its results (see tournament)."""
    players.configure(cfg)
    cfg.repeats, cfg.self_play, cfg.threads = repeats, int(self_play), threads
    reporter = _Reporter(progress) if progress else None
    if reporter:
        cfg.progress = ctypes.cast(reporter.c, ctypes.c_void_p)
    handles = (ctypes.c_void_p * len(scs))(*[s._handle.value for s in scs])
    t = ctypes.c_void_p()
    err = N.CError()
    rc = N.lib.parley_tournament_run_all(handles, len(scs), ctypes.byref(cfg), ctypes.byref(t), ctypes.byref(err))
    players.raise_failure()
    check(rc, err)
    try:
        summary = json_result(N.lib.parley_tournament_json(t, ctypes.byref(err)), err)
        if stats:
            cfg.progress = None
            try:
                summary["stats"] = _tournament_stats(t, handles, len(scs), cfg, bootstrap, seed)
            finally:  # a Python agent's own exception in the self-play games, not the library's "agent failed"
                players.raise_failure()
        text = N.take_text(_text(N.lib.parley_tournament_csv(t, ctypes.byref(err)), err))
        svg = N.take_text(_text(N.lib.parley_tournament_svg(t, ctypes.byref(err)), err))
    finally:
        N.lib.parley_tournament_free(t)
    if reporter and reporter.error is not None:
        raise reporter.error
    rows = TournamentRows(summary.get("runs", []))
    rows.scores, rows.summary = summary.get("scores", []), summary
    rows.stats = summary.get("stats")
    rows.csv_rows = list(csv.DictReader(io.StringIO(text)))
    rows.svg = svg
    return rows


def _tournament_stats(t: Any, handles: Any, count: int, cfg: Any, bootstrap: int, seed: int) -> Any:
    """The statistics of a finished tournament as a dict (see tournament)."""
    err = N.CError()
    self_payoff = None
    if not cfg.self_play:
        self_payoff = (ctypes.c_double * cfg.agent_count)()
        check(N.lib.parley_tournament_self_play_payoffs(handles, count, ctypes.byref(cfg), self_payoff,
                                                         ctypes.byref(err)), err)
    return json_result(N.lib.parley_tournament_stats_json(t, bootstrap, seed, self_payoff, ctypes.byref(err)), err)


def builtin_agents() -> List[str]:
    """The built-in agents' names."""
    names = N.lib.parley_agent_builtin_names()
    out = []
    for i in itertools.count():
        if not names[i]:
            return out
        out.append(names[i].decode("utf-8"))
    return out
