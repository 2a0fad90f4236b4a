#!/usr/bin/env bash
# Measures, in one run on the same files, the time of a full snakeguard
# scan (all rules, no dependency audit) against the time python3 needs just
# to ast.parse the files, and snakeguard's peak memory.
#   scripts/bench-scan.sh [DIR]   (default: python3's standard library, site-packages excluded)
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
total = 0
for f in sorted(files):
    with open(f, "rb") as fh:
        s = fh.read()
    total += len(s)
    try:
        ast.parse(s)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
print(f"{time.perf_counter() - start:.3f} {len(files)} {total/1e6:.1f}")
PY
)
read -r pysecs nfiles mb <<<"$py"
start=$(date +%s.%N)
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v "$bin" scan --no-deps --format json -o /dev/null --extend-exclude site-packages "$dir" 2>/tmp/sg-bench-time || true
  rss=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' /tmp/sg-bench-time)
else
  "$bin" scan --no-deps --format json -o /dev/null --extend-exclude site-packages "$dir" || true
  rss="n/a"
fi
end=$(date +%s.%N)
sgsecs=$(echo "$end - $start" | bc)
echo "files=$nfiles MB=$mb python3_ast_parse_s=$pysecs snakeguard_scan_s=$sgsecs ratio=$(echo "scale=3; $sgsecs / $pysecs" | bc) peak_rss_kb=$rss"
