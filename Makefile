# The two commands that matter: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Test processes (pytest-xdist): `auto` is one per core; 0 runs the suite in this one process.
PYTEST_WORKERS ?= auto

.PHONY: help install lock migrate demo run test test-fast lint format check typecheck search-engine search-engine-stop browser-deps messages clean

help:
	@echo "make run            install, migrate, load demo content, serve http://$(HOST):$(PORT)"
	@echo "make test           ruff, Django checks and the whole test suite"
	@echo "make install        create .venv and install the locked dependencies"
	@echo "make search-engine  start a local OpenSearch node on 127.0.0.1:9200"
	@echo "make lint | format  ruff check / ruff format"
	@echo "make typecheck      mypy with django-stubs (config in pyproject.toml)"

$(BIN)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

install: $(BIN)/.installed

lock:
	$(PY) -m pip install --quiet uv
	$(BIN)/uv pip compile --quiet requirements.in -o requirements.lock --python-version 3.11

migrate: install
	mkdir -p var
	$(MANAGE) migrate --no-input

demo: migrate
	$(MANAGE) load_demo_data

run: demo
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	DJANGO_SETTINGS_MODULE=network_site.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=network_site.settings.test $(MANAGE) makemigrations --check --dry-run

# `python -m mypy` from the repository root puts the project first on sys.path: the django-stubs plugin
# imports the settings, and site-packages holds a PyPI package named `events` (an opensearch-py dependency).
typecheck: install
	$(PY) -m mypy

test: lint check typecheck
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

search-engine:
	scripts/search-engine start

search-engine-stop:
	scripts/search-engine stop

# Catalogues of every interface language but English (the source), without source locations so parallel
# work never conflicts on line numbers; then compiled, since the .mo files are committed.
MESSAGE_LANGUAGES := de fr it es nl
messages: install
	mkdir -p locale
	$(MANAGE) makemessages $(foreach lang,$(MESSAGE_LANGUAGES),-l $(lang)) --no-location --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf var/static var/test-media var/screenshots
