# The two commands of the README: `make run` and `make test`. Both set everything up first.
.PHONY: run test setup lint typecheck pytest bench bundle translations

VENV := .venv/bin

setup:
	@bash scripts/setup.sh

run: setup
	$(VENV)/scanstation

test: setup
	@bash scripts/test.sh

lint: setup
	$(VENV)/ruff check scanstation tests benchmarks

typecheck: setup
	$(VENV)/mypy

bench: setup
	@for b in benchmarks/*.py; do echo "== $$b"; $(VENV)/python $$b || exit 1; done

bundle: setup
	@bash scripts/build_bundle.sh

translations: setup
	$(VENV)/python scripts/update_translations.py
