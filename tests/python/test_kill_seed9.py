"""test_kill_seed9: behaviours of the Python package that the seed-9 sample of generated mutants (60 sites of
python/parley, tests/mutants/report-py.md) showed no test pinned, and the options, tables and messages of the
package read for the same gaps.  Every value is stated by hand (from the docs, the C headers or arithmetic) or
comes from an independent path (the CLI's --json for the same input, a subprocess loading a copy of the package).
"""
import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import SOURCE, cli_json


def package_copy(tmp_path, edit=None):
    """A copy of python/parley as tmp_path/python/parley (no library beside it, no build folder in tmp_path),
    with `edit` (old, new) applied to its _native.py; returns the folder to put on PYTHONPATH."""
    shutil.copytree(SOURCE / "python" / "parley", tmp_path / "python" / "parley",
                    ignore=shutil.ignore_patterns("__pycache__", "libparley.so*"))
    if edit:
        native = tmp_path / "python" / "parley" / "_native.py"
        text = native.read_text()
        assert text.count(edit[0]) == 1
        native.write_text(text.replace(edit[0], edit[1]))
    return tmp_path / "python"


def import_error(path, library):
    """The last line of what `import parley` prints on stderr, from the package at path over `library`."""
    env = dict(os.environ, PYTHONPATH=str(path), PARLEY_LIBRARY=str(library), PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([sys.executable, "-c", "import parley"], capture_output=True, text=True, env=env,
                          cwd=path, timeout=120)
    assert proc.returncode == 1, proc.stderr
    return proc.stderr.strip().splitlines()[-1]


# --- _native: finding and checking the library ---------------------------------------------------------------

def test_import_error_lists_every_candidate_and_why(tmp_path):
    """When no library loads, ImportError names each place tried in the documented order ($PARLEY_LIBRARY, a copy
    next to the package as libparley.so.0 and libparley.so, the source tree's build/libparley.so, the system's),
    a missing file as "(missing)" and a file that is not a library with the loader's reason (a mutant dropped the
    reason's entry)."""
    import ctypes.util
    if ctypes.util.find_library("parley"):
        pytest.skip("a system libparley.so.0 would load")
    path = package_copy(tmp_path)
    bad = tmp_path / "not-a-library.so"
    bad.write_text("not ELF\n")
    line = import_error(path, bad)
    head = "ImportError: parley: libparley.so not found; build it (make python) or set PARLEY_LIBRARY. Tried: "
    assert line.startswith(head)
    tried = line[len(head):].split("; ")
    assert len(tried) == 5
    assert tried[0].startswith(f"{bad} (") and "missing" not in tried[0] and bad.name in tried[0][len(str(bad)):]
    here = path / "parley"
    assert tried[1:4] == [f"{here / 'libparley.so.0'} (missing)", f"{here / 'libparley.so'} (missing)",
                          f"{tmp_path / 'build' / 'libparley.so'} (missing)"]
    assert tried[4].startswith("libparley.so.0 (libparley.so.0: cannot open shared object file")


def test_a_struct_of_another_size_refuses_to_load(tmp_path):
    """The package refuses a library whose structs differ from its mirrors: a copy whose parley_change holds a
    161-byte reason (the header says 160) is 4 + 4 + 161 = 169 bytes, 172 with the alignment of its uint32
    members, against the library's 4 + 4 + 160 = 168 (a mutant skipped the check and would corrupt memory)."""
    path = package_copy(tmp_path, ("REASON_MAX = 160", "REASON_MAX = 161"))
    line = import_error(path, os.environ["PARLEY_LIBRARY"])
    assert line.startswith("ImportError: parley: this Python package does not match its libparley: ")
    assert line.endswith("parley_change is 168 bytes in %s, 172 here" % os.environ["PARLEY_LIBRARY"])


# --- plot: what the figures draw (a stand-in matplotlib records the calls: conftest's `drawn`) ----------------

TEXTBOOK = SOURCE / "examples" / "textbook-buyer-seller.json"
# The textbook by hand: Buyer 0.6 (1 - price/2) + 0.4 [red], Seller 0.7 price/2 + 0.3 [blue], both reserve 0.2,
# the Seller's red line price >= 1.  Acceptable: (1, red) B 0.7 S 0.35, (1, blue) B 0.3 S 0.65, (2, red) B 0.4
# S 0.7; the Pareto frontier of those is (1, red) and (2, red), and every bargaining solution is (2, red) (Nash
# product 0.2 * 0.5 = 0.1 against 0.5 * 0.15, welfare 1.1 against 1.05, the smaller gain 0.2 against 0.15).


def test_scenario_figure_draws_the_frontier_and_solutions(parley, drawn):
    """With the parties given as Seller, Buyer: the frontier's points are (Seller, Buyer) utilities sorted, a
    dashed grey line at each reservation, one star (marker size 12) per solution, the title, the legend at the
    lower left."""
    sc = parley.load(TEXTBOOK)
    sc.figure(["Seller", "Buyer"])
    (axes,) = drawn["axes"]
    (frontier, *stars) = axes["plot"]
    assert frontier[0][0] == pytest.approx([0.35, 0.7]) and frontier[0][1] == pytest.approx([0.7, 0.4])
    assert frontier[0][2:] == ("o-",) and frontier[1] == {"label": "Pareto frontier"}
    assert [s[1] for s in stars] == [{"markersize": 12, "label": rule}
                                     for rule in ("nash", "kalai", "egalitarian", "welfare")]
    assert all(s[0][:2] == pytest.approx((0.7, 0.4)) and s[0][2] == "*" for s in stars)
    grey = {"linestyle": "--", "color": "grey"}
    assert axes["axvline"] == [((pytest.approx(0.2),), grey)] and axes["axhline"] == [((pytest.approx(0.2),), grey)]
    assert axes["set_title"] == [(("Textbook: a buyer and a seller, price and colour",), {})]
    assert axes["legend"] == [((), {"loc": "lower left"})]
    with pytest.raises(ValueError, match="a scenario figure shows two parties"):
        sc.figure(["Buyer"])


def test_trace_figure_draws_each_party_over_the_offers(parley, drawn):
    """One round of boulware (Buyer) against conceder (Seller): the Buyer asks (0, red), the Seller (2, blue);
    each party's line gives its utility of both offers at round 1 (Buyer 1 and 0, Seller 0 and 1), utilities from
    0 to 1.05, a legend of the parties."""
    trace = parley.negotiate(TEXTBOOK, agents=["boulware", "conceder"], rounds=1)
    offers = [(e["party"], e["package"]) for e in trace if e["event"] == "offer"]
    assert offers == [("Buyer", {"price": 0, "color": "red"}), ("Seller", {"price": 2, "color": "blue"})]
    trace.figure(TEXTBOOK)
    (axes,) = drawn["axes"]
    lines = [(args[0], args[1], args[2], kwargs) for args, kwargs in axes["plot"]]
    assert lines == [([1, 1], pytest.approx([1.0, 0.0]), ".-", {"label": "Buyer"}),
                     ([1, 1], pytest.approx([0.0, 1.0]), ".-", {"label": "Seller"})]
    assert axes["set_ylim"] == [((0, 1.05), {})]
    assert axes["legend"] == [((), {})]


def test_tournament_figure_whiskers_and_axes(parley, drawn):
    """The box plot's whiskers at the 5th and 95th percentiles with the means shown, the bars' axis 0..1 with the
    best agent on top."""
    from parley import plot
    plot.tournament_figure([{"agents": ["a", "b"], "discounted_utilities": [0.2, 0.8], "agreed": True}])
    left, right = drawn["axes"]
    assert left["boxplot"] == [(([[0.8], [0.2]],), {"whis": (5, 95), "showmeans": True})]
    assert left["set_ylabel"] == [(("discounted utility",), {})]
    assert right["set_xlim"] == [((0, 1), {})] and right["invert_yaxis"] == [((), {})]


# --- seat: the program parley serve runs for a seated Python agent --------------------------------------------

HALF = SOURCE / "tests" / "data" / "seat" / "half.py"  # accepts a text worth 0.5 to it, else asks for its best


def seat_request(party, price):
    """A request of include/parley/live.h (tests/cli/seat_answer.sh's): the Buyer values price 0, 1, 2 at 1, 0.5,
    0; one text tabled, at `price`."""
    linear = {"weight": 1, "function": {"type": "linear", "at_min": 1, "at_max": 0}}
    return json.dumps({"scenario": {"issues": [{"name": "price", "type": "integer", "min": 0, "max": 2}],
                                    "parties": [{"name": "Buyer", "reservation": 0.25,
                                                 "preferences": {"price": linear}},
                                                {"name": "Seller", "preferences": {"price": linear}},
                                                {"name": "Broker", "role": "mediator"}]},
                       "party": party, "agent": "boulware", "seed": 1, "rounds": 3,
                       "texts": [{"outcome": {"price": price}}]})


def run_seat(*args, request=""):
    proc = subprocess.run([sys.executable, "-m", "parley.seat", *map(str, args)], input=request, capture_output=True,
                          text=True, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


def test_seat_answers_and_the_library_errors(parley):
    """`python3 -m parley.seat half.py`: the text at price 0 (worth 1) is accepted; at price 2 (worth 0) the agent
    asks for its best package, an amendment to price 0; a request naming no negotiating party gives the library's
    message, the same as the C program `parley seat-answer` prints for it (a mutant skipped the library's error
    and reported a Python exception instead)."""
    assert run_seat(HALF, request=seat_request("Buyer", 0))[:2] == (0, json.dumps(
        {"ok": {"answer": "accept", "amendments": []}}))
    code, out, _ = run_seat(HALF, request=seat_request("Buyer", 2))
    assert code == 0 and json.loads(out) == {"ok": {"answer": "amend", "amendments": [
        {"issue": "price", "value": 0, "reason": "our counter-offer"}]}}
    code, out, _ = run_seat(HALF, request=seat_request("Nobody", 0))
    proc = subprocess.run([os.environ.get("PARLEY_CLI", str(SOURCE / "build" / "parley")), "seat-answer"],
                          input=seat_request("Nobody", 0), capture_output=True, text=True, timeout=120)
    assert code == 0 and json.loads(out) == json.loads(proc.stdout) == {
        "error": "the request names no negotiating party"}


def test_seat_usage_and_agent_files(tmp_path):
    """Without an agent file: the usage on stderr, exit 2.  A file must define exactly one subclass of
    parley.Agent; the error is the answer, exit 0."""
    assert run_seat() == (2, "", "usage: python3 -m parley.seat AGENT.py < request.json\n")
    two = tmp_path / "two.py"
    two.write_text("import parley\nclass A(parley.Agent):\n    pass\nclass B(parley.Agent):\n    pass\n")
    assert run_seat(two, request=seat_request("Buyer", 0))[:2] == (0, json.dumps(
        {"error": f"python agent: ValueError('{two}: defines 2 subclasses of parley.Agent (one expected)')"}))


# --- core: saving ---------------------------------------------------------------------------------------------

def test_save_names_files_as_convert_does(parley, tmp_path):
    """Scenario.save into folders that do not exist yet (and again into one that does), each party's profile beside the domain under its name
    with '/', '\\', ' ' and ':' made '_', "-profile" added where that name is the domain's own: the files, the
    warnings and the bytes `parley convert` writes (parties "A/B" and "C D:E": A_B-profile.xml, C_D_E.xml)."""
    data = json.loads(TEXTBOOK.read_text())
    data["parties"][0]["name"], data["parties"][1]["name"] = "A/B", "C D:E"
    source = tmp_path / "named.json"
    source.write_text(json.dumps(data))
    want = cli_json("convert", source, "-o", tmp_path / "cli" / "x" / "A_B.xml")
    got = parley.load(source).save(tmp_path / "py" / "x" / "A_B.xml")
    folder = tmp_path / "py" / "x"
    assert got["files"] == [str(folder / n) for n in ("A_B.xml", "A_B-profile.xml", "C_D_E.xml")]
    assert got["files"] == [f.replace(str(tmp_path / "cli"), str(tmp_path / "py")) for f in want["files"]]
    assert got["format"] == want["format"] == "genius" and got["warnings"] == want["warnings"]
    for py_file, cli_file in zip(got["files"], want["files"]):
        assert open(py_file, "rb").read() == open(cli_file, "rb").read()
    # again into the folder that now exists, natively: the file is replaced, nothing else is written
    assert parley.load(source).save(folder / "A_B.xml", format="native") == {
        "format": "native", "files": [str(folder / "A_B.xml")], "warnings": []}
    assert json.loads((folder / "A_B.xml").read_text()) == parley.load(source).to_dict()


# --- agent: what a Python agent's view says -------------------------------------------------------------------

def test_the_view_of_a_python_seller(parley):
    """A Python agent as the textbook's Seller against boulware, 10 rounds, looks once and walks away.  By hand:
    it is party 1 of Buyer, Seller; its best package (2, blue) is worth 1, its worst acceptable one (1, red) 0.35
    (price 0 breaks its red line min_price); at round 1 the clock reads 0 and the next round's time is the time of
    the trace's round-2 events; boulware's first offer is the Buyer's best, (0, red)."""
    class Probe(parley.Agent):
        seen = None

        def propose(self, view):
            Probe.seen = dict(
                party=view.party, names=view.party_names, issues=view.issues, values=[view.values(0), view.values(1)],
                round=view.round, rounds=view.rounds, time=view.time, next_time=view.next_time,
                temperature=view.temperature, reservation=view.reservation, best=view.best_utility,
                worst=view.worst_utility, standing=view.standing_offer, text=view.text, proposal=view.proposal,
                broken=[view.broken_red_line(p) for p in ((0, 0), (2, 1))],
                hold=[view.red_lines_hold(p) for p in ((0, 0), (1, 0))], feasible=view.feasible((0, 0)),
                utility=view.utility({"price": 1, "color": "blue"}), described=view.describe((2, 1)),
                package=view.package({"price": 1, "color": "red"}))
            return parley.WalkAway()
    trace = parley.negotiate(TEXTBOOK, agents=["boulware", Probe()], rounds=10)
    assert trace.outcome["agreement"] is False and trace.outcome["ending"] == "walk_away"
    assert [e["event"] for e in trace if e["event"] != "session_start"][:2] == ["offer", "walk_away"]
    seen = Probe.seen
    assert seen.pop("next_time") > 0 and seen.pop("time") == 0.0
    assert seen == dict(party=1, names=["Buyer", "Seller"], issues=["price", "color"],
                        values=[[0, 1, 2], ["red", "blue"]], round=1, rounds=10, temperature=0.0,
                        reservation=pytest.approx(0.2), best=pytest.approx(1.0), worst=pytest.approx(0.35),
                        standing=(0, 0), text=None, proposal=None, broken=["min_price", None], hold=[False, True],
                        feasible=True, utility=pytest.approx(0.65), described={"price": 2, "color": "blue"},
                        package=(1, 0))


def test_next_time_is_the_next_rounds_time(parley):
    """view.next_time at round r is the time of round r + 1's events in the trace (two Python agents that only
    record it, then accept at round 3)."""
    class Clock(parley.Agent):
        def __init__(self):
            self.times = {}

        def propose(self, view):
            self.times[view.round] = (view.time, view.next_time)
            return parley.Accept() if view.round == 3 and view.standing_offer else super().propose(view)
    buyer = Clock()
    trace = parley.negotiate(TEXTBOOK, agents=[buyer, "hardheaded"], rounds=10)
    at = {e["round"]: e["time"] for e in trace}
    assert sorted(buyer.times) == [1, 2, 3] and max(at) == 3
    assert [buyer.times[r] for r in (1, 2)] == [(at[1], at[2]), (at[2], at[3])] and buyer.times[3][0] == at[3]


def test_amendments_are_bounded_and_answers_typed(parley):
    """A shuttle amendment holds at most one change per issue (the textbook's two); an answer that is no action is
    refused with the types it may be."""
    class Amender(parley.Agent):
        def __init__(self, answer):
            self.answer = answer

        def respond(self, view, request):
            return self.answer
    three = parley.Amend([("price", 1, "a"), ("color", "red", "b"), (0, 2, "c")])
    with pytest.raises(ValueError, match=r"^at most 2 changes in an amendment$"):
        parley.negotiate(TEXTBOOK, agents=[Amender(three), "boulware"], protocol="shuttle", rounds=5)
    with pytest.raises(TypeError, match=r"^an agent answers with Accept, Reject, WalkAway, Offer or Amend, not 'yes'$"):
        parley.negotiate(TEXTBOOK, agents=[Amender("yes"), "boulware"], protocol="shuttle", rounds=5)


def test_agent_exception_in_the_statistics_games(parley):
    """tournament(stats=True) plays each agent against itself apart (self_play False) for the meta-game: a Python
    agent that raises only there (armed by the progress call that ends the tournament proper) surfaces with its
    own exception, as in the tournament proper, not as the library's "agent 'late' of Buyer failed" (the raise
    after the statistics came too late: the library's error was raised first)."""
    class Late(parley.Agent):
        name = "late"
        armed = False

        def propose(self, view):
            if Late.armed:
                raise KeyError("only against itself")
            return super().propose(view)

    def progress(done, total):
        Late.armed = done == total
    with pytest.raises(KeyError, match="only against itself"):
        parley.tournament([TEXTBOOK], [Late(), "boulware"], rounds=10, stats=True, progress=progress)
    Late.armed = False
    rows = parley.tournament([TEXTBOOK], [Late(), "boulware"], rounds=10, stats=True)
    assert len(rows) == 2 and rows.stats is not None


FAILING_PLUGIN = r"""
#include <parley/agent.h>
static int create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{ (void)v; (void)params; (void)err; *state = 0; return PARLEY_OK; }
static void destroy(void *state) { (void)state; }
static int act(void *state, parley_agent_view *v, parley_request request, parley_action *a)
{
    (void)state; (void)request;
    if (parley_view_round(v) == 3)
        return PARLEY_EINTERNAL;
    a->kind = PARLEY_ACT_OFFER;
    parley_view_outcome_at_least(v, 2.0, a->outcome);
    return PARLEY_OK;
}
static const parley_agent_vtable agent = {PARLEY_AGENT_ABI, "failing", "fails at round 3", create, destroy, act};
const parley_agent_vtable *parley_agent_entry(void);
const parley_agent_vtable *parley_agent_entry(void) { return &agent; }
"""


def test_a_failing_plugin_ends_a_stepped_negotiation_with_its_error(parley, tmp_path):
    """A C plug-in whose move fails at round 3 (PARLEY_EINTERNAL) ends the negotiation with the library's error,
    in parley.negotiate and in a stepped Negotiation alike (a mutant dropped the stepped one's check of the
    engine's return and gave a trace of the unfinished talks)."""
    source, lib = tmp_path / "failing.c", tmp_path / "libfailing.so"
    source.write_text(FAILING_PLUGIN)
    subprocess.run(["cc", "-shared", "-fPIC", "-O1", f"-I{SOURCE / 'include'}", "-o", str(lib), str(source)],
                   check=True)
    with pytest.raises(parley.InternalError) as direct:
        parley.negotiate(TEXTBOOK, agents=["boulware", str(lib)], rounds=10)
    talks = parley.Negotiation(TEXTBOOK, agents=["boulware", str(lib)], rounds=10)
    assert talks.step(2).round == 2
    with pytest.raises(parley.InternalError) as stepped:
        talks.run()
    assert stepped.value.message == direct.value.message == "agent 'failing' of Seller failed: internal error"
    assert not talks.done


def test_observed_events_of_sessions_at_venues(parley):
    """Shuttle mediation in two sessions at Oslo and Geneva: each event a Python agent observes is the trace's
    event as its party may see it (no utilities, the mediator called "mediator", plus "indices"), in order, with
    the session numbered from 1 and its venue; a session's end says its outcome (follow_up, then agreement)."""
    class Watcher(parley.Agent):
        def __init__(self):
            self.seen = []

        def observe(self, view, event):
            self.seen.append(dict(event))
    agent = Watcher()
    trace = parley.negotiate(TEXTBOOK, [agent, "hardheaded"], protocol="shuttle", rounds=6, sessions=2,
                             venues=["Oslo", "Geneva"])

    def as_seen(e):
        out = {k: v for k, v in e.items() if k not in ("utility", "utilities")}
        out.update({k: "mediator" for k in ("party", "to") if out.get(k) == "Broker"})
        return out
    public = iter([as_seen(e) for e in trace])
    space = parley.load(TEXTBOOK).space
    for e in agent.seen:
        if "indices" in e:
            assert space.describe(e.pop("indices")) == e["package"]
        assert any(e == p for p in public), f"observed {e} is not in the trace in order"
    ends = [(e["session"], e["venue"], e.get("outcome")) for e in agent.seen if e["event"] == "session_end"]
    starts = [(e["session"], e["venue"]) for e in agent.seen if e["event"] == "session_start"]
    assert starts == [(1, "Oslo"), (2, "Geneva")] and ends[:1] == [(1, "Oslo", "follow_up")]
    assert [(s["session"], s["venue"], s["outcome"]) for s in trace.outcome["sessions"]] == [
        (1, "Oslo", "follow_up"), (2, "Geneva", "agreement")]
