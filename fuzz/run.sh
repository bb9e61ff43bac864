#!/usr/bin/env bash
# fuzz/run.sh BUILD_DIR SECONDS: runs every built fuzz_* target for SECONDS each, with a seed corpus
# from tests/data and examples (JSON files for the readers, the rules found in them for fuzz_expr).
# Findings go to BUILD_DIR/fuzz-findings/<target>/; exits non-zero when any target crashed.
set -uo pipefail
if [ $# -ne 2 ]; then
  echo "usage: fuzz/run.sh BUILD_DIR SECONDS" >&2
  exit 2
fi
build=$(cd "$1" 2>/dev/null && pwd) || { echo "fuzz/run.sh: no build directory '$1'" >&2; exit 2; }
seconds=$2
src=$(cd "$(dirname "$0")/.." && pwd)
targets=$(find "$build/fuzz" -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x 2>/dev/null | sort)
if [ -z "$targets" ]; then
  echo "fuzz/run.sh: no fuzz_* targets in $build/fuzz (configure with -DPARLEY_FUZZ=ON and build them)" >&2
  exit 2
fi
status=0
for target in $targets; do
  name=$(basename "$target")
  corpus="$build/fuzz-corpus/$name"
  findings="$build/fuzz-findings/$name"
  mkdir -p "$corpus" "$findings"
  # seeds: every JSON file we have; for the expression fuzzer, the rules inside them
  if [ "$name" = fuzz_expr ]; then
    python3 - "$src" "$corpus" <<'PY'
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
  else
    find "$src/tests/data" "$src/examples" -name '*.json' -size -64k -exec cp {} "$corpus/" \; 2>/dev/null
  fi
  echo "== $name: $seconds s"
  (cd "$findings" && "$target" -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=1024 \
      -timeout=10 -print_final_stats=1 "$corpus" >"$findings/log.txt" 2>&1)
  code=$?
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)' \
      "$findings/log.txt" | head -n 8
  if [ "$code" -ne 0 ] || ls "$findings"/crash-* "$findings"/leak-* "$findings"/timeout-* "$findings"/oom-* >/dev/null 2>&1; then
    echo "fuzz/run.sh: $name exited $code; log and inputs in $findings" >&2
    status=1
  fi
done
exit $status
