# Two commands on a fresh machine: `make run` (install, build the store from data/reports/,
# serve the site) and `make test` (install with test extras, run the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: run test install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@if [ -f webapp/package.json ]; then npm ci --prefix webapp --no-audit --no-fund --loglevel=error; fi

install-test: install
	$(BIN)/python -m pip install --quiet -e '.[test]'

run: install
	$(BIN)/fazhi ingest data/reports
	$(BIN)/fazhi serve

test: install-test
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) data/store data/dumps
