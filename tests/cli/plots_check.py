#!/usr/bin/env python3
"""plots_check.py: structural checks of the SVG plots that do not need a browser (plots.sh runs them).

usage: plots_check.py KIND FILE.svg [ARGS...]
  analysis FILE PAIRS        the four solutions labelled, both frontiers drawn, the legend, a density cloud,
                             one panel per pair (2 axis titles per panel)
  negotiation FILE PARTIES   whole-round ticks, a legend naming every party's packages and both frontiers, one
                             plane per pair, and (two parties) every package drawn inside the frontier of all
                             outcomes
  tournament FILE AGENT...   every agent named, a box and an agreement bar per agent
Exit 0 when every check holds; prints what failed otherwise.
"""
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


def texts(root):
    return [(t.text or "", float(t.get("x")), float(t.get("y"))) for t in root.iter(NS + "text")]


def axis_titles(root):
    return [s for s, _, _ in texts(root) if re.fullmatch(r"utility of [^()]+", s)]


def analysis(root, pairs):
    labels = set()
    for s, _, _ in texts(root):
        labels.update(part for part in s.split(" = "))
    for name in ("Nash", "Kalai", "egalitarian", "max welfare"):
        check(name in labels, f"solution {name} is not labelled")
    all_text = [s for s, _, _ in texts(root)]
    for entry in ("Pareto frontier of all outcomes", "Pareto frontier of acceptable outcomes", "reservation values"):
        check(entry in all_text, f"legend entry '{entry}' missing")
    check(len(axis_titles(root)) == 2 * pairs, f"{len(axis_titles(root))} axis titles, expected {2 * pairs}")
    polylines = list(root.iter(NS + "polyline"))
    check(len(polylines) == 2 * pairs, f"{len(polylines)} frontier lines, expected {2 * pairs}")
    cells = [r for g in root.iter(NS + "g") for r in g.iter(NS + "rect")]
    check(len(cells) > 20, f"density cloud of {len(cells)} cells")


def negotiation(root, parties):
    ts = texts(root)
    rounds = [(x, y) for s, x, y in ts if s == "round"]
    check(len(rounds) == 1, "no 'round' axis title")
    if rounds:
        tick_y = rounds[0][1] - 18  # tick labels sit 18 px above the axis title
        ticks = [s for s, _, y in ts if abs(y - tick_y) < 0.05]
        check(len(ticks) >= 2, f"round ticks: {ticks}")
        check(all(re.fullmatch(r"\d+", s) for s in ticks), f"round ticks are not whole: {ticks}")
    all_text = [s for s, _, _ in ts]
    for entry in ("Pareto frontier of all outcomes", "Pareto frontier of outcomes acceptable to all"):
        check(entry in all_text, f"legend entry '{entry}' missing")
    put = [s for s in all_text if s.startswith("package put forward by ") and "mediator" not in s]
    check(len(put) == parties, f"legend names the packages of {len(put)} parties, expected {parties}")
    pairs = parties * (parties - 1) // 2
    check(len(axis_titles(root)) == 2 * pairs, f"{len(axis_titles(root))} plane axis titles, expected {2 * pairs}")
    if parties == 2:
        # the first dashed polyline is the frontier of all outcomes; every package (r=2.8 dot) must lie on or
        # under it: some frontier vertex at least as far right and at least as high (y grows downwards)
        dashed = [p for p in root.iter(NS + "polyline") if p.get("stroke-dasharray") == "5,3"]
        check(len(dashed) == 1, f"{len(dashed)} frontiers of all outcomes in the plane")
        if dashed:
            vertices = [tuple(map(float, v.split(","))) for v in dashed[0].get("points").split()]
            dots = [(float(c.get("cx")), float(c.get("cy"))) for c in root.iter(NS + "circle") if c.get("r") == "2.8"]
            check(len(dots) > 0, "no package drawn")
            beyond = [d for d in dots if not any(vx >= d[0] - 0.6 and vy <= d[1] + 0.6 for vx, vy in vertices)]
            check(not beyond, f"{len(beyond)} packages beyond the frontier of all outcomes, e.g. {beyond[:3]}")


def tournament(root, agents):
    all_text = [s for s, _, _ in texts(root)]
    for a in agents:
        check(a in all_text, f"agent {a} not named")
    boxes = [r for r in root.iter(NS + "rect") if r.get("fill-opacity") == "0.35"]
    bars = [r for r in root.iter(NS + "rect") if r.get("fill-opacity") == "0.6"]
    check(len(boxes) == len(agents), f"{len(boxes)} utility boxes for {len(agents)} agents")
    check(len(bars) == len(agents), f"{len(bars)} agreement bars for {len(agents)} agents")


def main():
    kind, path, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    root = ET.parse(path).getroot()
    check(root.tag == NS + "svg", "the root is not <svg>")
    if kind == "analysis":
        analysis(root, int(args[0]))
    elif kind == "negotiation":
        negotiation(root, int(args[0]))
    elif kind == "tournament":
        tournament(root, args)
    else:
        sys.exit(f"unknown kind {kind}")
    for p in problems:
        print(f"FAIL {path}: {p}")
    sys.exit(1 if problems else 0)


main()
