"""seat: a Python agent seated at live talks by ``parley serve`` (docs/api.md, "Agents at the table").

The server runs ``python3 -m parley.seat DIR/NAME.py`` for each answer: this module reads the request of
``include/parley/live.h`` on standard input (the party's own view of the scenario, the texts tabled so far and
its own answers), loads the agent from the file (its one subclass of :class:`parley.Agent`), lets it answer the
last text through the C engine (``respond(view, "respond")``, the view as in :func:`parley.negotiate`) and
writes ``{"ok": answer}`` (the body of an API response) or ``{"error": message}`` on standard output; its exit
status is 3 when the agent ran out of memory (the server's memory budget of an agent).
"""
from __future__ import annotations

import ctypes
import importlib.util
import inspect
import json
import sys
from typing import List, Optional

from . import _native as N
from .agent import Agent, Bridge


def load_agent(path: str) -> Agent:
    """The agent the file defines: an instance of its one subclass of parley.Agent."""
    spec = importlib.util.spec_from_file_location("parley_seated_agent", path)
    if spec is None or spec.loader is None:
        raise ValueError(f"{path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = [c for c in vars(module).values()
             if inspect.isclass(c) and issubclass(c, Agent) and c is not Agent and c.__module__ == module.__name__]
    if len(found) != 1:
        raise ValueError(f"{path}: defines {len(found)} subclasses of parley.Agent (one expected)")
    return found[0]()


#: The exit status that tells the server the agent ran out of its memory budget (docs/api.md).
MEMORY_EXIT = 3


def answer(request: str, agent: Agent, errors: Optional[List[BaseException]] = None) -> dict:
    """The agent's answer to the request's last text, as {"ok": ...} or {"error": ...}; the exception the agent
    raised, if any, is appended to errors."""
    bridge = Bridge(agent)
    out = ctypes.c_void_p()
    err = N.CError()
    rc = N.lib.parley_live_answer(request.encode("utf-8"), ctypes.byref(bridge.vtable), ctypes.byref(out),
                                  ctypes.byref(err))
    if bridge.error is not None:
        if errors is not None:
            errors.append(bridge.error)
        return {"error": f"python agent: {bridge.error!r}"}
    if rc != 0:
        return {"error": err.message.decode("utf-8", "replace")}
    return {"ok": json.loads(N.take_text(out.value))}


def main(argv: List[str]) -> int:
    if len(argv) != 2:
        print("usage: python3 -m parley.seat AGENT.py < request.json", file=sys.stderr)
        return 2
    request = sys.stdin.read()
    out_of_memory = False
    try:
        agent = load_agent(argv[1])
        bridge_error: List[BaseException] = []
        result = answer(request, agent, bridge_error)
        out_of_memory = any(isinstance(e, MemoryError) for e in bridge_error)
    except MemoryError:
        out_of_memory = True
        result = {"error": "out of memory"}
    except Exception as exc:  # the agent's file: reported as the agent's error
        result = {"error": f"python agent: {exc!r}"}
    sys.stdout.write(json.dumps(result))
    sys.stdout.flush()
    return MEMORY_EXIT if out_of_memory else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
