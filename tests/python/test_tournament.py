"""test_tournament: the same tournament from Python and from the CLI, side by side, gives identical rows; Python
agents play tournaments (each run as parley.negotiate plays it with the run's seed); progress and errors."""
import csv
import json

import pytest
from conftest import EXAMPLES, run_cli
from test_agent import make_linear

RELAXED = EXAMPLES / "ceasefire-relaxed.json"
BUYER_SELLER = EXAMPLES / "textbook-buyer-seller.json"


def test_two_agent_tournament_rows_equal_the_cli_side_by_side(parley, tmp_path):
    agents = ["boulware", "conceder"]
    rows = parley.tournament([RELAXED, BUYER_SELLER], agents=agents, repeats=3, seed=11)
    table = tmp_path / "runs.csv"
    cli = json.loads(run_cli("tournament", RELAXED, BUYER_SELLER, "--agents", ",".join(agents), "--repeats", 3,
                             "--seed", 11, "--json", "--csv", table)[0])
    assert len(rows) == len(cli["runs"]) == 2 * 2 * 3
    for mine, theirs in zip(rows, cli["runs"]):
        assert mine == theirs
    with open(table, newline="") as f:
        assert rows.csv_rows == list(csv.DictReader(f))
    assert rows.scores == cli["scores"]


def test_python_agent_plays_each_run_as_negotiate_does(parley):
    Linear = make_linear(parley)
    rows = parley.tournament([RELAXED, BUYER_SELLER], agents=[Linear(), "boulware", "conceder"], repeats=2,
                             seed=5, threads=2)
    assert len(rows) == 2 * 6 * 2
    assert {a for r in rows for a in r["agents"]} == {"py-linear", "boulware", "conceder"}
    for row in rows:
        path = [RELAXED, BUYER_SELLER][row["scenario_index"]]
        agents = [Linear() if a == "py-linear" else a for a in row["agents"]]
        out = parley.negotiate(path, agents=agents, seed=row["seed"], events=False).outcome
        assert (out["agreement"], out["rounds"]) == (row["agreed"], row["rounds"])
        assert [p["utility"] for p in out["parties"]] == row["utilities"]
    again = parley.tournament([RELAXED, BUYER_SELLER], agents=[Linear(), "boulware", "conceder"], repeats=2,
                              seed=5, threads=1)
    assert list(again) == list(rows)  # whatever the threads
    mine = next(s for s in rows.scores if s["agent"] == "py-linear")
    assert mine["played"] == 2 * 4 * 2


def test_python_agent_statistics(parley):
    Linear = make_linear(parley)
    rows = parley.tournament([BUYER_SELLER], agents=[Linear(), "boulware", "conceder"], repeats=2, seed=3,
                             stats=True, bootstrap=200)
    assert sorted(a["agent"] for a in rows.stats["agents"]) == ["boulware", "conceder", "py-linear"]
    assert rows.stats["meta_game"]["replicator_missing"] is None  # the self-play diagonal was played


def test_progress(parley):
    seen = []
    rows = parley.tournament([BUYER_SELLER], agents=["boulware", "conceder", "linear"], repeats=4,
                             progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (len(rows), len(rows)) == (24, 24)
    assert all(total == 24 for _, total in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    def fails(done, total):
        raise RuntimeError("stop here")
    with pytest.raises(RuntimeError, match="stop here"):
        parley.tournament([BUYER_SELLER], agents=["boulware", "conceder"], progress=fails)


def test_python_agent_errors_surface(parley):
    class Broken(parley.Agent):
        name = "broken"

        def propose(self, view):
            raise KeyError("in a tournament")
    with pytest.raises(KeyError, match="in a tournament"):
        parley.tournament([BUYER_SELLER], agents=[Broken(), "boulware"])
    with pytest.raises(TypeError):
        parley.tournament([BUYER_SELLER], agents=[42, "boulware"])


def test_plugin_agent_in_a_tournament(parley, tmp_path):
    """A C plug-in plays tournaments from Python, named by its path, as it plays parley.negotiate."""
    import subprocess
    from conftest import SOURCE
    lib = tmp_path / "libplug.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-O1", f"-I{SOURCE / 'include'}", "-o", str(lib),
                    str(SOURCE / "tests" / "data" / "protocol" / "plugin_agent.c")], check=True)
    rows = parley.tournament([BUYER_SELLER], agents=[str(lib), "conceder"], seed=2)
    assert len(rows) == 2 and {a for r in rows for a in r["agents"]} == {str(lib), "conceder"}
    for row in rows:
        out = parley.negotiate(BUYER_SELLER, agents=row["agents"], seed=row["seed"], events=False).outcome
        assert [p["utility"] for p in out["parties"]] == row["utilities"]
    with pytest.raises(parley.Error):
        parley.tournament([BUYER_SELLER], agents=[str(tmp_path / "missing.so"), "conceder"])
