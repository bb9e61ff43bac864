#!/usr/bin/env python3
"""genius_pareto_check.py: the approximate analysis of GENIUS's nonlinear ANAC 2014 domains against the
pareto.xml shipped beside each of them.

usage: genius_pareto_check.py PARLEY ANAC2014_DIR [--min-coverage F] [--evaluations N]

For each domain: runs `parley analyze --json --frontier` (which must say "exact": false and give its method),
then checks, independently of parley:
  - every outcome parley reports really has the utilities it claims: each profile's hyperrectangles are read
    here with xml.etree and summed by hand (utility / maxutility, capped at 1 as GENIUS does);
  - the reported outcomes are mutually non-dominated and acceptable (>= each reservation value);
  - coverage: the share of pareto.xml's points (those acceptable to both) that parley's frontier reaches,
    i.e. some found outcome is at least as good for both parties, within 1e-6 (pareto.xml has 8 digits).
Prints one line per domain and exits 1 when a check fails, the coverage is below --min-coverage, or no
domain with a pareto.xml was found (a checker that checked nothing fails).
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET


def parse(path):
    data = open(path, 'rb').read()
    at = data.find(b'<?xml')
    if at > 0:
        data = data[at:]
    return ET.fromstring(data)


def read_issues(domain):
    root = parse(domain)
    issues = []
    for el in root.iter('issue'):
        issues.append((int(el.get('index')), el.get('name'), int(el.get('lowerbound')), int(el.get('upperbound'))))
    return issues


def read_profile(path):
    root = parse(path)
    util = root.find('.//utility')
    scale = float(util.get('maxutility'))
    rects = []
    for ufun in util.findall('ufun'):
        w = float(ufun.get('weight', '1'))
        for r in ufun.findall('hyperRectangle'):
            bounds = [(int(b.get('index')), float(b.get('min')), float(b.get('max'))) for b in r.findall('INCLUDES')]
            rects.append((w * float(r.get('utility')), bounds))
    res = root.find('.//reservation')
    return scale, rects, float(res.get('value')) if res is not None else 0.0


def utility(profile, values):
    scale, rects, _ = profile
    total = 0.0
    for u, bounds in rects:
        if all(lo <= values[i] <= hi for i, lo, hi in bounds):
            total += u
    # GENIUS's NonlinearUtilitySpace.getUtility: the sum over maxutility, capped at 1 (50issues's rectangles can
    # add up to more than its maxutility: 1.11 uncapped)
    return min(1.0, total / scale)


def identifier(name):
    s = re.sub(r'[^A-Za-z0-9_]+', '_', name).strip('_')
    return '_' + s if s[:1].isdigit() else s


def main(argv):
    parley, root = argv[1], argv[2]
    min_cov = float(argv[argv.index('--min-coverage') + 1]) if '--min-coverage' in argv else 0.9
    extra = ['--evaluations', argv[argv.index('--evaluations') + 1]] if '--evaluations' in argv else []
    failed = False
    checked = 0
    for name in sorted(os.listdir(root)):
        d = os.path.join(root, name)
        ref_path = os.path.join(d, 'pareto.xml')
        if not os.path.exists(ref_path):
            continue
        domain = [f for f in os.listdir(d) if f.endswith('-domain.xml')][0]
        files = [os.path.join(d, f) for f in (domain, 'profile-1.xml', 'profile-2.xml')]
        r = subprocess.run([parley, 'analyze', '--json', '--frontier'] + extra + files, capture_output=True, text=True)
        if r.returncode != 0:
            print('FAIL %s: exit %d %s' % (name, r.returncode, r.stderr))
            return 1
        out = json.loads(r.stdout)
        if out.get('exact') is not False or not out.get('method'):
            print('FAIL %s: not marked approximate with a method' % name)
            return 1
        issues = read_issues(files[0])
        profiles = [read_profile(files[1]), read_profile(files[2])]
        res = [p[2] for p in profiles]
        parties = [p['name'] for p in out['parties']]
        found = []
        for item in out['pareto']['outcomes']:
            values = {index: item['outcome'][identifier(iname)] for index, iname, lo, hi in issues}
            mine = [utility(p, values) for p in profiles]
            claimed = [item['utilities'][n] for n in parties]
            if any(abs(a - b) > 1e-9 for a, b in zip(mine, claimed)):
                print('FAIL %s: outcome %s is worth %s, parley says %s' % (name, values, mine, claimed))
                return 1
            if any(m < r0 - 1e-9 for m, r0 in zip(mine, res)):
                print('FAIL %s: outcome below a reservation value: %s' % (name, mine))
                return 1
            found.append(mine)
        for a in found:
            for b in found:
                if a != b and b[0] >= a[0] and b[1] >= a[1]:
                    print('FAIL %s: reported outcomes dominate each other: %s %s' % (name, a, b))
                    return 1
        ref = []
        for line in open(ref_path):
            parts = [p.strip() for p in line.split(',')]
            if len(parts) == 2 and parts[0]:
                ref.append((float(parts[0]), float(parts[1])))
        ref_ok = [p for p in ref if p[0] >= res[0] - 1e-6 and p[1] >= res[1] - 1e-6]
        reached = sum(1 for p in ref_ok if any(f[0] >= p[0] - 1e-6 and f[1] >= p[1] - 1e-6 for f in found))
        beyond = sum(1 for f in found if not any(p[0] >= f[0] - 1e-6 and p[1] >= f[1] - 1e-6 for p in ref))
        coverage = reached / len(ref_ok) if ref_ok else 1.0
        print('%s %s: %d found, pareto.xml %d (%d acceptable), coverage %.0f%%, %d beyond pareto.xml, %d evaluations'
              % ('ok  ' if coverage >= min_cov else 'FAIL', name, len(found), len(ref), len(ref_ok), 100 * coverage,
                 beyond, out['evaluations']))
        failed |= coverage < min_cov
        checked += 1
    if checked == 0:  # a checker that checked nothing must not pass
        print('FAIL: no domain with a pareto.xml under %s: nothing was checked' % root)
        return 1
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
