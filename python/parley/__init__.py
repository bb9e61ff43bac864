"""parley: the negotiation engine libparley from Python.

    import parley
    talks = parley.load("examples/ceasefire.json")
    talks.analyze()["acceptable"]          # the same dict as `parley analyze --json`
    talks.diagnose()                       # `parley diagnose --json`
    trace = parley.negotiate(talks, agents=[MyAgent(), "boulware"])

Functions: load, Scenario.from_dict / build, Scenario.analyze / diagnose / propose / improve / utility / save / svg,
conflict, negotiate, Negotiation (stepped), tournament (with Python agents, progress), builtin_agents.
Objects: Issue, Party, Utility (u(outcome)), State.  Agents in Python subclass parley.Agent.  Errors are parley.Error subclasses
carrying file, line, column, JSON path and message.  docs/python.md walks through an example.
"""
from . import _native
from .agent import Accept, Agent, Amend, Offer, Reject, View, WalkAway
from .core import Scenario, conflict, load
from .model import Issue, Party, Utility, linear, piecewise, steps
from .errors import (Error, FileError, InputError, InternalError, NotFoundError, OutOfMemoryError, PermissionDenied,
                     RangeError, StateError)
from .negotiate import Trace, TournamentRows, builtin_agents, negotiate, tournament
from .session import Negotiation, State

__version__ = _native.lib.parley_version().decode("ascii")

__all__ = ["Accept", "Agent", "Amend", "Error", "FileError", "InputError", "InternalError", "Issue",
           "Negotiation", "NotFoundError", "Offer", "OutOfMemoryError", "Party", "PermissionDenied", "RangeError",
           "Reject", "Scenario", "State", "StateError", "TournamentRows", "Trace", "Utility", "View", "WalkAway",
           "builtin_agents", "conflict", "linear", "load", "negotiate", "piecewise", "steps", "tournament"]
