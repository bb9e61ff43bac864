#!/usr/bin/env python3
"""genius_reference.py: a straightforward, independent reading and analysis of GENIUS XML negotiation domains.

It shares no code with parley: it parses the files with Python's xml.etree, applies GENIUS's semantics
(see /work/shared/genius/README.md and docs/genius.md) and walks the whole outcome space with plain loops.
It serves two purposes:
  - the reference implementation that bench/bench_genius.c times parley against (a ratio);
  - the independent checker of tests/cli/genius_anac.sh, which compares its figures with `parley analyze --json`.

usage: genius_reference.py DOMAIN.xml PROFILE.xml PROFILE.xml [...]   prints one JSON object:
  {"outcomes", "acceptable", "parties": [{"name", "reservation", "accepts", "best"}], "pareto": count,
   "solutions": {"nash": {"utilities": [...], "value"}, ...}, "seconds"}

Utilities are rounded to multiples of 2^-32 before comparison, as parley documents (docs/analysis-json.md),
so that both sides decide ties the same way.
"""
import itertools
import json
import os
import re
import sys
import time
import xml.etree.ElementTree as ET


def quantize(u):
    shift = 1.5 * 2.0 ** 20
    return (u + shift) - shift


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


def read_profile(path, issues):
    root = parse(path)
    objective = root.find('.//objective')
    weights = {int(w.get('index')): float(w.get('value')) for w in objective.findall('weight')}
    # weights of the issues, normalised to sum 1 (a few ANAC files are off by up to 1%)
    total = sum(weights[i['index']] for i in issues)
    weights = {k: v / total for k, v in weights.items()} if abs(total - 1.0) > 1e-12 else weights
    by_index = {int(el.get('index')): el for el in objective.findall('issue')}
    tables = []
    for issue in issues:
        el = by_index[issue['index']]
        w = weights[issue['index']]
        if issue['type'] == 'discrete':
            ev = {}
            for item in el.findall('item'):
                ev[item.get('value')] = float(item.get('evaluation'))
            top = max(ev.values())
            tables.append([w * (ev[label] / top if top > 0 else 0.0) for label in issue['labels']])
        else:
            e = el.find('evaluator')
            slope = float(e.get('slope', e.get('parameter1', '0')))
            offset = float(e.get('offset', e.get('parameter0', '0')))
            lo = int(el.get('lowerbound', issue['lo']))
            row = []
            for x in issue['labels']:
                u = slope * (x - lo) + offset
                row.append(w * min(1.0, max(0.0, u)))
            tables.append(row)
    reservation = 0.0
    r = root.find('.//reservation')
    if r is not None:
        reservation = float(r.get('value'))
    name = os.path.splitext(os.path.basename(path))[0]
    return {'name': name, 'tables': tables, 'reservation': quantize(reservation)}


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
    res = [p['reservation'] for p in parties]
    accepts = [0] * n
    acceptable = []
    # each outcome's utility: the weighted values summed in issue order, from 0.0
    rows = [list(zip(*[p['tables'][i] for p in parties])) for i in range(len(issues))]
    number = 0
    for combo in itertools.product(*rows):
        u = [0.0] * n
        for cell in combo:
            for k in range(n):
                u[k] += cell[k]
        u = tuple(quantize(x) for x in u)
        ok = True
        for k in range(n):
            if u[k] >= res[k]:
                accepts[k] += 1
            else:
                ok = False
        if ok:
            acceptable.append((u, number))
        number += 1
    front = pareto2(acceptable) if n == 2 else pareto(acceptable)
    best = list(res)
    for u, _ in front:
        for k in range(n):
            best[k] = max(best[k], u[k])
    solutions = {}
    kinds = ['nash', 'kalai', 'egalitarian', 'welfare']
    chosen = {s: None for s in kinds}
    value = {s: float('-inf') for s in kinds}
    for u, k in front:
        product, ratio, smallest, total = 1.0, float('inf'), float('inf'), 0.0
        for p in range(n):
            gain = u[p] - res[p]
            rng = best[p] - res[p]
            product *= gain
            r = gain / rng if rng > 0 else 1.0
            ratio = min(ratio, r)
            smallest = min(smallest, gain)
            total += u[p]
        for s, v in zip(kinds, (product, ratio, smallest, total)):
            if v > value[s]:
                value[s], chosen[s] = v, u
    for s in kinds:
        solutions[s] = None if chosen[s] is None else {'utilities': list(chosen[s]), 'value': value[s]}
    return {
        'outcomes': outcomes,
        'acceptable': len(acceptable),
        'parties': [{'name': names[k], 'reservation': res[k], 'accepts': accepts[k], 'best': best[k]}
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
