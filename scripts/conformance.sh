#!/usr/bin/env bash
# Compares snakeguard's parser with CPython 3.13's ast module over CPython
# 3.13's standard library and python3's standard library with its
# site-packages. Skips (and passes) when no CPython 3.13 is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
py313=""
if command -v pyenv >/dev/null 2>&1 && PYENV_VERSION=3.13.0 python3 -c 'import sys; assert sys.version_info[:2] == (3, 13)' 2>/dev/null; then
  py313="env PYENV_VERSION=3.13.0 python3"
elif command -v python3.13 >/dev/null 2>&1; then
  py313="python3.13"
fi
if [ -z "$py313" ]; then
  echo "conformance: skipped (no CPython 3.13 found)"
  exit 0
fi
bin=$(mktemp -d)/snakeguard
go build -o "$bin" ./cmd/snakeguard
std313=$($py313 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
trees=("$std313")
if command -v python3 >/dev/null 2>&1; then
  std=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
  [ "$std" != "$std313" ] && trees+=("$std")
fi
$py313 scripts/conformance.py --impl "$bin debug ast --format=cpython-json" --floor scripts/conformance-floor.txt "${trees[@]}"
