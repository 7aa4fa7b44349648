# Two commands set everything up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve site test clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## Build the site from filings/ and serve it on http://127.0.0.1:8000 (rebuilds on change).
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## Build the site into site/ and stop.
site: $(STAMP)
	$(BIN)/mkdocs build --strict

## Set up and run the tests.
test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf site $(VENV)
