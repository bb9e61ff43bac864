#!/usr/bin/env bash
# fuzz/run.sh BUILD_DIR SECONDS: runs every built fuzz_* target (or those FUZZ_TARGETS names) for SECONDS each,
# each seeded with inputs of its
# own kind: its committed corpus fuzz/corpus/<target>/, plus
#   fuzz_genius      the ANAC XML domains and profiles of ../shared/genius (each file, and each domain with two of
#                    its profiles cut by "%%" as the target reads them) and tests/data/genius;
#   fuzz_documents   each ANAC domain with its profiles, cut by "=====" (the documents of one upload);
#   fuzz_expr        the rules found in the JSON files of tests/data and examples;
#   fuzz_conflict    the conflict models of examples;
#   fuzz_compare     the candidate texts of tests/data/moves;
#   the JSON readers (fuzz_scenario, fuzz_limits, fuzz_server_request, fuzz_agent_spec): the JSON files of
#                    tests/data and examples.
# An input that runs longer than FUZZ_TIMEOUT seconds (default 60: a loaded machine stretches wall time) is a
# hang.  Findings go to BUILD_DIR/fuzz-findings/<target>/; a summary of runs and coverage (libFuzzer's cov: edges and
# ft: features, at the start on the seeds and at the end) to BUILD_DIR/fuzz-findings/summary.txt.  Exits non-zero
# when any target crashed, leaked, hung or ran out of memory.
set -uo pipefail
if [ $# -ne 2 ]; then
  echo "usage: fuzz/run.sh BUILD_DIR SECONDS" >&2
  exit 2
fi
build=$(cd "$1" 2>/dev/null && pwd) || { echo "fuzz/run.sh: no build directory '$1'" >&2; exit 2; }
seconds=$2
src=$(cd "$(dirname "$0")/.." && pwd)
shared="$src/../shared/genius"
targets=$(find "$build/fuzz" -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x 2>/dev/null | sort)
if [ -n "${FUZZ_TARGETS:-}" ]; then # only these (names separated by spaces)
  targets=$(for t in $targets; do case " $FUZZ_TARGETS " in *" $(basename "$t") "*) echo "$t" ;; esac; done)
fi
if [ -z "$targets" ]; then
  echo "fuzz/run.sh: no fuzz_* targets in $build/fuzz (configure with -DPARLEY_FUZZ=ON and build them)" >&2
  exit 2
fi

# GENIUS seeds: every XML file under 64 kB, and each domain (a file without weights) joined with up to two
# profiles of its folder by SEPARATOR.
genius_seeds() { # OUT SEPARATOR
  python3 - "$shared" "$src/tests/data/genius" "$1" "$2" <<'PY'
import glob, hashlib, os, sys
shared, local, out, sep = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].encode().decode('unicode_escape')
def save(text):
    open(os.path.join(out, hashlib.sha1(text.encode()).hexdigest()), 'w').write(text)
folders = {}
for path in glob.glob(shared + '/**/*.xml', recursive=True) + glob.glob(local + '/**/*.xml', recursive=True):
    if os.path.getsize(path) > 64 * 1024:
        continue
    try:
        text = open(path, encoding='utf-8', errors='replace').read()
    except OSError:
        continue
    if sep == '':
        save(text)
    kind = 'profiles' if 'weight' in text else 'domains'
    folders.setdefault(os.path.dirname(path), {'domains': [], 'profiles': []})[kind].append(text)
for f in folders.values():
    for d in f['domains']:
        if f['profiles'][:2]:
            save((sep or '\n%%\n').join([d] + f['profiles'][:2]))
PY
}

json_seeds() { # OUT
  find "$src/tests/data" "$src/examples" -name '*.json' -size -64k -exec cp {} "$1/" \; 2>/dev/null
}

rule_seeds() { # OUT
  python3 - "$src" "$1" <<'PY'
import json, os, sys, glob, hashlib
src, out = sys.argv[1], sys.argv[2]
rules = set(['prisoners >= 30 * hostages', 'end_of_war == "yes"', 'phase in ["one", "two"]',
             'if phase == "two" then share <= 0.3', 'not (temp < -1 or order == 2) -> notice != 1',
             'temp in [-1, 0]', 'prisoners / hostages > 10 && !(share == 0.3)'])
def walk(x):
    if isinstance(x, dict):
        if isinstance(x.get('rule'), str):
            rules.add(x['rule'])
        for v in x.values():
            walk(v)
    elif isinstance(x, list):
        for v in x:
            walk(v)
for path in glob.glob(src + '/tests/data/**/*.json', recursive=True) + glob.glob(src + '/examples/**/*.json', recursive=True):
    try:
        walk(json.load(open(path)))
    except Exception:
        pass
for r in rules:
    open(os.path.join(out, hashlib.sha1(r.encode()).hexdigest()), 'w').write(r)
PY
}

# "INITED cov: A ft: B" and "DONE cov: C ft: D" of a libFuzzer log, as "A B C D RUNS".
coverage() {
  awk '/INITED/ { for (i = 1; i < NF; i++) { if ($i == "cov:") c0 = $(i+1); if ($i == "ft:") f0 = $(i+1) } }
       /(DONE|pulse|NEW|REDUCE) / { for (i = 1; i < NF; i++) { if ($i == "cov:") c1 = $(i+1); if ($i == "ft:") f1 = $(i+1) } }
       /stat::number_of_executed_units/ { runs = $2 }
       END { printf "%s %s %s %s %s\n", c0 ? c0 : "?", f0 ? f0 : "?", c1 ? c1 : "?", f1 ? f1 : "?", runs ? runs : "?" }' "$1"
}

summary="$build/fuzz-findings/summary.txt"
mkdir -p "$build/fuzz-findings"
printf '%-22s %10s %14s %16s  %s\n' target runs "cov (edges)" "ft (features)" result >"$summary"
status=0
for target in $targets; do
  name=$(basename "$target")
  corpus="$build/fuzz-corpus/$name"
  findings="$build/fuzz-findings/$name"
  mkdir -p "$corpus" "$findings"
  rm -f "$findings"/crash-* "$findings"/leak-* "$findings"/timeout-* "$findings"/oom-*
  [ -d "$src/fuzz/corpus/$name" ] && cp "$src/fuzz/corpus/$name"/* "$corpus/" 2>/dev/null
  case "$name" in
    fuzz_genius) genius_seeds "$corpus" '' ;;
    fuzz_documents) genius_seeds "$corpus" '\n=====\n' ;;
    fuzz_expr) rule_seeds "$corpus" ;;
    fuzz_conflict) cp "$src"/examples/gmcr/*.json "$src"/examples/*conflict*.json "$corpus/" 2>/dev/null ;;
    fuzz_compare) cp "$src"/tests/data/moves/texts*.json "$corpus/" 2>/dev/null ;;
    fuzz_scenario|fuzz_limits|fuzz_server_request|fuzz_agent_spec) json_seeds "$corpus" ;;
  esac
  echo "== $name: $seconds s, $(ls "$corpus" | wc -l) seeds"
  (cd "$findings" && "$target" -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=1024 \
      -timeout="${FUZZ_TIMEOUT:-60}" -print_final_stats=1 "$corpus" >"$findings/log.txt" 2>&1)
  code=$?
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)' \
      "$findings/log.txt" | head -n 8
  result=ok
  if [ "$code" -ne 0 ] || ls "$findings"/crash-* "$findings"/leak-* "$findings"/timeout-* "$findings"/oom-* >/dev/null 2>&1; then
    echo "fuzz/run.sh: $name exited $code; log and inputs in $findings" >&2
    result="FAILED (exit $code, see $findings)"
    status=1
  fi
  read -r c0 f0 c1 f1 runs < <(coverage "$findings/log.txt")
  printf '%-22s %10s %14s %16s  %s\n' "$name" "$runs" "$c0 -> $c1" "$f0 -> $f1" "$result" >>"$summary"
done
echo
echo "== coverage (at the start on the seeds -> at the end), $seconds s per target"
cat "$summary"
exit $status
