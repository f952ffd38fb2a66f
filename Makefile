# Two commands set up a fresh Debian machine (Python 3.11, run as root):
#   make site   — creates .venv, installs the archive, builds site/
#   make test   — installs test tools and Debian's chromium, runs every test

PYTHON ?= $(shell command -v python3.11 || command -v python3)
SUDO   := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)
VENV   := .venv
BIN    := $(VENV)/bin
# The site builder: mkdocs (default) or properdocs, e.g. `make site ENGINE=properdocs`.
ENGINE ?= mkdocs
export ARCHIVE_ENGINE := $(ENGINE)

.PHONY: site test check lint bench browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv \
		&& $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.site-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.site-installed

site: $(VENV)/.site-installed
	$(BIN)/archive build

# Debian's chromium: Playwright's own browser download cannot work without network.
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

check: $(VENV)/.site-installed
	$(BIN)/archive check

lint: $(VENV)/.test-installed
	$(BIN)/ruff check
	$(BIN)/mypy

test: $(VENV)/.test-installed browser lint
	$(BIN)/archive check
	$(BIN)/pytest

bench: $(VENV)/.test-installed
	$(BIN)/python -m bench.parallels --reports 2000

clean:
	rm -rf site $(VENV) .pytest_cache .mypy_cache .ruff_cache .archive-cache
