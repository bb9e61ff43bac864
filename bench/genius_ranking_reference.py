#!/usr/bin/env python3
"""genius_ranking_reference.py: the slim reference of GENIUS 10.4's round-robin outcomes that
tests/genius/check_ranking.py checks parley against (tests/genius/ranking-genius.jsonl).

usage: genius_ranking_reference.py GENIUS.jsonl OUT.jsonl
  GENIUS.jsonl  the summaries written by bench/genius_ranking.sh (OUT/genius.jsonl: one line per negotiation)
  OUT.jsonl     one line per negotiation GENIUS finished, with or without agreement, in the input's order:
                domain, a (first, profile A-prof1, opens), b, agreement, last_round, and with an agreement u0, u1
                (undiscounted utilities) and bid (the agreed values, in the domain's issue order, as GENIUS lists
                them); runs without a summary are left out (counted on stderr).  About 290 KB for the 1,619
                negotiations of the 24 ANAC 2012 domains.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from genius_ranking_table import read_genius  # noqa: E402

FIELDS = ("domain", "a", "b", "agreement", "last_round")
AGREED_FIELDS = ("u0", "u1", "bid")


def slim(summary):
    """The fields of a GENIUS summary that the check compares (and the bid, to tell a difference by eye)."""
    keep = FIELDS + (AGREED_FIELDS if summary["agreement"] else ())
    slimmed = {k: summary[k] for k in keep}
    if "bid" in slimmed:
        slimmed["bid"] = list(slimmed["bid"].values())
    return slimmed


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        finished, failed = read_genius(sys.argv[1])
    except (OSError, ValueError, KeyError) as e:
        print("genius_ranking_reference: %s: %s" % (sys.argv[1], e), file=sys.stderr)
        return 2
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for summary in finished.values():
            out.write(json.dumps(slim(summary), separators=(",", ":")) + "\n")
    print("genius_ranking_reference: %d negotiations written, %d runs without a summary left out"
          % (len(finished), sum(failed.values())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
