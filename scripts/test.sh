#!/usr/bin/env bash
# The test command: lint, type-check, then the whole test suite on real components
# (SANE test/pnm devices configured per test, real SQLite, real ZIPs, Qt offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export PYINSANE_SINGLE_THREAD=1
echo "== ruff"
.venv/bin/ruff check scanstation tests benchmarks
echo "== mypy"
.venv/bin/mypy
echo "== pytest"
.venv/bin/python -m pytest -p no:cacheprovider "$@"
if [ -x scripts/bundle_check.sh ] && [ "${SCANSTATION_SKIP_BUNDLE:-0}" != "1" ]; then
  echo "== bundle"
  bash scripts/bundle_check.sh
fi
