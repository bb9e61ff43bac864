"""test_api: every function of the Python package gives what the CLI's --json gives, on the examples and an
ANAC domain; and a small scenario's analysis checked against an enumeration written here."""
import json

import pytest
from conftest import ANAC, EXAMPLES, cli_json, run_cli, stable

SCENARIOS = ["ceasefire.json", "ceasefire-relaxed.json", "textbook-buyer-seller.json", "textbook-flatmates.json",
             "textbook-impasse.json"]
LAPTOP = [ANAC / "Laptop" / f"Laptop-A-{part}.xml" for part in ("domain", "prof1", "prof2")]


@pytest.mark.parametrize("name", SCENARIOS)
def test_analyze_matches_cli(parley, name):
    path = EXAMPLES / name
    assert stable(parley.load(path).analyze()) == stable(cli_json("analyze", path))
    assert stable(parley.load(str(path)).analyze(frontier=True)) == stable(cli_json("analyze", path, "--frontier"))


def test_analyze_anac_domain_matches_cli(parley):
    got = parley.load(LAPTOP).analyze(frontier=True)
    assert got["outcomes"] > 1
    assert stable(got) == stable(cli_json("analyze", *LAPTOP, "--frontier"))


def test_approximate_analysis_matches_cli(parley):
    got = parley.load(LAPTOP).analyze(method="approximate", evaluations=20000, seed=3)
    assert got["exact"] is False
    assert stable(got) == stable(cli_json("analyze", *LAPTOP, "--approximate", "--evaluations", 20000, "--seed", 3))


@pytest.mark.parametrize("name", ["ceasefire.json", "textbook-impasse.json", "ceasefire-relaxed.json"])
def test_diagnose_matches_cli(parley, name):
    path = EXAMPLES / name
    assert stable(parley.load(path).diagnose()) == stable(cli_json("diagnose", path))


@pytest.mark.parametrize("rule", ["nash", "kalai", "egalitarian", "welfare"])
def test_propose_matches_cli(parley, rule):
    path = EXAMPLES / "ceasefire-relaxed.json"
    assert parley.load(path).propose(rule=rule) == cli_json("propose", path, "--rule", rule)


@pytest.mark.parametrize("model", ["elmira.json", "prisoners-dilemma.json", "chicken.json", "garrison.json"])
def test_conflict_matches_cli(parley, model):
    path = EXAMPLES / "gmcr" / model
    assert stable(parley.conflict(path)) == stable(cli_json("conflict", path))
    with open(path) as f:
        as_dict = json.load(f)
    assert stable(parley.conflict(as_dict, notions=["nash", "seq"])) == \
        stable(cli_json("conflict", path, "--notions", "nash,seq"))


def test_conflict_from_state_matches_cli(parley):
    path = EXAMPLES / "gmcr" / "elmira.json"
    want = cli_json("conflict", path, "--coalitions")
    got = parley.conflict(path, coalitions=True)
    assert "status_quo" in got and "coalitions" in got
    assert stable(got) == stable(want)


@pytest.mark.parametrize("protocol", ["alternating", "single-text", "shuttle"])
def test_negotiate_matches_cli(parley, tmp_path, protocol):
    path = EXAMPLES / "ceasefire-relaxed.json"
    trace = parley.negotiate(path, agents=["boulware", "conceder:e=2"], protocol=protocol, seed=7, rounds=60)
    out = tmp_path / "trace.jsonl"
    outcome = json.loads(run_cli("negotiate", path, "--agents", "boulware,conceder:e=2", "--protocol", protocol,
                                 "--seed", 7, "--rounds", 60, "--trace", out, "--json")[0])
    assert list(trace) == [json.loads(line) for line in out.read_text().splitlines()]
    assert trace.outcome == outcome
    assert trace[0]["event"] == "session_start"
    quiet = parley.negotiate(path, agents=["boulware", "conceder:e=2"], protocol=protocol, seed=7, rounds=60,
                             events=False)
    assert list(quiet) == [] and quiet.outcome == outcome


def test_negotiate_anac_domain_matches_cli(parley):
    trace = parley.negotiate(LAPTOP, agents=["tit-for-tat", "linear"])
    out = run_cli("negotiate", *LAPTOP, "--agents", "tit-for-tat,linear", "--trace", "-")[0]
    assert list(trace) == [json.loads(line) for line in out.splitlines()]


def test_tournament_matches_cli(parley):
    paths = [EXAMPLES / "ceasefire-relaxed.json", EXAMPLES / "textbook-buyer-seller.json"]
    agents = ["boulware", "conceder", "tit-for-tat"]
    rows = parley.tournament(paths, agents=agents, repeats=2, seed=5)
    want = cli_json("tournament", *paths, "--agents", ",".join(agents), "--repeats", 2, "--seed", 5)
    assert stable(rows.summary) == stable(want)
    assert list(rows) == want["runs"] and rows.scores == want["scores"]
    # 2 scenarios x 3*2 ordered pairs x 2 repeats
    assert len(rows) == 24 == len(rows.csv_rows)
    flat = rows.flat()
    assert all(set(r) == set(flat[0]) for r in flat)  # rectangular: one DataFrame column per key
    assert all(not isinstance(v, (list, dict)) for r in flat for v in r.values())
    assert flat[0]["agents_0"] == rows[0]["agents"][0]


def test_tournament_stats_match_cli(parley):
    """stats=True gives what `parley tournament --json --stats` puts under "stats", self-play games included."""
    paths = [EXAMPLES / "textbook-buyer-seller.json"]
    agents = ["boulware", "conceder", "micro"]
    rows = parley.tournament(paths, agents=agents, repeats=2, seed=3, stats=True, bootstrap=300)
    want = cli_json("tournament", *paths, "--agents", ",".join(agents), "--repeats", 2, "--seed", 3, "--stats",
                    "--bootstrap", 300)
    assert rows.stats == want["stats"] and rows.summary["stats"] == want["stats"]
    assert rows.stats["unit"] == "cell" and all(a["cells"] == 4 for a in rows.stats["agents"])
    assert rows.stats["meta_game"]["replicator_missing"] is None
    assert parley.tournament(paths, agents=agents).stats is None


def test_tournament_to_pandas(parley):
    rows = parley.tournament([EXAMPLES / "textbook-buyer-seller.json"], agents=["boulware", "conceder"])
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError):
            rows.to_pandas()
    else:
        frame = rows.to_pandas()
        assert list(frame.columns) == list(rows.flat()[0]) and len(frame) == 2


def test_from_dict_roundtrip(parley):
    path = EXAMPLES / "ceasefire.json"
    with open(path) as f:
        data = json.load(f)
    sc = parley.Scenario.from_dict(data)
    assert sc.parties == ["Israel", "Hamas"]
    assert stable(sc.analyze()) == stable(cli_json("analyze", path))
    again = parley.Scenario.from_dict(sc.to_dict())
    assert stable(again.diagnose()) == stable(cli_json("diagnose", path))


def test_analysis_against_enumeration(parley):
    """The buyer-seller example, enumerated here: utilities written out from the preferences by hand."""
    with open(EXAMPLES / "textbook-buyer-seller.json") as f:
        data = json.load(f)
    got = parley.Scenario.from_dict(data).analyze()
    buyer = {(p, c): 0.6 * (1 - p / 2) + 0.4 * (c == "red") for p in range(3) for c in ("red", "blue")}
    seller = {(p, c): 0.7 * p / 2 + 0.3 * (c == "blue") for p in range(3) for c in ("red", "blue")}
    acceptable = [o for o in buyer if buyer[o] >= 0.2 and seller[o] >= 0.2 and o[0] >= 1]
    nash = max(acceptable, key=lambda o: (buyer[o] - 0.2) * (seller[o] - 0.2))
    assert got["outcomes"] == 6 and got["acceptable"] == len(acceptable) == 3
    assert got["solutions"]["nash"]["outcome"] == {"price": nash[0], "color": nash[1]}
    assert got["solutions"]["nash"]["value"] == pytest.approx((buyer[nash] - 0.2) * (seller[nash] - 0.2))


def test_propose_without_zone_says_so(parley):
    d = parley.load(EXAMPLES / "ceasefire.json").propose()
    assert d["zone"] is False, d
    assert d == cli_json("propose", EXAMPLES / "ceasefire.json")
    with pytest.raises(ValueError):
        parley.load(EXAMPLES / "ceasefire.json").propose(rule="best")


def test_builtin_agents(parley):
    assert {"boulware", "conceder", "linear", "hardliner"} <= set(parley.builtin_agents())
    assert parley.__version__ == run_cli("--version")[0].split()[1]


def test_geniusweb_load_matches_cli(parley):
    data = EXAMPLES.parent / "tests" / "data" / "genius"
    files = [data / "gw-domain.json", data / "gw-employee.json", data / "gw-employer.json"]
    sc = parley.load(files)
    assert len(sc.parties) == 2
    assert stable(sc.analyze(frontier=True)) == stable(cli_json("analyze", *files, "--frontier"))


def test_mirrored_structs_match_the_library(parley):
    """The ctypes mirrors of the public structs have the C sizes (import refuses a mismatched library)."""
    import ctypes
    from parley import _native
    for name, cls in _native._MIRRORED.items():
        assert _native.lib.parley_struct_size(name.encode()) == ctypes.sizeof(cls) > 0, name
    assert _native.lib.parley_struct_size(b"parley_nothing") == 0
