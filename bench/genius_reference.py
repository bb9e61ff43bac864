#!/usr/bin/env python3
"""genius_reference.py: a straightforward, independent reading and analysis of GENIUS XML negotiation domains.

It shares no code with parley: it parses the files with Python's xml.etree, applies GENIUS's semantics
(see /work/shared/genius/README.md and docs/genius.md) and walks the whole outcome space with plain loops, in
exact arithmetic: every number of the files is read as the exact fraction its decimal text denotes, and a
party's utilities are integers over one common denominator, so sums, the cap at 1, comparisons with the
reservation value and Pareto dominance are exact.  GENIUS semantics (genius.core.utility.AdditiveUtilitySpace
getUtility): the weights are used as written (they need not sum to 1) and a utility above 1 counts as 1.
It serves two purposes:
  - the reference implementation that bench/bench_genius.c times parley against (a ratio);
  - the independent checker of tests/cli/genius_anac.sh, which compares its figures with `parley analyze --json`.

usage: genius_reference.py DOMAIN.xml PROFILE.xml PROFILE.xml [...]   prints one JSON object:
  {"outcomes", "acceptable", "parties": [{"name", "reservation", "accepts", "best"}], "pareto": count,
   "solutions": {"nash": {"utilities": [...], "value"}, ...}, "seconds"}

The figures are printed as floats of the exact values; parley agrees within 1e-9.
"""
from fractions import Fraction
from math import ceil, lcm
import itertools
import json
import os
import re
import sys
import time
import xml.etree.ElementTree as ET


def parse(path):
    with open(path, 'rb') as f:
        data = f.read()
    # GENIUS accepts a comment before the XML declaration: drop what precedes "<?xml".
    at = data.find(b'<?xml')
    if at > 0:
        data = data[at:]
    # GENIUS's own parser takes a bare '&' in an attribute ("Coffee & Thee") literally.
    data = re.sub(rb'&(?!(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);)', b'&amp;', data)
    try:
        data.decode('utf-8')
        return ET.fromstring(data)
    except UnicodeDecodeError:  # GENIUS also reads 8-bit files ("\x80" for the euro sign)
        parser = ET.XMLParser(encoding='iso-8859-1')
        parser.feed(data)
        return parser.close()


def issue_type(el):
    for attr in ('type', 'etype', 'vtype'):
        t = el.get(attr)
        if t:
            return t.lower()
    return 'discrete'


def read_domain(path):
    root = parse(path)
    objective = root.find('.//objective')
    issues = []
    for el in objective.findall('issue'):
        t = issue_type(el)
        index = int(el.get('index'))
        if t == 'discrete':
            labels = []
            for item in el.findall('item'):
                if item.get('value') not in labels:
                    labels.append(item.get('value'))
            issues.append({'index': index, 'type': t, 'labels': labels})
        elif t == 'integer':
            lo, hi = int(el.get('lowerbound')), int(el.get('upperbound'))
            issues.append({'index': index, 'type': t, 'lo': lo, 'hi': hi, 'labels': list(range(lo, hi + 1))})
        else:
            raise SystemExit('%s: issue type %s not handled by the reference' % (path, t))
    return issues


def exact(text):
    """The exact value of a decimal number as written in a file ("0.25", "1e-3")."""
    return Fraction(text.strip())


def read_profile(path, issues):
    """A party: its utility table per issue as integers over one denominator, its reservation value."""
    root = parse(path)
    objective = root.find('.//objective')
    # weights as written: GENIUS does not divide them by their sum (a few ANAC files sum to 1.00005 or 0.99)
    weights = {int(w.get('index')): exact(w.get('value')) for w in objective.findall('weight')}
    by_index = {int(el.get('index')): el for el in objective.findall('issue')}
    tables = []
    for issue in issues:
        el = by_index[issue['index']]
        w = weights[issue['index']]
        if issue['type'] == 'discrete':
            ev = {}
            for item in el.findall('item'):
                ev[item.get('value')] = exact(item.get('evaluation'))  # a value listed twice: the last counts
            top = max(ev.values())
            tables.append([w * (ev[label] / top if top > 0 else Fraction(0)) for label in issue['labels']])
        else:
            e = el.find('evaluator')
            slope = exact(e.get('slope', e.get('parameter1', '0')))
            offset = exact(e.get('offset', e.get('parameter0', '0')))
            lo = int(el.get('lowerbound', issue['lo']))
            tables.append([w * min(Fraction(1), max(Fraction(0), slope * (x - lo) + offset)) for x in issue['labels']])
    denominator = 1
    for row in tables:
        for x in row:
            denominator = lcm(denominator, x.denominator)
    reservation = Fraction(0)
    r = root.find('.//reservation')
    if r is not None:
        reservation = exact(r.get('value'))
    name = os.path.splitext(os.path.basename(path))[0]
    return {'name': name, 'denominator': denominator, 'reservation': reservation,
            'tables': [[int(x * denominator) for x in row] for row in tables]}


def pareto(points):
    """points: list of (utilities tuple, outcome number), all acceptable. Returns the non-dominated ones.
    Outcomes with equal utility vectors stand or fall together, so the dominance test runs on distinct vectors."""
    groups = {}
    for u, k in points:
        groups.setdefault(u, []).append(k)
    distinct = []
    for u in sorted(groups, key=lambda v: tuple(-x for x in v)):
        # every vector that could dominate u sorts before it; kept vectors differ from u
        if not any(all(a >= b for a, b in zip(q, u)) for q in distinct):
            distinct.append(u)
    kept = [(u, k) for u in distinct for k in groups[u]]
    kept.sort(key=lambda p: p[1])
    return kept


def pareto2(points):
    order = sorted(points, key=lambda p: (-p[0][0], -p[0][1]))
    kept = []
    best1 = float('-inf')   # best u1 among points with strictly greater u0
    i = 0
    while i < len(order):
        j = i
        u0 = order[i][0][0]
        while j < len(order) and order[j][0][0] == u0:
            j += 1
        top = order[i][0][1]   # largest u1 in this u0 group
        if top > best1:
            for p in order[i:j]:
                if p[0][1] == top:
                    kept.append(p)
        best1 = max(best1, top)
        i = j
    kept.sort(key=lambda p: p[1])
    return kept


def analyze(domain, profiles):
    issues = read_domain(domain)
    parties = [read_profile(p, issues) for p in profiles]
    names = [p['name'] for p in parties]
    n = len(parties)
    started = time.time()
    sizes = [len(i['labels']) for i in issues]
    outcomes = 1
    for s in sizes:
        outcomes *= s
    den = [p['denominator'] for p in parties]
    res = [p['reservation'] for p in parties]
    # u >= r for an integer numerator u over den: u >= ceil(r * den)
    floor_num = [ceil(res[k] * den[k]) for k in range(n)]
    accepts = [0] * n
    acceptable = []
    # each outcome's utility numerators: the weighted values summed, capped at the denominator (utility 1)
    rows = [list(zip(*[p['tables'][i] for p in parties])) for i in range(len(issues))]
    number = 0
    for combo in itertools.product(*rows):
        u = [0] * n
        for cell in combo:
            for k in range(n):
                u[k] += cell[k]
        ok = True
        for k in range(n):
            if u[k] > den[k]:
                u[k] = den[k]
            if u[k] >= floor_num[k]:
                accepts[k] += 1
            else:
                ok = False
        if ok:
            acceptable.append((tuple(u), number))
        number += 1
    front = pareto2(acceptable) if n == 2 else pareto(acceptable)
    # the bargaining solutions over the frontier, in fractions
    frontier = [(tuple(Fraction(u[k], den[k]) for k in range(n)), k) for u, k in front]
    best = list(res)
    for u, _ in frontier:
        for k in range(n):
            best[k] = max(best[k], u[k])
    solutions = {}
    kinds = ['nash', 'kalai', 'egalitarian', 'welfare']
    chosen = {s: None for s in kinds}
    value = {s: None for s in kinds}
    for u, k in frontier:
        product, ratio, smallest, total = Fraction(1), None, None, Fraction(0)
        for p in range(n):
            gain = u[p] - res[p]
            rng = best[p] - res[p]
            product *= gain
            r = gain / rng if rng > 0 else Fraction(1)
            ratio = r if ratio is None else min(ratio, r)
            smallest = gain if smallest is None else min(smallest, gain)
            total += u[p]
        for s, v in zip(kinds, (product, ratio, smallest, total)):
            if value[s] is None or v > value[s]:
                value[s], chosen[s] = v, u
    for s in kinds:
        solutions[s] = None if chosen[s] is None else {'utilities': [float(x) for x in chosen[s]],
                                                       'value': float(value[s])}
    return {
        'outcomes': outcomes,
        'acceptable': len(acceptable),
        'parties': [{'name': names[k], 'reservation': float(res[k]), 'accepts': accepts[k], 'best': float(best[k])}
                    for k in range(n)],
        'pareto': len(front),
        'solutions': solutions,
        'seconds': time.time() - started,
    }


def main(argv):
    if len(argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    print(json.dumps(analyze(argv[1], argv[2:])))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
