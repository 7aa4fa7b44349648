# Two commands set everything up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BROWSER_STAMP := $(VENV)/.installed-browser
# The browser tests drive this Chromium (Debian's `chromium` package); Playwright downloads none.
CHROMIUM ?= /usr/bin/chromium
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve site test test-browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(BROWSER_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,browser]'
	touch $(BROWSER_STAMP)

# Installed only when it is missing.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver

## Build the site from filings/ and serve it on http://127.0.0.1:8000 (rebuilds on change).
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## Build the site into site/ and stop.
site: $(STAMP)
	$(BIN)/mkdocs build --strict

## Set up and run the tests (the browser tests are left to `make test-browser`).
test: $(STAMP)
	SKIP_BROWSER=1 $(BIN)/python -m pytest -q

## Set up Playwright and Chromium, and run the browser tests in tests/browser (they must run).
test-browser: $(BROWSER_STAMP) $(CHROMIUM)
	REQUIRE_BROWSER=1 CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -q tests/browser

clean:
	rm -rf site $(VENV)
