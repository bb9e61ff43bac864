"""test_kill15_python: the fields of parley.Error at their C bounds (issue 27, the fifteenth session's cli helper).

struct parley_error keeps a file name of at most 255 bytes (char file[256], cut by snprintf), a JSON path of 255
and a message of 767; _native.CError mirrors it.  A name of 254, 255, 256 and 300 bytes (the boundary and both
sides) must come back whole up to 255 bytes and cut at 255 past it, with the other fields unmoved; a multi-byte
character cut by C decodes as U+FFFD rather than failing."""
import json

import pytest
from conftest import EXAMPLES

RULE = "price >= = 1"
# the parser's words for the second '=' of RULE (column 10, counted by hand: "price >= " is 9 characters)
MESSAGE = ("unexpected '=' (expected a value, an issue name or '(') (in \"price >= = 1\", at column 10 of the rule)")
PATH = "parties[1].red_lines[0].rule"


def bad_rule_error(parley, name):
    with open(EXAMPLES / "textbook-buyer-seller.json") as f:
        data = json.load(f)
    data["parties"][1]["red_lines"][0]["rule"] = RULE
    with pytest.raises(parley.InputError) as caught:
        parley.Scenario.from_dict(data, name=name)
    return caught.value


@pytest.mark.parametrize("length, kept", [(1, 1), (254, 254), (255, 255), (256, 255), (300, 255)])
def test_file_name_kept_up_to_255_bytes(parley, length, kept):
    name = "".join(chr(ord("a") + i % 26) for i in range(length))
    e = bad_rule_error(parley, name)
    assert e.file == name[:kept] and len(e.file) == kept
    # the fields after `file` in the struct are read from their own offsets, whatever the name's length
    assert (e.code, e.line, e.column, e.path, e.message) == (-1, 0, 10, PATH, MESSAGE)
    assert str(e) == f"{name[:kept]}: at {PATH}: {MESSAGE}"


def test_cut_character_decodes_as_replacement(parley):
    # 254 ASCII bytes and a 2-byte 'é': C keeps 255 bytes, the first byte of the 'é' alone
    e = bad_rule_error(parley, "n" * 254 + "\u00e9")
    assert e.file == "n" * 254 + "\ufffd"
    assert e.path == PATH and e.message == MESSAGE


def test_empty_name_has_no_file_part(parley):
    e = bad_rule_error(parley, "")
    assert e.file == "" and str(e) == f"at {PATH}: {MESSAGE}"


@pytest.mark.parametrize("how", ["negotiate", "Negotiation"])
def test_plugin_path_at_the_name_buffer(parley, how):
    """negotiate() and Negotiation split an agent spec into a name buffer of 4096 bytes: a plug-in path of 4095
    bytes fits (with its NUL) and is loaded (here: there is no such file), one of 4096 does not and is refused by
    its length, before any load."""
    run = (lambda a: parley.negotiate(EXAMPLES / "textbook-buyer-seller.json", [a, "conceder"])) if how == "negotiate" \
        else (lambda a: parley.Negotiation(EXAMPLES / "textbook-buyer-seller.json", [a, "conceder"]))
    fits = "./" + "b" * 4090 + ".so"
    assert len(fits) == 4095
    with pytest.raises(parley.InputError) as caught:
        run(fits)
    # (the message, path and system's reason, is cut to the 767 bytes of parley_error's message)
    assert caught.value.message.startswith(f"cannot load the agent plug-in: {fits[:700]}")
    assert caught.value.file == fits[:255]
    with pytest.raises(parley.InputError) as caught:
        run(fits[:-3] + "b.so")
    assert caught.value.message == "agent name too long (4096 characters)" and caught.value.file == ""
