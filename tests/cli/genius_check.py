#!/usr/bin/env python3
"""genius_check.py: runs `parley analyze --json` on every GENIUS domain of a folder tree and compares its
figures with the independent computation of bench/genius_reference.py (xml.etree, plain loops, exact
arithmetic, GENIUS semantics: weights as written, utilities capped at 1).  Counts must be equal; utilities and
solution values agree within TOL (parley rounds utilities to 2^-32 and prints 9 decimals).

usage: genius_check.py PARLEY SOURCE_DIR GENIUS_DIR FOLDER... [--max-outcomes N]
Prints one line per negotiation and exits 1 on the first disagreement.

Which files form a negotiation: in each folder, a file with weights or evaluations is a profile, any other
is a domain; a domain's profiles are those whose names start with the domain's stem (anac2012:
"Energy-A-domain.xml" -> "Energy-A-prof*.xml"), else every profile of the folder; the uncertainty variants
("UniversityA20.xml") are left out.  Profiles without any evaluation (blank templates, ANAC 2015
building_construction 1-10) are expected to be refused with exit code 2 and are analysed apart.
"""
import json
import os
import re
import subprocess
import sys

TOL = 1e-8


def natural(s):
    return [int(t) if t.isdigit() else t for t in re.split(r'(\d+)', s)]


def kind(path):
    data = open(path, 'rb').read()
    if b'<weight' in data or b'hyperRectangle' in data or b'evaluation=' in data:
        return 'profile'
    return 'domain'


def blank(path):
    data = open(path, 'rb').read()
    return b'evaluation=' not in data and b'<evaluator' not in data


def negotiations(root):
    for dirpath, _, files in sorted(os.walk(root)):
        xs = sorted([f for f in files if f.endswith('.xml') and f != 'pareto.xml'], key=natural)
        doms = [f for f in xs if kind(os.path.join(dirpath, f)) == 'domain']
        profs = [f for f in xs if kind(os.path.join(dirpath, f)) == 'profile'
                 and not re.search(r'[-_]?[A-C]\d+\.xml$', f)]
        for d in doms:
            stem = re.sub(r'([-_]domain)?\.xml$', '', d)
            ps = [p for p in profs if p.startswith(stem)] or profs
            yield dirpath, d, ps


def close(a, b):
    return abs(a - b) <= TOL


def compare(mine, ref, label):
    problems = []
    for key in ('outcomes', 'acceptable'):
        if mine[key] != ref[key]:
            problems.append('%s: parley %s, reference %s' % (key, mine[key], ref[key]))
    if mine['pareto']['count'] != ref['pareto']:
        problems.append('pareto: parley %s, reference %s' % (mine['pareto']['count'], ref['pareto']))
    for p, q in zip(mine['parties'], ref['parties']):
        if p['name'] != q['name'] or p['accepts'] != q['accepts'] or not close(p['best'], q['best']) \
                or not close(p['reservation'], q['reservation']):
            problems.append('party %s: parley %s, reference %s' % (q['name'], p, q))
    names = [q['name'] for q in ref['parties']]
    for s, r in ref['solutions'].items():
        m = mine['solutions'].get(s)
        if (m is None) != (r is None):
            problems.append('%s: parley %s, reference %s' % (s, m, r))
            continue
        if r is None:
            continue
        mu = [m['utilities'][n] for n in names]
        if not close(m['value'], r['value']) or not all(close(a, b) for a, b in zip(mu, r['utilities'])):
            problems.append('%s: parley %s %s, reference %s %s' % (s, m['value'], mu, r['value'], r['utilities']))
    if problems:
        print('FAIL %s\n  %s' % (label, '\n  '.join(problems)))
        return False
    return True


def main(argv):
    parley, source, genius = argv[1], argv[2], argv[3]
    folders = [a for a in argv[4:] if not a.startswith('--')]
    max_outcomes = 400000
    if '--max-outcomes' in argv:
        max_outcomes = int(argv[argv.index('--max-outcomes') + 1])
    sys.path.insert(0, os.path.join(source, 'bench'))
    import genius_reference as ref
    checked = refused = 0
    for folder in folders:
        for dirpath, dom, profs in negotiations(os.path.join(genius, folder)):
            good = [p for p in profs if not blank(os.path.join(dirpath, p))]
            bad = [p for p in profs if blank(os.path.join(dirpath, p))]
            label = os.path.relpath(os.path.join(dirpath, dom), genius)
            if bad:  # a blank profile must be refused, naming the file
                args = [parley, 'analyze', os.path.join(dirpath, dom)] + [os.path.join(dirpath, p) for p in bad[:2]]
                r = subprocess.run(args, capture_output=True, text=True)
                if r.returncode != 2 or bad[0] not in r.stderr:
                    print('FAIL %s: blank profile %s gave exit %d: %s' % (label, bad[0], r.returncode, r.stderr))
                    return 1
                refused += 1
            if len(good) < 2:
                continue
            issues = ref.read_domain(os.path.join(dirpath, dom))
            size = 1
            for i in issues:
                size *= len(i['labels'])
            if size > max_outcomes:
                print('skip %s (%d outcomes: beyond --max-outcomes)' % (label, size))
                continue
            # every valid profile when the space is small, else the first three
            chosen = good if size * len(good) <= 100000 else good[:3]
            paths = [os.path.join(dirpath, dom)] + [os.path.join(dirpath, p) for p in chosen]
            r = subprocess.run([parley, 'analyze', '--json'] + paths, capture_output=True, text=True)
            if r.returncode != 0:
                print('FAIL %s: parley exit %d: %s' % (label, r.returncode, r.stderr))
                return 1
            mine = json.loads(r.stdout)
            theirs = ref.analyze(paths[0], paths[1:])
            if not compare(mine, theirs, label):
                return 1
            checked += 1
            print('ok %s: %d parties, %d outcomes, %d acceptable, %d on the frontier'
                  % (label, len(chosen), theirs['outcomes'], theirs['acceptable'], theirs['pareto']))
    print('%d negotiations agree with the reference, %d blank profiles refused' % (checked, refused))
    return 0 if checked > 0 else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
