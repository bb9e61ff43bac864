"""test_kill14_amend: a Python agent's amendment in shuttle mediation, as the engine records it (issue 27: the
conversion of parley.Amend into the engine's changes ran in no test, only its refusal of too many changes).

The textbook scenario (price 0..2, colour red or blue; Buyer, Seller and the Broker as mediator), worked by hand:
the Seller's agent answers every text with one amendment of two changes, colour to "blue" (an issue by name, a
value by label) and issue 0, price, to 2 (an issue by index, a value by number: 2.0); the amendment event carries
both changes with their reasons, in order.  A reason is kept to REASON_MAX - 1 = 159 bytes of UTF-8, cut at a
character's boundary: 200 "é" (400 bytes) keep 79 (158 bytes), and "a" + 100 "é" keep "a" and 79.  The mediator
quotes an adopted amendment's reason cut to 100 bytes ("adopts Seller's amendment (%.100s)", src/agents/mediator.c),
which can end mid-character: an agent observing that text still reads it (the cut character shown as U+FFFD)
rather than failing the talks.
"""
from conftest import EXAMPLES

TEXTBOOK = str(EXAMPLES / "textbook-buyer-seller.json")


def amender(parley, reason, seen):
    class Amender(parley.Agent):
        name = "amender"

        def observe(self, view, event):
            seen.append(event)

        def respond(self, view, request):
            if request != "respond":
                return parley.Reject()
            return parley.Amend([("color", "blue", "want blue"), (0, 2.0, reason)])
    return Amender()


def amendments(trace):
    return [e for e in trace if e["event"] == "amendment"]


def test_amendment_changes_by_name_label_index_and_number(parley):
    seen = []
    trace = parley.negotiate(TEXTBOOK, agents=["boulware", amender(parley, "price up", seen)], protocol="shuttle",
                             rounds=2)
    made = amendments(trace)
    assert made, trace
    for e in made:
        assert e["party"] == "Seller" and e["to"] == "Broker"
        assert e["changes"] == [{"issue": "color", "value": "blue", "reason": "want blue"},
                                {"issue": "price", "value": 2, "reason": "price up"}]
        assert e["package"] == {"price": 2, "color": "blue"}


def test_reasons_cut_at_a_character(parley):
    for reason, kept in (("é" * 200, "é" * 79), ("a" + "é" * 100, "a" + "é" * 79), ("x" * 159, "x" * 159),
                         ("x" * 160, "x" * 159)):
        seen = []
        trace = parley.negotiate(TEXTBOOK, agents=["boulware", amender(parley, reason, seen)], protocol="shuttle",
                                 rounds=2)
        for e in amendments(trace):
            assert e["changes"][1]["reason"] == kept, (reason[:3], len(reason))


def test_observer_reads_a_quote_cut_mid_character(parley):
    seen = []
    reason = "a" + "é" * 100  # 201 bytes: the mediator's 100-byte quote ends in half an "é"
    parley.negotiate(TEXTBOOK, agents=["boulware", amender(parley, reason, seen)], protocol="shuttle", rounds=3)
    adopted = [c["reason"] for e in seen if e["event"] == "text" for c in e.get("changes", [])
               if c["reason"].startswith("adopts Seller's amendment (")]
    assert adopted, seen
    for r in adopted:
        assert r.startswith("adopts Seller's amendment (a" + "é" * 49)
