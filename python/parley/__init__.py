"""parley: the negotiation engine libparley from Python.

    import parley
    talks = parley.load("examples/ceasefire.json")
    talks.analyze()["acceptable"]          # the same dict as `parley analyze --json`
    talks.diagnose()                       # `parley diagnose --json`
    trace = parley.negotiate(talks, agents=[MyAgent(), "boulware"])

Functions: load, Scenario.from_dict, Scenario.analyze / diagnose / propose, conflict, negotiate,
tournament, builtin_agents.  Agents in Python subclass parley.Agent.  Errors are parley.Error subclasses
carrying file, line, column, JSON path and message.  docs/python.md walks through an example.
"""
from . import _native
from .agent import Accept, Agent, Amend, Offer, Reject, View, WalkAway
from .core import Scenario, conflict, load
from .errors import (Error, FileError, InputError, InternalError, NotFoundError, OutOfMemoryError, PermissionDenied,
                     RangeError, StateError)
from .negotiate import Trace, TournamentRows, builtin_agents, negotiate, tournament

__version__ = _native.lib.parley_version().decode("ascii")

__all__ = ["Accept", "Agent", "Amend", "Error", "FileError", "InputError", "InternalError", "NotFoundError",
           "Offer", "OutOfMemoryError", "PermissionDenied", "RangeError", "Reject", "Scenario", "StateError",
           "TournamentRows", "Trace", "View", "WalkAway", "builtin_agents", "conflict", "load", "negotiate",
           "tournament"]
