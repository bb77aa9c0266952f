# Every target bootstraps .venv itself: a fresh clone needs only Python >= 3.11 and PyPI.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.kznews-installed

.PHONY: demo test reliability lint bench bench-full clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "kznews needs Python >= 3.11 (python3.11 or newer on PATH)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	@touch $(STAMP)

demo: $(STAMP)  ## crawl the offline mirror through every pipeline into data/kznews.db and data/feeds/
	$(BIN)/kznews demo

test: $(STAMP)  ## every test, offline, one worker per core (tests/conftest.py: slowest modules first)
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder

reliability: $(STAMP)  ## fault injection, kill -9, full disk, readers, fuzzing (~70 s; also in `make test`); docs/reliability.md
	$(BIN)/python -m pytest -s tests/test_faults.py tests/test_reliability_data.py tests/test_reliability_security.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(STAMP)  ## quick benchmarks; writes benchmarks/RESULTS.md
	$(BIN)/python benchmarks/run_all.py

bench-full: $(STAMP)  ## full sizes (1M articles): long
	$(BIN)/python benchmarks/run_all.py --full

clean:
	rm -rf data/kznews.db data/kznews.db-* data/feeds .pytest_cache
