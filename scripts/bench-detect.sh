#!/usr/bin/env bash
# Measures detection on two public, independently labelled corpora that are
# not part of this repository:
#   OWASP Benchmark for Python (OWASP-Benchmark/BenchmarkPython): 1,230 test
#     cases, each a Flask view that is or is not vulnerable;
#   the annotated Python tests of the Semgrep rules (semgrep/semgrep-rules,
#     folder python/): lines marked `# ruleid:` (vulnerable) and `# ok:`.
#   scripts/bench-detect.sh OWASP_BENCHMARK_DIR SEMGREP_RULES_PYTHON_DIR
# When the OWASP checkout holds the benchmark's own results of other tools
# (results/*.sarif), they are scored the same way for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
owasp=$(cd "$1" && pwd)
semgrep=$(cd "$2" && pwd)
bin=$(mktemp -d)/snakeguard
go build -o "$bin" ./cmd/snakeguard
out=$(mktemp -d)
(cd "$owasp" && "$bin" scan --no-deps --format json -o "$out/owasp.json" . || true)
echo "== OWASP Benchmark for Python: snakeguard"
python3 scripts/owasp-benchmark.py "$owasp" "$out/owasp.json"
for sarif in "$owasp"/results/*.sarif; do
  [ -e "$sarif" ] || continue
  echo "== OWASP Benchmark for Python: $(basename "$sarif") (published with the benchmark)"
  python3 scripts/owasp-benchmark.py "$owasp" "$sarif" | tail -2
done
(cd "$semgrep" && "$bin" scan --no-deps --format json -o "$out/semgrep.json" . || true)
echo "== Semgrep rules' annotated Python tests: snakeguard"
python3 scripts/semgrep-rules-score.py "$semgrep" "$out/semgrep.json"
