# claimwire: `make run` sets up and ingests the sample corpus; `make test` sets up and tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install run test lint bench lock clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

run: install
	$(BIN)/claimwire ingest corpus/
	$(BIN)/claimwire articles

test: install lint
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

# Throughput against bare spaCy, by stage, 1 and 2 processes (reads ../shared/corpus in place).
bench: install
	$(BIN)/claimwire bench

# Re-pin every dependency, with hashes, from the ranges in pyproject.toml (needs PyPI).
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --generate-hashes --allow-unsafe --extra dev --extra eval --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
