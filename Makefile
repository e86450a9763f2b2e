# The two commands of the README: `make run` and `make test`. Both set everything up first.
.PHONY: run test test-windows windows-setup setup lint typecheck pytest bench bench-full bundle \
	translations layers lock

VENV := .venv/bin

setup:
	@bash scripts/setup.sh

# Recompile requirements/linux.lock and windows.lock (exact versions, hashes) from
# pyproject's ranges; UPGRADE=1 moves every pin to the newest release the ranges allow.
lock: setup
	@bash scripts/lock.sh

run: setup
	$(VENV)/scanstation

# The README's test command, and all that .ci/run calls: Linux first, then Windows under
# Wine (SCANSTATION_SKIP_WINDOWS=1 leaves the Windows part out of a local run).
test: setup
	@bash scripts/test.sh
	@if [ "$${SCANSTATION_SKIP_WINDOWS:-0}" != 1 ]; then bash scripts/windows/test-windows.sh; fi

# The Windows build under Wine (README «Windows»): installs Wine, NSIS etc. with apt, keeps
# the prefix, Windows Python, wheels and sane.ds in ~/.cache/scanstation-wine.
test-windows: setup
	@bash scripts/windows/test-windows.sh

windows-setup: setup
	@bash scripts/windows/setup.sh .

lint: setup
	$(VENV)/ruff check scanstation tests benchmarks

typecheck: setup
	$(VENV)/mypy

# Benchmarks print figures against a baseline measured in the same run; `make bench` runs
# each in its quick mode, `make bench-full` at full size (several minutes each).
BENCHMARKS := recognition ingest pack ui_open

bench: setup
	@for b in $(BENCHMARKS); do echo "== $$b"; QT_QPA_PLATFORM=offscreen $(VENV)/python -m benchmarks.$$b --quick || exit 1; done

bench-full: setup
	@for b in $(BENCHMARKS); do echo "== $$b"; QT_QPA_PLATFORM=offscreen $(VENV)/python -m benchmarks.$$b || exit 1; done

bundle: setup
	@bash scripts/build_bundle.sh

translations: setup
	$(VENV)/python scripts/update_translations.py

# docs/layers.md, the picture of the layers, drawn from the imports of scanstation/
# (tests/test_layers.py fails while it is stale).
layers: setup
	$(VENV)/python scripts/layers.py
