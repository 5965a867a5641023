# Chairside: set-up and everyday commands. `make help` lists them.
# Every target first makes sure of the virtualenv (.venv, re-installed when pyproject.toml
# changes) and of the Debian libraries Qt needs (scripts/install-system-deps.sh; silent when
# nothing is missing, SKIP_SYSTEM_DEPS=1 skips it). USE_UV=0 installs with pip instead of uv.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
USE_UV ?= 1
# extra arguments: `make test PYTEST_ARGS='-k clock -x'`, `make run ARGS='--database URL'`
PYTEST_ARGS ?=
ARGS ?=
# virtual screen for `make screenshots`
SCREEN ?= 1440x900x24

SYSDEPS := bash scripts/install-system-deps.sh

.PHONY: help venv sysdeps sysdeps-x11 sysdeps-test run demo test bench lint screenshots clean

help:
	@echo "make run          the app (ARGS='--database URL' / '--demo' passed on)"
	@echo "make demo         the app on a throwaway demo database, chair 1 fed by a simulated monitor"
	@echo "make test         the whole test suite, headless (PYTEST_ARGS='...' passed on)"
	@echo "make lint         ruff check, then mypy (the type checker; config in pyproject.toml)"
	@echo "make bench        bench/run.py"
	@echo "make screenshots  scripts/screenshots.py in a real X11 window under Xvfb"
	@echo "make venv         only (re)create .venv and install the project into it"
	@echo "make clean        remove .venv and caches"
	@echo "PostgreSQL tests: scripts/test-postgres.sh run make test"

# --- the virtualenv --------------------------------------------------------------------------

# python3 -m venv needs Debian's python3-venv (ensurepip); a half-made .venv is removed.
$(PY):
	@$(SYSDEPS) --venv
	@echo "creating $(VENV) with $$(command -v $(PYTHON)) ($$($(PYTHON) -V 2>&1))"
	@rm -rf $(VENV)
	@$(PYTHON) -m venv $(VENV) && $(PY) -m pip --version >/dev/null \
	  || { rm -rf $(VENV); echo "could not create $(VENV) with $(PYTHON) -m venv" >&2; exit 1; }

# uv (from PyPI, into the venv) installs in seconds; if anything about it fails, pip does it.
# uv reads neither pip.conf nor PIP_CERT: give it the same CA bundle pip uses.
$(STAMP): pyproject.toml | $(PY)
	@rm -f $@
	@echo "installing the project and its test tools into $(VENV)"
	@if [ "$(USE_UV)" = 1 ] && { [ -x $(VENV)/bin/uv ] || $(PY) -m pip install -q uv; } \
	  && SSL_CERT_FILE="$${SSL_CERT_FILE:-$${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}}" \
	     UV_LINK_MODE=copy UV_NO_PROGRESS=1 \
	     $(VENV)/bin/uv pip install --python $(PY) -e '.[test]'; then \
	  :; \
	else \
	  [ "$(USE_UV)" = 1 ] && echo "uv did not manage it; installing with pip instead"; \
	  $(PY) -m pip install -q -e '.[test]'; \
	fi
	@touch $@

venv: $(STAMP)

# --- system libraries ------------------------------------------------------------------------

sysdeps:
	@$(SYSDEPS)

sysdeps-x11:
	@$(SYSDEPS) --x11

# the tests read exported PDFs as a reader's tool does: poppler's pdftotext keeps a table
# row on one line (pypdf's layout mode drops rows on pages with rotated text)
sysdeps-test:
	@$(SYSDEPS) poppler-utils

# --- everyday targets ------------------------------------------------------------------------

# a hint only: Qt's own message for a missing screen is less clear
NO_SCREEN_HINT = [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}$${QT_QPA_PLATFORM:-}" ] \
  || echo "note: no DISPLAY here; for a virtual screen: xvfb-run -a make $@" >&2

run: $(STAMP) sysdeps-x11
	@$(NO_SCREEN_HINT)
	$(PY) main.py $(ARGS)

# --demo-monitor: the feed on loopback (a free port) and `main.py simulate` playing chair 1,
# stopped when the app quits; nothing beyond loopback
demo: $(STAMP) sysdeps-x11
	@$(NO_SCREEN_HINT)
	$(PY) main.py --demo --demo-monitor $(ARGS)

test: $(STAMP) sysdeps-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP) sysdeps
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(PY) bench/run.py $(ARGS)

# ruff first (seconds), then mypy on monitor/ db/ export/ ui/ main.py ([tool.mypy])
lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy

screenshots: $(STAMP) sysdeps-x11
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 $(SCREEN)" $(PY) scripts/screenshots.py $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis build *.egg-info
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +
