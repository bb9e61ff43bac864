"""test_kill_options: every keyword argument of the Python package reaches the library as documented, its default
included.  The library call is replaced by a recorder (which then raises, so nothing runs): what the package
passes is compared with the numbers of the C headers (parley/protocol.h, analysis.h, gmcr.h, improve.h) and the
defaults the docstrings state.  A default or a table entry changed in the package fails here even where the
result would look the same on a small example (issue 27: the Python options and the table of GMCR notions)."""
import pytest
from conftest import EXAMPLES

TEXTBOOK = EXAMPLES / "textbook-buyer-seller.json"
PD = EXAMPLES / "gmcr" / "prisoners-dilemma.json"


class Recorded(Exception):
    """Raised by a recorder in place of the library call."""


@pytest.fixture
def record(monkeypatch):
    """record(NAME, take): the library function NAME replaced by one that appends take(*args) to the list
    returned and raises Recorded."""
    from parley import _native as N

    def install(name, take):
        seen = []

        def recorder(*args):
            seen.append(take(*args))
            raise Recorded(name)
        monkeypatch.setattr(N.lib, name, recorder)
        return seen
    return install


def session_fields(cfg):
    """A parley_session_config as a tuple (protocol, rounds, seconds, seed, annealing, sessions, venues)."""
    venues = [cfg.venues[i].decode() for i in range(cfg.venue_count)] if cfg.venues else None
    return cfg.protocol, cfg.rounds, cfg.seconds, cfg.seed, cfg.annealing, cfg.sessions, venues


# parley_protocol_kind: PARLEY_PROTOCOL_ALTERNATING 0, SINGLE_TEXT 1, SHUTTLE 2 (parley/protocol.h)
DEFAULT_SESSION = (0, 100, 0.0, 1, 0, 0, None)  # alternating, 100 rounds, no time limit, seed 1, no annealing
EXPLICIT = dict(protocol="shuttle", rounds=7, seconds=2.5, seed=9, annealing=True, sessions=3, venues=["a", "b"])
EXPLICIT_SESSION = (2, 7, 2.5, 9, 1, 3, ["a", "b"])


@pytest.mark.parametrize("how", ["negotiate", "Negotiation"])
def test_negotiation_options(parley, record, how):
    """negotiate() and a stepped Negotiation: protocol "alternating", 100 rounds, no seconds, seed 1, no annealing,
    no sessions or venues by default; each option given lands in its field; single-text is protocol 1."""
    seen = record("parley_negotiation_new", lambda sc, cfg, out, err: session_fields(cfg._obj))
    start = getattr(parley, how)
    for kwargs in ({}, EXPLICIT, {"protocol": "single-text"}):
        with pytest.raises(Recorded):
            start(TEXTBOOK, agents=["boulware", "conceder"], **kwargs)
    assert seen == [DEFAULT_SESSION, EXPLICIT_SESSION, (1,) + DEFAULT_SESSION[1:]]


def test_tournament_options(parley, record):
    """tournament(): 100 rounds, seed 1, one repeat, no self-play, threads 0 (one per core), no progress callback,
    the agents' specs in order and no vtables when every agent is built in; the time limit, annealing and
    sessions of a session are not tournament options and stay 0."""
    def take(handles, count, cfg, out, err):
        c = cfg._obj
        return (count, session_fields(c.session), c.repeats, c.self_play, c.threads, bool(c.progress),
                [c.agents[i].decode() for i in range(c.agent_count)], bool(c.agent_vtables))
    seen = record("parley_tournament_run_all", take)
    with pytest.raises(Recorded):
        parley.tournament([TEXTBOOK], ["boulware", "conceder:e=2"])
    with pytest.raises(Recorded):
        parley.tournament([TEXTBOOK, TEXTBOOK], ["boulware", "conceder"], protocol="single-text", rounds=12,
                          seed=5, repeats=3, self_play=True, threads=2, progress=lambda done, total: None)
    assert seen == [(1, DEFAULT_SESSION, 1, 0, 0, False, ["boulware", "conceder:e=2"], False),
                    (2, (1, 12, 0.0, 5, 0, 0, None), 3, 1, 2, True, ["boulware", "conceder"], False)]


def test_tournament_statistics_options(parley, record):
    """stats=True: 1000 bootstrap resamples by default, the tournament's seed, and the self-play payoffs computed
    apart when self_play is False (given to the statistics), none when it is True."""
    seen = record("parley_tournament_stats_json",
                  lambda t, bootstrap, seed, self_payoff, err: (bootstrap, seed, self_payoff is not None))
    for kwargs in ({}, {"bootstrap": 50, "seed": 3, "self_play": True}):
        with pytest.raises(Recorded):
            parley.tournament([TEXTBOOK], ["boulware", "conceder"], rounds=10, stats=True, **kwargs)
    assert seen == [(1000, 1, True), (50, 3, False)]


def analysis_fields(opts):
    return opts.threads, opts.time, opts.use_guarantee, opts.guarantee


def test_analysis_options(parley, record):
    """analyze, diagnose, propose and svg: threads 0, time 0, no guarantee (the stated trust) by default; a
    guarantee given sets use_guarantee; analyze's frontier is off by default."""
    sc = parley.load(TEXTBOOK)
    analyzed = record("parley_analyze_json", lambda h, opts, search, method, frontier, err:
                      analysis_fields(opts._obj) + (frontier,))
    diagnosed = record("parley_diagnose_json", lambda h, opts, err: analysis_fields(opts._obj))
    proposed = record("parley_propose_json", lambda h, rule, opts, err: (rule,) + analysis_fields(opts._obj))
    drawn = record("parley_analysis_svg", lambda h, opts, err: analysis_fields(opts._obj))
    given = dict(threads=3, time=0.25, guarantee=0.5)
    for kwargs in ({}, given):
        for call in (sc.analyze, sc.diagnose, sc.propose, sc.svg):
            with pytest.raises(Recorded):
                call(**kwargs)
    with pytest.raises(Recorded):
        sc.analyze(frontier=True)
    assert analyzed == [(0, 0.0, 0, 0.0, 0), (3, 0.25, 1, 0.5, 0), (0, 0.0, 0, 0.0, 1)]
    assert diagnosed == drawn == [(0, 0.0, 0, 0.0), (3, 0.25, 1, 0.5)]
    assert proposed == [(0, 0, 0.0, 0, 0.0), (0, 3, 0.25, 1, 0.5)]  # the default rule is nash


def test_propose_rules_are_the_library_solutions(parley, record):
    """The rule names are parley_solution_kind (parley/analysis.h): nash 0, kalai 1, egalitarian 2, welfare 3."""
    sc = parley.load(TEXTBOOK)
    seen = record("parley_propose_json", lambda h, rule, opts, err: rule)
    for rule in ("nash", "kalai", "egalitarian", "welfare"):
        with pytest.raises(Recorded):
            sc.propose(rule)
    assert seen == [0, 1, 2, 3]


def test_improve_options(parley, record):
    """improve(): at most 10 improvements by default (--limit), the library's defaults for the rest (0), the
    agreement as value indices in issue order ({price: 1, color: "blue"} is (1, 1): prices 0, 1, 2; colours
    red, blue)."""
    sc = parley.load(TEXTBOOK)
    seen = record("parley_improve", lambda h, values, opts, out, err: (
        list(values), opts._obj.limit, opts._obj.max_enumerate, opts._obj.evaluations, opts._obj.threads))
    with pytest.raises(Recorded):
        sc.improve({"price": 1, "color": "blue"})
    with pytest.raises(Recorded):
        sc.improve((0, 1), limit=100000)
    with pytest.raises(Recorded):
        sc.improve((2, 0), limit=1)
    assert seen == [([1, 1], 10, 0, 0, 0), ([0, 1], 100000, 0, 0, 0), ([2, 0], 1, 0, 0, 0)]


# PARLEY_GMCR_* (parley/gmcr.h): NASH 1, GMR 2, SMR 4, SEQ 8, SIM 16, SEQSIM 32, ALL 63, LH 64, NM 128
NOTION_FLAGS = {"nash": 1, "r": 1, "gmr": 2, "smr": 4, "seq": 8, "sim": 16, "seqsim": 32, "all": 63, "lh": 64,
                "nm": 128}


def test_conflict_options_and_notion_flags(parley, record):
    """conflict(): every notion name is its PARLEY_GMCR_* flag, names combine by OR, None is ALL (63); threads
    0, horizon 0 (the library's 2), no start state and no coalitions by default."""
    seen = record("parley_conflict_json", lambda h, opts, start, coalitions, err: (
        opts._obj.notions, opts._obj.threads, opts._obj.horizon, start, coalitions))
    for name in NOTION_FLAGS:
        with pytest.raises(Recorded):
            parley.conflict(PD, notions=[name])
    for kwargs in ({}, dict(notions=["gmr", "seq", "lh"], threads=2, horizon=5, start="NN", coalitions=True)):
        with pytest.raises(Recorded):
            parley.conflict(PD, **kwargs)
    assert [s[0] for s in seen[:len(NOTION_FLAGS)]] == list(NOTION_FLAGS.values())
    assert seen[len(NOTION_FLAGS):] == [(63, 0, 0, None, 0), (2 | 8 | 64, 2, 5, b"NN", 1)]
