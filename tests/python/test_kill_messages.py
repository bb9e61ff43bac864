"""test_kill_messages: the Python package's tables and its messages for bad input, entry by entry.  The error
classes by parley_code (parley/error.h: -1 EINVAL ... -8 EINTERNAL) and the Python exceptions each also is; every
ValueError, KeyError, IndexError and TypeError the package raises itself, with its whole message, at the
boundaries the docstrings state (time in [0,1], limit in 1..100000, party numbers 0..n-1).  Written for issue
27 (the Python package's options and messages were pinned by no test)."""
import pytest
from conftest import EXAMPLES

TEXTBOOK = EXAMPLES / "textbook-buyer-seller.json"  # issues price 0..2 and color red/blue; Buyer, Seller, Broker
PD = EXAMPLES / "gmcr" / "prisoners-dilemma.json"

# parley_code -> (class name, the built-in exceptions it also is)
CODES = {-1: ("InputError", (ValueError,)), -2: ("OutOfMemoryError", (MemoryError,)), -3: ("FileError", (OSError,)),
         -4: ("RangeError", (ValueError,)), -5: ("NotFoundError", (LookupError,)), -6: ("PermissionDenied", ()),
         -7: ("StateError", ()), -8: ("InternalError", ())}


@pytest.mark.parametrize("code", sorted(CODES))
def test_each_code_raises_its_class(parley, code):
    """A library call returning a code with its error left empty raises the class of that code, carrying it; a
    code already filled in the error wins over the returned one."""
    from parley import _native as N
    from parley.core import check
    name, bases = CODES[code]
    cls = getattr(parley, name)
    assert cls.code == code and issubclass(cls, parley.Error) and all(issubclass(cls, b) for b in bases)
    assert cls("m").code == code
    with pytest.raises(cls) as caught:
        check(code, N.CError())
    assert type(caught.value) is cls and caught.value.code == code
    err = N.CError()
    err.code, err.message = -3, b"cannot read it"
    with pytest.raises(parley.FileError, match="cannot read it") as caught:
        check(code, err)
    assert caught.value.code == -3 and caught.value.message == "cannot read it"


def test_error_defaults(parley):
    """parley.Error made by hand: code -8 (internal), no file, line, column or path; an unknown code is an Error
    of that code."""
    from parley import _native as N
    from parley.core import check
    e = parley.Error("what")
    assert (e.code, e.file, e.line, e.column, e.path, e.message, str(e)) == (-8, "", 0, 0, "", "what", "what")
    with pytest.raises(parley.Error) as caught:
        check(-99, N.CError())
    assert type(caught.value) is parley.Error and caught.value.code == -99


def message(call, kind):
    with pytest.raises(kind) as caught:
        call()
    return caught.value.args[0]


def test_scenario_messages(parley):
    sc = parley.load(TEXTBOOK)
    assert message(lambda: sc.analyze(time=1.5), ValueError) == "time must be in [0,1], got 1.5"
    assert message(lambda: sc.diagnose(time=-0.25), ValueError) == "time must be in [0,1], got -0.25"
    assert sc.analyze(time=0.0)["acceptable"] == sc.analyze(time=1.0)["acceptable"] == 3  # both ends allowed
    assert message(lambda: sc.analyze(method="fast"), ValueError) == \
        "method must be one of ['approximate', 'auto', 'exact'], got 'fast'"
    assert message(lambda: sc.propose("median"), ValueError) == \
        "rule must be one of ['egalitarian', 'kalai', 'nash', 'welfare'], got 'median'"
    assert message(lambda: sc.improve((0, 0), limit=0), ValueError) == "limit must be in 1..100000, got 0"
    assert message(lambda: sc.improve((0, 0), limit=100001), ValueError) == "limit must be in 1..100000, got 100001"
    assert message(lambda: sc.text("pdf"), ValueError) == \
        "format is one of ('native', 'genius', 'geniusweb'), not 'pdf'"
    assert message(lambda: sc.issue("size"), KeyError) == "no issue 'size'; the issues are ['price', 'color']"
    assert message(lambda: parley.load([]), ValueError) == "parley.load needs at least one file"


def test_party_numbers_and_names(parley):
    """utility(k) takes 0..n-1 of the negotiating parties (Buyer 0, Seller 1); a name must be a negotiating
    party's: the Broker is the textbook's mediator."""
    sc = parley.load(TEXTBOOK)
    assert [sc.utility(k).name for k in (0, 1)] == ["Buyer", "Seller"]
    assert message(lambda: sc.utility(2), IndexError) == "party 2 of 2"
    assert message(lambda: sc.utility(-1), IndexError) == "party -1 of 2"
    for name in ("Broker", "Nobody"):
        assert message(lambda: sc.utility(name), KeyError) == \
            f"no negotiating party {name!r}; the parties are ['Buyer', 'Seller']"


def test_negotiation_messages(parley):
    protocol = "unknown protocol 'auction'; expected alternating, single-text or shuttle"
    assert message(lambda: parley.negotiate(TEXTBOOK, ["boulware", "conceder"], protocol="auction"),
                   ValueError) == protocol
    assert message(lambda: parley.Negotiation(TEXTBOOK, ["boulware", "conceder"], protocol="auction"),
                   ValueError) == protocol
    assert message(lambda: parley.tournament([TEXTBOOK], ["boulware", "conceder"], protocol="auction"),
                   ValueError) == protocol
    not_agent = "an agent is a spec string or a parley.Agent, not 42"
    assert message(lambda: parley.negotiate(TEXTBOOK, ["boulware", 42]), TypeError) == not_agent
    assert message(lambda: parley.Negotiation(TEXTBOOK, ["boulware", 42]), TypeError) == not_agent
    assert message(lambda: parley.tournament([TEXTBOOK], ["boulware", 42]), TypeError) == not_agent
    assert message(lambda: parley.tournament([], ["boulware"]), ValueError) == \
        "a tournament needs at least one scenario"
    talks = parley.Negotiation(TEXTBOOK, ["boulware", "conceder"], rounds=10)
    assert message(lambda: talks.step(0), ValueError) == "step() plays at least one round"
    assert message(talks.svg, RuntimeError) == "the negotiation has not ended: run() it first"
    talks.close()
    assert message(talks.step, RuntimeError) == "this negotiation was closed"


def test_conflict_messages(parley):
    assert message(lambda: parley.conflict(PD, notions=["stable"]), ValueError) == (
        "unknown stability notion 'stable'; expected one of "
        "['all', 'gmr', 'lh', 'nash', 'nm', 'r', 'seq', 'seqsim', 'sim', 'smr']")


def test_issue_and_party_messages(parley):
    Issue, Party = parley.Issue, parley.Party
    assert message(lambda: Issue("n", range(3, 3)), ValueError) == "issue 'n': an empty range"
    assert message(lambda: Issue("n", kind="complex", min=0, max=1), ValueError) == \
        "issue 'n': kind is one of ('categorical', 'integer', 'real'), not 'complex'"
    assert message(lambda: Issue("c", []), ValueError) == "categorical issue 'c' needs values"
    assert message(lambda: Issue("n", min=0), ValueError) == "integer issue 'n' needs min and max"
    assert message(lambda: Issue("x", kind="real", min=0, max=1), ValueError) == "real issue 'x' needs a step"
    assert message(lambda: Party("P", weights={"a": 1.0}).to_dict(), ValueError) == \
        "party 'P': issue 'a' has a weight but no values"
    assert message(lambda: Party("P", weights={}, values={"a": {}}).to_dict(), ValueError) == \
        "party 'P': values for ['a'] but no weight"


def test_issue_and_party_dicts(parley):
    """to_dict writes what the native format needs: a step only for a real issue or an integer step other than 1
    (a range's step is its own), a discount only when it is not 1, a mediator as its name and role alone."""
    Issue, Party = parley.Issue, parley.Party
    assert Issue("n", min=0, max=10).to_dict() == {"name": "n", "type": "integer", "min": 0, "max": 10}
    assert Issue("n", min=0, max=10, step=1).to_dict() == {"name": "n", "type": "integer", "min": 0, "max": 10}
    assert Issue("n", range(0, 10, 3)).to_dict() == {"name": "n", "type": "integer", "min": 0, "max": 9, "step": 3}
    assert Issue("x", kind="real", min=0, max=1, step=1).to_dict() == {
        "name": "x", "type": "real", "min": 0, "max": 1, "step": 1}
    assert Issue("c", ["a", 2], description="d").to_dict() == {
        "name": "c", "type": "categorical", "values": ["a", "2"], "description": "d"}
    assert len(Issue("n", range(0, 10, 3))) == 4 and list(Issue("c", ["a", "b"])) == ["a", "b"]
    plain = Party("P", weights={"c": 1.0}, values={"c": {"a": 1.0, "b": 0.0}})
    assert plain.to_dict() == {"name": "P", "reservation": 0.0,
                               "preferences": {"c": {"weight": 1.0, "values": {"a": 1.0, "b": 0.0}}}}
    full = Party("P", weights={"n": 1.0}, values={"n": parley.linear(0, 1)}, reservation=0.25, discount=0.5,
                 red_lines={"floor": "n >= 1"}, description="d")
    assert full.to_dict() == {"name": "P", "description": "d", "reservation": 0.25,
                              "preferences": {"n": {"weight": 1.0,
                                                    "function": {"type": "linear", "at_min": 0, "at_max": 1}}},
                              "discount": 0.5, "red_lines": [{"name": "floor", "rule": "n >= 1"}]}
    assert Party("M", role="mediator", weights={"n": 1.0}).to_dict() == {"name": "M", "role": "mediator"}
    assert parley.piecewise([(0, 0), (1, 1)]) == {"type": "piecewise", "points": [[0, 0], [1, 1]]}
    assert parley.steps([(0, 0.5)]) == {"type": "step", "steps": [[0, 0.5]]}


def test_plugin_path_length(parley):
    """A plug-in spec's path is read into a buffer of PATH_MAX (4096) bytes: 4095 characters are tried (and not
    found), 4096 are refused as too long, by negotiate and a stepped Negotiation alike."""
    for n, too_long in ((4095, False), (4096, True)):
        spec = "./" + "x" * (n - 5) + ".so"
        for start in (parley.negotiate, parley.Negotiation):
            got = message(lambda: start(TEXTBOOK, [spec, "boulware"], rounds=5), parley.InputError)
            assert (got == f"agent name too long ({n} characters)") == too_long, (n, start, got[-80:])


def test_missing_plugin(parley, tmp_path):
    """A plug-in that cannot be loaded is an InputError with dlopen's reason, the same from negotiate, a stepped
    Negotiation and a tournament (mutants that went on with the plug-in not loaded crashed)."""
    spec = str(tmp_path / "missing-plugin.so")
    want = f"{spec}: cannot load the agent plug-in: {spec}: cannot open shared object file: No such file or directory"
    starts = (parley.negotiate, parley.Negotiation,
              lambda scenario, agents, rounds: parley.tournament([scenario], agents, rounds=rounds))
    for start in starts:
        assert message(lambda: start(TEXTBOOK, [spec, "boulware"], rounds=5), parley.InputError) == want


def test_where_errors_say_they_are(parley):
    """An error in a scenario made from a dict names the file `name` (default "<dict>"), one built in code its
    title (or "<built>"), a conflict model given as a dict "<dict>"; the JSON path points at the bad value."""
    bad = {"format": "parley-scenario", "issues": [{"name": "x", "type": "categorical", "values": ["a"]}],
           "parties": [{"name": "A", "preferences": {"x": {"weight": 1, "values": {"a": 2}}}}]}
    for kwargs, file in (({}, "<dict>"), ({"name": "mine.json"}, "mine.json")):
        with pytest.raises(parley.InputError) as caught:
            parley.Scenario.from_dict(bad, **kwargs)
        assert caught.value.file == file and caught.value.path.startswith("parties[0].preferences")
    issue, party = parley.Issue("x", ["a"]), parley.Party("A", weights={"x": 1}, values={"x": {"a": 2}})
    for kwargs, file in (({}, "<built>"), ({"title": "T"}, "T")):
        with pytest.raises(parley.InputError) as caught:
            parley.Scenario.build([issue], [party], **kwargs)
        assert caught.value.file == file
    with pytest.raises(parley.InputError) as caught:
        parley.conflict({"decision_makers": []})
    assert caught.value.file == "<dict>"


def test_outcome_messages(parley):
    u = parley.load(TEXTBOOK).utility("Buyer")
    assert message(lambda: u({"price": 1, "size": 2}), ValueError) == \
        "an outcome names every issue ['price', 'color']; missing ['color'], unknown ['size']"
    assert message(lambda: u((3, 0)), ValueError) == "value index 3 of issue 'price' is out of range"
    assert message(lambda: u((0, -1)), ValueError) == "value index -1 of issue 'color' is out of range"
    assert message(lambda: u({"price": 1, "color": "green"}), ValueError) == "issue 'color' has no value 'green'"
    assert message(lambda: u.weight("size"), ValueError) == "no issue 'size'; the issues are ['price', 'color']"


def test_reprs(parley):
    sc = parley.load(TEXTBOOK)
    title = "Textbook: a buyer and a seller, price and colour"
    assert repr(sc) == f"<parley.Scenario {title!r} parties=['Buyer', 'Seller']>"
    assert repr(sc.utility(1)) == "<parley.Utility of 'Seller'>"
    talks = parley.Negotiation(sc, ["boulware", "conceder"], rounds=10)
    assert repr(talks) == f"<parley.Negotiation {title!r} round 0>"
    talks.step(2)
    assert repr(talks) == f"<parley.Negotiation {title!r} round 2>"
    talks.run()
    assert repr(talks) == f"<parley.Negotiation {title!r} done>"
