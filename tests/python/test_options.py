"""test_options: the Python package's options mean what the CLI's do: the default thread count is the CLI's
(one per core), an explicit count is used as given."""
from conftest import EXAMPLES, cli_json

PD = EXAMPLES / "gmcr" / "prisoners-dilemma.json"


def test_conflict_threads_default_and_explicit(parley):
    assert parley.conflict(PD)["analysis"]["threads"] == cli_json("conflict", PD)["analysis"]["threads"]
    assert parley.conflict(PD, threads=1)["analysis"]["threads"] == 1
    assert parley.conflict(PD, threads=2)["analysis"]["threads"] == cli_json("conflict", PD, "--threads", 2)[
        "analysis"]["threads"]
