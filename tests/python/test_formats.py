"""test_formats: Scenario.save / text write byte for byte what `parley convert` writes, in every format, and
what they write reads back (parley.load) to the same scenario."""
import json

import pytest
from conftest import ANAC, EXAMPLES, run_cli, stable

LAPTOP = [ANAC / "Laptop" / f"Laptop-A-{part}.xml" for part in ("domain", "prof1", "prof2")]
CASES = [([EXAMPLES / "textbook-buyer-seller.json"], "deal.xml", None),
         ([EXAMPLES / "ceasefire.json"], "out/deal.json", "geniusweb"),
         ([EXAMPLES / "ceasefire.json"], "native/deal.json", None),
         (LAPTOP, "laptop.json", "native"),
         (LAPTOP, "gw/laptop.json", "geniusweb")]


@pytest.mark.parametrize("inputs,out,to", CASES)
def test_save_writes_what_convert_writes(parley, tmp_path, inputs, out, to):
    cli_dir, py_dir = tmp_path / "cli", tmp_path / "py"
    args = ["convert", *inputs, "-o", cli_dir / out, "--json"] + (["--to", to] if to else [])
    want = json.loads(run_cli(*args)[0])
    got = parley.load(inputs).save(py_dir / out, format=to)
    assert got["format"] == want["format"]
    assert got["files"] == [f.replace(str(cli_dir), str(py_dir)) for f in want["files"]]
    assert got["warnings"] == want["warnings"]
    for cli_file, py_file in zip(want["files"], got["files"]):
        assert open(py_file, "rb").read() == open(cli_file, "rb").read(), py_file
    again = parley.load(got["files"])
    assert stable(again.analyze())["outcomes"] == stable(parley.load(inputs).analyze())["outcomes"]


def test_text_of_each_file(parley, tmp_path):
    sc = parley.load(EXAMPLES / "textbook-buyer-seller.json")
    written = sc.save(tmp_path / "d.xml")
    assert sc.text("genius") == (tmp_path / "d.xml").read_text()
    assert sc.text("genius", party="Seller") == (tmp_path / "Seller.xml").read_text()
    assert json.loads(sc.text("native")) == sc.to_dict()
    assert written["files"][1:] == [str(tmp_path / "Buyer.xml"), str(tmp_path / "Seller.xml")]
    with pytest.raises(ValueError):
        sc.text("xlsx")
    with pytest.raises(KeyError):
        sc.text("genius", party="Broker")


def test_genius_roundtrip_keeps_utilities(parley, tmp_path):
    sc = parley.load(LAPTOP)
    again = parley.load(sc.save(tmp_path / "laptop.xml")["files"])
    assert again.parties == ["Laptop-A-prof1", "Laptop-A-prof2"]
    for outcome in list(sc.outcomes())[:50]:
        for name in sc.parties:
            assert again.utility(name)(outcome) == pytest.approx(sc.utility(name)(outcome))
