"""test_notions: the Python package's table of GMCR stability notions, name by name.  Each name asks for its
notion (Nash, the baseline, is always reported); on the prisoner's dilemma the equilibria are known by hand:
mutual defection (YY) is a Nash equilibrium and stable in every sense, mutual cooperation (NN) is not Nash
(each gains by defecting) but is stable under every notion with sanctions (the other's defection answers a
defection), and the two one-sided states are stable under none.  lh and nm give what the CLI's --horizon and
--non-myopic give."""
import pytest
from conftest import EXAMPLES, cli_json, stable

PD = EXAMPLES / "gmcr" / "prisoners-dilemma.json"
TABLE = {"nash": "Nash", "r": "Nash", "gmr": "GMR", "smr": "SMR", "seq": "SEQ", "sim": "SIM", "seqsim": "SEQSIM",
         "lh": "Lh", "nm": "NM"}


def equilibria(result):
    return {s["vector"]: set(s.get("equilibrium", [])) for s in result["states"]}


@pytest.mark.parametrize("name", sorted(TABLE))
def test_each_notion_name(parley, name):
    got = parley.conflict(PD, notions=[name])
    notion = TABLE[name]
    assert got["notions"] == (["Nash"] if notion == "Nash" else ["Nash", notion])
    eq = equilibria(got)
    assert eq["YY"] == {"Nash", notion}
    assert eq["NN"] == (set() if notion == "Nash" else {notion})
    assert eq["YN"] == set() and eq["NY"] == set()


def test_all_is_the_six(parley):
    got = parley.conflict(PD, notions=["all"])
    assert got["notions"] == ["Nash", "GMR", "SMR", "SEQ", "SIM", "SEQSIM"]
    assert stable(parley.conflict(PD)) == stable(got)  # None: all six


def test_notions_combine(parley):
    assert parley.conflict(PD, notions=["gmr", "seq"])["notions"] == ["Nash", "GMR", "SEQ"]


@pytest.mark.parametrize("horizon", [1, 2, 5])
def test_limited_move_matches_cli(parley, horizon):
    got = parley.conflict(PD, notions=["nash", "lh"], horizon=horizon)
    assert stable(got) == stable(cli_json("conflict", PD, "--notions", "nash", "--horizon", horizon))


def test_limited_move_default_horizon_is_two(parley):
    assert stable(parley.conflict(PD, notions=["lh"])) == stable(parley.conflict(PD, notions=["lh"], horizon=2))


def test_non_myopic_matches_cli(parley):
    got = parley.conflict(EXAMPLES / "gmcr" / "chicken.json", notions=["nash", "nm"])
    assert stable(got) == stable(cli_json("conflict", EXAMPLES / "gmcr" / "chicken.json", "--notions", "nash",
                                          "--non-myopic"))
