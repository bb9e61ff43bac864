#!/usr/bin/env bash
# textbook.sh: `parley analyze` and `parley diagnose` on the textbook examples, against figures worked by hand.
set -euo pipefail
parley=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$parley" analyze "$src/examples/textbook-buyer-seller.json" --json >"$tmp/bs.json"
"$parley" analyze "$src/examples/textbook-flatmates.json" --json >"$tmp/fm.json"
"$parley" diagnose "$src/examples/textbook-impasse.json" --json >"$tmp/im.json"

python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
def close(a, b): return abs(a - b) < 1e-9

# Buyer-seller.  Buyer: 0.6*(1 - price/2) + 0.4*[red]; Seller: 0.7*price/2 + 0.3*[blue]; Seller needs price >= 1.
#   (0,red) B 1.0 S 0.0  (0,blue) B 0.6 S 0.3  (1,red) B 0.7 S 0.35  (1,blue) B 0.3 S 0.65  (2,red) B 0.4 S 0.7
#   (2,blue) B 0.0 S 1.0.  Reservations 0.2: acceptable (1,red) (1,blue) (2,red); (1,blue) is dominated by (2,red).
#   Nash: 0.5*0.15 = 0.075 < 0.2*0.5 = 0.1 -> (2,red).  Best: B 0.7, S 0.7; Kalai min(0.4, 1) = 0.4 at (2,red)
#   against min(1, 0.3) = 0.3.  Egalitarian: 0.2 at (2,red).  Welfare: 1.1 at (2,red).
d = json.load(open(f"{tmp}/bs.json"))
assert (d["outcomes"], d["feasible"], d["acceptable"], d["pareto"]["count"]) == (6, 6, 3, 2), d
assert [p["accepts"] for p in d["parties"]] == [5, 4]
for name, value in (("nash", 0.1), ("kalai", 0.4), ("egalitarian", 0.2), ("welfare", 1.1)):
    s = d["solutions"][name]
    assert s["outcome"] == {"price": 2, "color": "red"}, (name, s)
    assert close(s["value"], value), (name, s["value"])
    assert close(s["utilities"]["Buyer"], 0.4) and close(s["utilities"]["Seller"], 0.7)

# Flatmates (utilities Ann, Bob, Cat):
#   sat-park (1, 0, .5)  sat-museum (.75, .75, .25)  sat-cinema (.5, .375, .75)
#   sun-park (.5, .25, .75)  sun-museum (.25, 1, .5)  sun-cinema (0, .625, 1)
#   Reservations 0.2: acceptable = sat-museum, sat-cinema, sun-park, sun-museum; sun-park is dominated by
#   sat-cinema, so the frontier has 3.  Gains: sat-museum (.55,.55,.05) product .015125; sat-cinema
#   (.3,.175,.55) product .028875; sun-museum (.05,.8,.3) product .012.  Best .75, 1, .75 (ranges .55,.8,.55):
#   Kalai min ratios .0909, .21875, .0909.  Egalitarian .05, .175, .05.  Welfare 1.75, 1.625, 1.75: the tie goes
#   to the lower outcome number, sat-museum (1) before sun-museum (4).
d = json.load(open(f"{tmp}/fm.json"))
assert (d["outcomes"], d["acceptable"], d["pareto"]["count"]) == (6, 4, 3), d
assert [p["accepts"] for p in d["parties"]] == [5, 5, 6]
expect = {"nash": ("sat", "cinema", 0.028875), "kalai": ("sat", "cinema", 0.21875),
          "egalitarian": ("sat", "cinema", 0.175), "welfare": ("sat", "museum", 1.75)}
for name, (day, place, value) in expect.items():
    s = d["solutions"][name]
    assert s["outcome"] == {"day": day, "place": place}, (name, s)
    assert close(s["value"], value), (name, s["value"])

# Impasse: cap (price <= 1) and floor (price >= 2) collide; so do cap, red_only and red_costs_more
# (red and price <= 1, but red needs price 2).  Dropping cap leaves exactly (2, red): Buyer 0.4, Seller 0.7.
d = json.load(open(f"{tmp}/im.json"))
assert d["acceptable"] == 0
sets = sorted(sorted(c["name"] for c in conflict) for conflict in d["conflicts"])
assert sets == [["cap", "floor"], ["cap", "red_costs_more", "red_only"]], sets
opened = [r for r in d["relaxations"] if r["zone"] > 0]
assert len(opened) == 1 and opened[0]["condition"]["name"] == "cap", opened
assert opened[0]["zone"] == 1 and opened[0]["nash"]["outcome"] == {"price": 2, "color": "red"}
print("textbook: 3 scenarios match the hand-worked figures")
PY
