"""test_errors: bad input raises a parley.Error subclass carrying the file, line, column, JSON path and message,
the same location the CLI prints (exit code 2)."""
import json

import pytest
from conftest import EXAMPLES, SOURCE, run_cli

GENIUS = SOURCE / "tests" / "data" / "genius"


def test_json_syntax_error_has_line_and_column(parley, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "format": "parley-scenario",\n  "issues": [ {"name": "a",, } ]\n}\n')
    with pytest.raises(parley.InputError) as caught:
        parley.load(bad)
    e = caught.value
    # the second comma of line 3 is at column 28 (counted by hand)
    assert (e.file, e.line, e.column) == (str(bad), 3, 28)
    assert e.code == -1 and "expected" in e.message
    assert isinstance(e, parley.Error) and isinstance(e, ValueError)
    stderr = run_cli("analyze", bad, expect=2)[1]
    assert str(e) in stderr and f"{bad}:3:28:" in stderr


def test_bad_value_has_json_path(parley):
    with open(EXAMPLES / "textbook-buyer-seller.json") as f:
        data = json.load(f)
    data["parties"][1]["red_lines"][0]["rule"] = "price >= = 1"
    with pytest.raises(parley.InputError) as caught:
        parley.Scenario.from_dict(data, name="seller.json")
    e = caught.value
    assert e.file == "seller.json"
    assert e.path == "parties[1].red_lines[0].rule"
    assert e.message and str(e).startswith("seller.json")


def test_missing_field_path(parley):
    with pytest.raises(parley.InputError) as caught:
        parley.Scenario.from_dict({"format": "parley-scenario", "issues": []})
    assert caught.value.file == "<dict>" and caught.value.message


def test_genius_xml_error_location(parley):
    files = [GENIUS / "bad-xml.xml", GENIUS / "tiny-buyer.xml", GENIUS / "tiny-seller.xml"]
    with pytest.raises(parley.InputError) as caught:
        parley.load(files)
    e = caught.value
    assert (e.file, e.line, e.column) == (str(files[0]), 6, 7)
    assert str(e) in run_cli("analyze", *files, expect=2)[1]


def test_geniusweb_error_path(parley):
    files = [GENIUS / "gw-domain.json", GENIUS / "gw-missing-weight.json", GENIUS / "gw-employee.json"]
    with pytest.raises(parley.InputError) as caught:
        parley.load(files)
    assert caught.value.path == "LinearAdditiveUtilitySpace.issueWeights.salary"
    assert caught.value.file == str(files[1])


def test_missing_file_is_file_error(parley, tmp_path):
    with pytest.raises(parley.FileError) as caught:
        parley.load(tmp_path / "nowhere.json")
    assert isinstance(caught.value, OSError) and caught.value.file == str(tmp_path / "nowhere.json")


def test_conflict_model_error(parley):
    with pytest.raises(parley.InputError) as caught:
        parley.conflict({"name": "x", "issuesValues": {}})
    assert "issuesValues" in caught.value.message and caught.value.file == "<dict>"
    with pytest.raises(ValueError):
        parley.conflict(EXAMPLES / "gmcr" / "elmira.json", notions=["stable"])
