#!/bin/bash
# run.sh: parley's "bayes" opponent model next to GENIUS 10.4's BayesianOpponentModelScalable, evaluation by
# evaluation.  Needs GENIUS built by ../shared/genius-reference/harness/build.sh (GENIUS_BUILD, default
# /tmp/genius-build) and parley's build/libparley.a.  The sequence: Boulware's 820 offers against HardHeaded on
# Camera-A (a reference trace; 78 different bids) then 400 random bids (the model breaks down among them, in both).
# Prints the largest difference at each measuring point; exit 0 when every one is below 1e-9.
# Run from the repository root: tests/genius/bayes_vs_genius/run.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
GB=${GENIUS_BUILD:-/tmp/genius-build}
[ -f "$GB/classpath" ] || { echo "run.sh: no GENIUS build in $GB (harness/build.sh)"; exit 2; }
D=$ROOT/../shared/genius/anac2012/Camera
TRACE=$ROOT/../shared/genius-reference/traces/Camera__HardHeaded__Boulware__s1.jsonl.gz
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
python3 - "$D/Camera-A-domain.xml" "$TRACE" "$W/seq.tsv" <<'PY'
import gzip, json, random, sys, xml.etree.ElementTree as ET
issues = list(ET.parse(sys.argv[1]).getroot().iter("issue"))
names = [i.get("name") for i in issues]
values = [[v.get("value") for v in i.iter("item")] for i in issues]
acts = [json.loads(l) for l in gzip.open(sys.argv[2], "rt") if l.strip()]
seq = ["\t".join(a["bid"][n] for n in names) for a in acts if a.get("agent") == 1 and a.get("action") == "offer"]
r = random.Random(7)
seq += ["\t".join(r.choice(v) for v in values) for _ in range(400)]
open(sys.argv[3], "w").write("\n".join(seq) + "\n")
PY
CP=$(cat "$GB/classpath")
javac -cp "$CP" -d "$W" "$HERE/BayesCheck.java"
java -cp "$W:$CP" BayesCheck "$D/Camera-A-domain.xml" "$D/Camera-A-prof2.xml" "$W/seq.tsv" >"$W/java.out" 2>/dev/null
cc -O1 -I "$ROOT/include" "$HERE/bayes_check.c" "$ROOT/build/libparley.a" -o "$W/bayes_check" \
   $(pkg-config --libs jansson expat libmicrohttpd sqlite3 nettle) -lm -lpthread -ldl
"$W/bayes_check" "$D/Camera-A-domain.xml" "$D/Camera-A-prof1.xml" "$D/Camera-A-prof2.xml" "$W/seq.tsv" >"$W/c.out"
python3 - "$W/java.out" "$W/c.out" <<'PY'
import sys
def read(p):
    return {(int(k), int(i)): float(v) for k, i, v in (l.split() for l in open(p))}
j, c = read(sys.argv[1]), read(sys.argv[2])
if not j or set(j) != set(c):
    sys.exit("run.sh: the two sides measured different points")
worst = {}
for key in j:
    worst[key[0]] = max(worst.get(key[0], 0), abs(j[key] - c[key]))
for k in sorted(worst):
    print("after %4d bids: largest |GENIUS - parley| over 40 bids %.1e" % (k, worst[k]))
sys.exit(0 if max(worst.values()) < 1e-9 else 1)
PY
