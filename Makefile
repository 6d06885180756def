# Two commands for a fresh machine: `make demo` and `make test`. Both set everything up
# first (system packages, .venv with hfaug and its dependencies) and are quick when done.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.hfaug-installed
PYTEST_ARGS ?=
TEST_WORKERS ?= 2

.PHONY: setup demo test test-quick typecheck clean

setup: $(STAMP)
	@bash scripts/setup_system.sh

$(STAMP): pyproject.toml
	@bash scripts/setup_system.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

demo: setup
	$(BIN)/python scripts/demo.py

test: setup typecheck
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

test-quick: setup
	$(BIN)/python -m pytest -m "not slow" -x -q $(PYTEST_ARGS)

typecheck: setup
	$(BIN)/python -m mypy hfaug

clean:
	rm -rf $(VENV) out .pytest_cache
