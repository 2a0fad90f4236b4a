#!/usr/bin/env bash
# Measures, in one run on the same files, python3's ast.parse throughput
# and snakeguard's single-threaded parse throughput.
#   scripts/bench-parse.sh [DIR]   (default: python3's standard library)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')}
bin=$(mktemp -d)/snakeguard
go build -o "$bin" ./cmd/snakeguard
python3 - "$dir" <<'PY'
import ast, os, sys, time, warnings
warnings.simplefilter("ignore")
root = sys.argv[1]
files = []
for d, dirs, names in os.walk(root):
    dirs[:] = [x for x in dirs if x != "site-packages"]
    files += [os.path.join(d, n) for n in names if n.endswith(".py")]
srcs = []
for f in sorted(files):
    with open(f, "rb") as fh:
        srcs.append(fh.read())
total = sum(map(len, srcs))
start = time.perf_counter()
errors = 0
for s in srcs:
    try:
        ast.parse(s)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        errors += 1
secs = time.perf_counter() - start
print(f"python3 ast.parse: files={len(srcs)} MB={total/1e6:.2f} seconds={secs:.3f} MB/s={total/1e6/secs:.1f}")
PY
echo -n "snakeguard (1 thread): "
"$bin" debug parse --stats -j 1 --exclude site-packages "$dir" | tail -1
echo -n "snakeguard (all cores): "
"$bin" debug parse --stats --exclude site-packages "$dir" | tail -1
