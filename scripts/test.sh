#!/usr/bin/env bash
# The test command: lint, type-check, then the whole test suite on real components
# (SANE test/pnm devices configured per test, real SQLite, real ZIPs, Qt offscreen) with
# line coverage per package and the core's floor (scripts/coverage_report.py).
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export PYINSANE_SINGLE_THREAD=1
echo "== ruff"
.venv/bin/ruff check scanstation tests benchmarks
echo "== mypy"
.venv/bin/mypy
echo "== pytest"
# Line coverage of scanstation/, from this process and every Python it starts (pyproject
# [tool.coverage.run]); the report fails when the core drops below its floor. A run of
# some tests only (arguments given) prints the figures without holding them to it.
.venv/bin/python -m pytest -p no:cacheprovider --cov=scanstation --cov-report= "$@"
echo "== coverage"
floor=()
(($#)) && floor=(--no-floor)
.venv/bin/python scripts/coverage_report.py "${floor[@]}"
if [ -x scripts/bundle_check.sh ] && [ "${SCANSTATION_SKIP_BUNDLE:-0}" != "1" ]; then
  echo "== bundle"
  bash scripts/bundle_check.sh
fi
