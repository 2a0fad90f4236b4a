#!/usr/bin/env bash
# Measures, in one run on the same files, the time of a snakeguard scan
# (no dependency audit) without the taint rules and with all rules, against
# the time python3 needs just to ast.parse the files, and snakeguard's peak
# memory in both. CPU seconds (user) are printed too: on a shared machine
# they vary less than wall time.
#   scripts/bench-scan.sh [DIR]   (default: python3's standard library, site-packages excluded)
# The last two scans run with --low-memory (a soft memory limit set from the
# source size); GOMEMLIMIT (any value, off too) replaces that limit.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')}
bin=$(mktemp -d)/snakeguard
go build -o "$bin" ./cmd/snakeguard
py=$(python3 - "$dir" <<'PY'
import ast, os, sys, time, warnings
warnings.simplefilter("ignore")
files = []
for d, dirs, names in os.walk(sys.argv[1]):
    dirs[:] = [x for x in dirs if x != "site-packages"]
    files += [os.path.join(d, n) for n in names if n.endswith(".py")]
start = time.perf_counter()
cpu = time.process_time()
total = 0
for f in sorted(files):
    with open(f, "rb") as fh:
        s = fh.read()
    total += len(s)
    try:
        ast.parse(s)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
print(f"{time.perf_counter() - start:.3f} {len(files)} {total/1e6:.1f} {time.process_time() - cpu:.3f}")
PY
)
read -r pysecs nfiles mb pycpu <<<"$py"
# measure LABEL [FLAGS...]: one snakeguard scan, its wall time and peak memory.
measure() {
  local label=$1
  shift
  local start end secs rss user
  start=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$bin" scan "$@" --no-deps --format json -o /dev/null --extend-exclude site-packages "$dir" 2>/tmp/sg-bench-time || true
    rss=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' /tmp/sg-bench-time)
    user=$(awk -F: '/User time/ {gsub(/ /,"",$2); print $2}' /tmp/sg-bench-time)
  else
    "$bin" scan "$@" --no-deps --format json -o /dev/null --extend-exclude site-packages "$dir" || true
    rss="n/a"
    user="n/a"
  fi
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc)
  echo "$label: snakeguard_scan_s=$secs ratio=$(echo "scale=3; $secs / $pysecs" | bc) user_cpu_s=$user peak_rss_kb=$rss"
  last=$secs
}
echo "files=$nfiles MB=$mb python3_ast_parse_s=$pysecs python3_cpu_s=$pycpu"
measure "without taint rules (--ignore SG6)" --ignore SG6
base=$last
measure "all rules"
echo "taint adds $(echo "scale=0; 100 * ($last - $base) / $base" | bc)% to the scan"
all=$last
measure "without taint rules, --low-memory" --ignore SG6 --low-memory
measure "all rules, --low-memory" --low-memory
last=$all
# Bandit on the same files, when it is installed (BENCH_BANDIT=0 skips it).
if [ "${BENCH_BANDIT:-1}" != 0 ] && command -v bandit >/dev/null; then
  start=$(date +%s.%N)
  bandit -r -q -f json -o /dev/null -x "$dir/site-packages,*/site-packages/*" "$dir" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  bsecs=$(echo "$end - $start" | bc)
  echo "bandit $(bandit --version 2>/dev/null | head -1 | awk '{print $2}'): bandit_s=$bsecs snakeguard_all_rules_is_$(echo "scale=1; $bsecs / $last" | bc)x_faster"
fi
