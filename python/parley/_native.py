"""_native: loads libparley.so with ctypes and declares the C functions the package calls.

The library is looked up, in order: $PARLEY_LIBRARY; a copy next to this file
(``make python`` puts one there); the build folder of the source tree this
package lives in (``build/libparley.so``); the system's libparley.so.0 (after
``make install``).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
from ctypes import (POINTER, Structure, c_char, c_char_p, c_double, c_int, c_long, c_size_t, c_uint, c_uint32,
                    c_uint64, c_void_p)
from pathlib import Path
from typing import List

SONAME = "libparley.so.0"


def _candidates() -> List[str]:
    here = Path(__file__).resolve().parent
    found = []
    env = os.environ.get("PARLEY_LIBRARY")
    if env:
        found.append(env)
    found += [str(here / SONAME), str(here / "libparley.so")]
    source_build = here.parent.parent / "build" / "libparley.so"
    found.append(str(source_build))
    system = ctypes.util.find_library("parley")
    found.append(system or SONAME)
    return found


def _load() -> ctypes.CDLL:
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(path + " (missing)")
            continue
        try:
            # RTLD_GLOBAL: plug-in agents (.so) resolve parley_view_* from the loaded library.
            return ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
        except OSError as exc:
            tried.append(f"{path} ({exc})")
    raise ImportError("parley: libparley.so not found; build it (make python) or set PARLEY_LIBRARY. Tried: "
                      + "; ".join(tried))


lib = _load()


class CError(Structure):
    """struct parley_error (parley/error.h)."""
    _fields_ = [("code", c_int), ("file", c_char * 256), ("line", c_int), ("column", c_int),
                ("path", c_char * 256), ("message", c_char * 768)]


class AnalysisOptions(Structure):
    """struct parley_analysis_options (parley/analysis.h)."""
    _fields_ = [("threads", c_uint), ("time", c_double), ("use_guarantee", c_int), ("guarantee", c_double),
                ("first", c_uint64), ("count", c_uint64),  # a part of the space; 0, 0 = all
                ("progress", c_void_p), ("progress_user", c_void_p), ("plot_bins", c_uint),  # left 0
                ("method", c_int)]  # parley_analysis_method: 0 = auto


class ApproxOptions(Structure):
    """struct parley_approx_options (parley/approx.h)."""
    _fields_ = [("threads", c_uint), ("time", c_double), ("seed", c_uint64), ("evaluations", c_uint64),
                ("samples", c_uint64), ("progress", c_void_p), ("progress_user", c_void_p),  # progress: left NULL
                ("search_only", c_int)]


class GmcrOptions(Structure):
    """struct parley_gmcr_options (parley/gmcr.h)."""
    _fields_ = [("notions", c_uint), ("threads", c_uint), ("horizon", c_uint),
                ("progress", c_void_p), ("progress_user", c_void_p)]  # progress: left NULL


class ImproveOptions(Structure):
    """struct parley_improve_options (parley/improve.h)."""
    _fields_ = [("limit", c_size_t), ("max_enumerate", c_uint64), ("evaluations", c_uint64),  # 0: defaults
                ("threads", c_uint)]


class SessionConfig(Structure):
    """struct parley_session_config (parley/protocol.h)."""
    _fields_ = [("protocol", c_int), ("rounds", c_long), ("seconds", c_double), ("seed", c_uint64),
                ("annealing", c_int), ("sessions", c_size_t), ("venues", POINTER(c_char_p)),
                ("venue_count", c_size_t), ("clock", c_int)]


class TournamentConfig(Structure):
    """struct parley_tournament_config (parley/tournament.h)."""
    _fields_ = [("session", SessionConfig), ("agents", POINTER(c_char_p)), ("agent_count", c_size_t),
                ("repeats", c_uint), ("self_play", c_int), ("threads", c_uint),
                ("claim", c_void_p), ("done", c_void_p), ("user", c_void_p),  # distribution: left NULL
                ("model", c_char_p), ("model_samples", c_size_t),  # opponent-model accuracy
                ("uncertain_bids", c_size_t), ("uncertain_parties", ctypes.c_uint64),  # preference uncertainty
                ("uncertain_estimator", c_int), ("uncertain_elicit", c_size_t), ("uncertain_cost", c_double),
                ("progress", c_void_p), ("progress_user", c_void_p),  # a PROGRESS callback, or NULL
                ("agent_vtables", POINTER(c_void_p))]  # per agent: a Vtable (Python agents) or NULL (built-in)


REASON_MAX = 160


class Change(Structure):
    """struct parley_change (parley/agent.h)."""
    _fields_ = [("issue", c_uint32), ("value", c_uint32), ("reason", c_char * REASON_MAX)]


class Event(Structure):
    """struct parley_event (parley/agent.h)."""
    _fields_ = [("kind", c_int), ("round", c_long), ("time", c_double), ("party", c_long), ("to", c_long),
                ("outcome", POINTER(c_uint32)), ("changes", POINTER(Change)), ("change_count", c_size_t),
                ("vote", c_int), ("session", c_long), ("venue", c_char_p), ("detail", c_char_p)]


class Action(Structure):
    """struct parley_action (parley/agent.h)."""
    _fields_ = [("kind", c_int), ("outcome", POINTER(c_uint32)), ("changes", POINTER(Change)),
                ("change_count", c_size_t), ("change_capacity", c_size_t)]


CREATE = ctypes.CFUNCTYPE(c_int, c_void_p, c_char_p, POINTER(c_void_p), POINTER(CError))
DESTROY = ctypes.CFUNCTYPE(None, c_void_p)
ACT = ctypes.CFUNCTYPE(c_int, c_void_p, c_void_p, c_int, POINTER(Action))


class Vtable(Structure):
    """struct parley_agent_vtable (parley/agent.h)."""
    _fields_ = [("abi", c_uint32), ("name", c_char_p), ("description", c_char_p), ("create", CREATE),
                ("destroy", DESTROY), ("act", ACT)]


PROGRESS = ctypes.CFUNCTYPE(None, c_void_p, c_double, c_double, c_char_p)  # parley_progress_fn
WARN = ctypes.CFUNCTYPE(None, c_void_p, c_char_p)  # parley_warn_fn

AGENT_ABI = 1
ERR = POINTER(CError)
P = c_void_p
PP = POINTER(c_void_p)
U32P = POINTER(c_uint32)

# name: (restype, argtypes).  Strings the library allocates come back as c_void_p and are freed with parley_free.
_PROTOTYPES = {
    "parley_version": (c_char_p, []),
    "parley_error_format": (c_char_p, [ERR, c_char_p, c_size_t]),
    "parley_free": (None, [P]),
    "parley_struct_size": (c_size_t, [c_char_p]),
    "parley_scenario_load_files": (c_int, [POINTER(c_char_p), c_size_t, PP, ERR]),
    "parley_scenario_parse": (c_int, [c_char_p, c_size_t, c_char_p, PP, ERR]),
    "parley_scenario_free": (None, [P]),
    "parley_scenario_title": (c_char_p, [P]),
    "parley_scenario_space": (P, [P]),
    "parley_scenario_negotiator_count": (c_size_t, [P]),
    "parley_scenario_negotiator": (c_size_t, [P, c_size_t]),
    "parley_party_name": (c_char_p, [P, c_size_t]),
    "parley_scenario_json": (P, [P, ERR]),
    "parley_analyze_json": (P, [P, POINTER(AnalysisOptions), POINTER(ApproxOptions), c_int, c_int, ERR]),
    "parley_diagnose_json": (P, [P, POINTER(AnalysisOptions), ERR]),
    "parley_propose_json": (P, [P, c_int, POINTER(AnalysisOptions), ERR]),
    "parley_improve": (c_int, [P, U32P, POINTER(ImproveOptions), PP, ERR]),
    "parley_improvements_free": (None, [P]),
    "parley_improvements_json": (P, [P, P, ERR]),
    "parley_gmcr_model_load": (c_int, [c_char_p, PP, ERR]),
    "parley_gmcr_model_parse": (c_int, [c_char_p, c_size_t, c_char_p, PP, ERR]),
    "parley_gmcr_model_free": (None, [P]),
    "parley_conflict_json": (P, [P, POINTER(GmcrOptions), c_char_p, c_int, ERR]),
    "parley_protocol_from_name": (c_int, [c_char_p]),
    "parley_session_config_init": (None, [POINTER(SessionConfig)]),
    "parley_negotiation_new": (c_int, [P, POINTER(SessionConfig), PP, ERR]),
    "parley_negotiation_free": (None, [P]),
    "parley_negotiation_add_agent": (c_int, [P, POINTER(Vtable), c_char_p, ERR]),
    "parley_negotiation_add_agent_spec": (c_int, [P, c_char_p, ERR]),
    "parley_negotiation_run": (c_int, [P, ERR]),
    "parley_negotiation_offer_count": (c_uint64, [P]),
    "parley_trace_json": (P, [P, ERR]),
    "parley_negotiation_json": (P, [P, ERR]),
    "parley_agent_spec_split": (c_int, [c_char_p, c_char_p, c_size_t, POINTER(c_char_p), ERR]),
    "parley_agent_spec_is_plugin": (c_int, [c_char_p]),
    "parley_agent_plugin_load": (c_int, [c_char_p, PP, ERR]),
    "parley_agent_plugin_vtable": (P, [P]),
    "parley_agent_plugin_close": (None, [P]),
    "parley_agent_builtin_names": (POINTER(c_char_p), []),
    "parley_live_answer": (c_int, [c_char_p, POINTER(Vtable), PP, ERR]),
    "parley_tournament_config_init": (None, [POINTER(TournamentConfig)]),
    "parley_tournament_run_all": (c_int, [POINTER(P), c_size_t, POINTER(TournamentConfig), PP, ERR]),
    "parley_tournament_free": (None, [P]),
    "parley_tournament_json": (P, [P, ERR]),
    "parley_tournament_csv": (P, [P, ERR]),
    "parley_tournament_stats_json": (P, [P, c_uint, ctypes.c_uint64, POINTER(c_double), ERR]),
    "parley_tournament_self_play_payoffs": (c_int, [POINTER(P), c_size_t, POINTER(TournamentConfig),
                                                    POINTER(c_double), ERR]),
    "parley_event_kind_name": (c_char_p, [c_int]),
    # files and plots (src/bind/output.c)
    "parley_scenario_format_text": (P, [P, c_char_p, c_long, WARN, c_void_p, ERR]),
    "parley_trace_event_json": (P, [P, c_size_t, ERR]),
    "parley_analysis_svg": (P, [P, POINTER(AnalysisOptions), ERR]),
    "parley_negotiation_svg": (P, [P, P, ERR]),
    "parley_tournament_svg": (P, [P, ERR]),
    "parley_negotiation_event_count": (c_size_t, [P]),
    "parley_negotiation_ending": (c_char_p, [P]),
    "parley_agent_builtin": (P, [c_char_p]),
    # the scenario's parties and preferences
    "parley_scenario_party_count": (c_size_t, [P]),
    "parley_party_role": (c_int, [P, c_size_t]),
    "parley_party_utility": (P, [P, c_size_t]),
    "parley_scenario_find_party": (c_long, [P, c_char_p]),
    "parley_scenario_red_lines_hold": (c_int, [P, c_size_t, U32P]),
    "parley_scenario_feasible": (c_int, [P, U32P]),
    "parley_scenario_value": (c_double, [P, c_size_t, U32P, c_double]),
    "parley_scenario_description": (c_char_p, [P]),
    "parley_utility_eval": (c_double, [P, U32P]),
    "parley_utility_reservation_at": (c_double, [P, c_double]),
    "parley_utility_discount": (c_double, [P]),
    "parley_utility_discounted": (c_double, [P, c_double, c_double]),
    "parley_utility_is_additive": (c_int, [P]),
    "parley_utility_weight": (c_double, [P, c_size_t]),
    "parley_utility_value": (c_double, [P, c_size_t, c_uint32]),
    "parley_space_size": (c_double, [P]),
    "parley_space_decode": (None, [P, c_uint64, U32P]),
    "parley_issue_description": (c_char_p, [P, c_size_t]),
    "parley_issue_min": (c_double, [P, c_size_t]),
    "parley_issue_max": (c_double, [P, c_size_t]),
    "parley_issue_step": (c_double, [P, c_size_t]),
    # the space, as an agent's view shows it
    "parley_space_issue_count": (c_size_t, [P]),
    "parley_issue_name": (c_char_p, [P, c_size_t]),
    "parley_issue_value_count": (c_uint32, [P, c_size_t]),
    "parley_issue_type_of": (c_int, [P, c_size_t]),
    "parley_issue_label": (c_char_p, [P, c_size_t, c_uint32]),
    "parley_issue_number": (c_double, [P, c_size_t, c_uint32]),
    "parley_issue_find_label": (c_long, [P, c_size_t, c_char_p]),
    "parley_issue_find_number": (c_long, [P, c_size_t, c_double]),
    # an agent's view (parley/agent.h)
    "parley_view_party": (c_size_t, [P]),
    "parley_view_party_name": (c_char_p, [P, c_size_t]),
    "parley_view_party_count": (c_size_t, [P]),
    "parley_view_space": (P, [P]),
    "parley_view_eval": (c_double, [P, U32P]),
    "parley_view_reservation": (c_double, [P]),
    "parley_view_red_lines_hold": (c_int, [P, U32P]),
    "parley_view_broken_red_line": (c_char_p, [P, U32P]),
    "parley_view_feasible": (c_int, [P, U32P]),
    "parley_view_round": (c_long, [P]),
    "parley_view_rounds": (c_long, [P]),
    "parley_view_time": (c_double, [P]),
    "parley_view_next_time": (c_double, [P]),
    "parley_view_temperature": (c_double, [P]),
    "parley_view_standing_offer": (U32P, [P, POINTER(c_long)]),
    "parley_view_text": (U32P, [P]),
    "parley_view_proposal": (U32P, [P]),
    "parley_view_event_count": (c_size_t, [P]),
    "parley_view_event": (c_int, [P, c_size_t, POINTER(Event)]),
    "parley_view_random": (c_double, [P]),
    "parley_view_outcome_at_least": (c_double, [P, c_double, U32P]),
    "parley_view_best_utility": (c_double, [P]),
    "parley_view_worst_utility": (c_double, [P]),
    "parley_view_outcome_count": (c_size_t, [P]),
    "parley_view_outcome_ranked": (c_double, [P, c_size_t, U32P]),
    "parley_view_outcome_around": (c_int, [P, c_double, U32P, POINTER(c_double), U32P, POINTER(c_double)]),
}

for _name, (_res, _args) in _PROTOTYPES.items():
    _fn = getattr(lib, _name)
    _fn.restype = _res
    _fn.argtypes = _args


# The structs mirrored above must be the library's size: a mismatch would corrupt memory, so refuse to load.
_MIRRORED = {"parley_error": CError, "parley_analysis_options": AnalysisOptions,
             "parley_approx_options": ApproxOptions, "parley_gmcr_options": GmcrOptions,
             "parley_session_config": SessionConfig, "parley_tournament_config": TournamentConfig,
             "parley_change": Change, "parley_event": Event, "parley_action": Action,
             "parley_agent_vtable": Vtable, "parley_improve_options": ImproveOptions}
_wrong = [f"{name} is {lib.parley_struct_size(name.encode())} bytes in {lib._name}, {ctypes.sizeof(cls)} here"
          for name, cls in _MIRRORED.items() if lib.parley_struct_size(name.encode()) != ctypes.sizeof(cls)]
if _wrong:
    raise ImportError("parley: this Python package does not match its libparley: " + "; ".join(_wrong))


def take_text(ptr: int) -> str:
    """The text of a string the library allocated, which it then frees."""
    try:
        return ctypes.string_at(ptr).decode("utf-8")
    finally:
        lib.parley_free(ptr)
