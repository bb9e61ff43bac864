"""test_options: the Python package's options mean what the CLI's do: the default thread count is the CLI's
(one per core), an explicit count is used as given; coalitions without a start state (no status_quo, no
start) are refused with the reason, and analysed from the start state when one is given."""
import json

import pytest
from conftest import EXAMPLES, cli_json

PD = EXAMPLES / "gmcr" / "prisoners-dilemma.json"


def test_conflict_threads_default_and_explicit(parley):
    assert parley.conflict(PD)["analysis"]["threads"] == cli_json("conflict", PD)["analysis"]["threads"]
    assert parley.conflict(PD, threads=1)["analysis"]["threads"] == 1
    assert parley.conflict(PD, threads=2)["analysis"]["threads"] == cli_json("conflict", PD, "--threads", 2)[
        "analysis"]["threads"]


def test_coalitions_need_a_start_state(parley):
    with open(PD) as f:
        model = json.load(f)
    del model["status_quo"]
    with pytest.raises(parley.InputError) as caught:
        parley.conflict(model, coalitions=True)
    assert "coalitions need a start state" in caught.value.message
    # with a start state given, the same model is analysed from it
    got = parley.conflict(model, coalitions=True, start="NN")
    assert got["status_quo"]["from"] == 0 and len(got["status_quo"]["reachable"]) == 4
