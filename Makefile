# Two commands on a fresh machine: `make run` serves the portal, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run` shows the portal as its users see it; `make run DEBUG=true` for Django's debug pages.
DEBUG ?= false


.PHONY: messages makemessages
.PHONY: help setup run test test-fast browser-deps lint format check migrations-check bench-engine bench-import bench-queue bench-pages clean reset-local-db worker

help:
	@echo "make run            set up and serve the portal on http://$(HOST):$(PORT)"
	@echo "make run DEBUG=true the same with Django's debug pages (for developers)"
	@echo "make test           the whole test suite (DATABASE_URL / REDIS_URL honoured)"
	@echo "make test-fast      the suite without browser and fresh-process tests"
	@echo "make setup          venv, install, messages, migrate, load the standards (idempotent)"
	@echo "make messages       compile the translation catalogs (locale/)"
	@echo "make makemessages   gather new translatable strings into locale/es/LC_MESSAGES/django.po"
	@echo "make lint           ruff check + format check"
	@echo "make check          lint, Django system checks, makemigrations --check"
	@echo "make bench-engine   screening throughput figures"
	@echo "make bench-import   time a CSV import of 1,000 applicants"
	@echo "make bench-queue    time the officers' queue at 100,000 applicants"
	@echo "make bench-standards  harmful standards refused, against reading a real one"
	@echo "make bench-pages    pages' requests/s under gunicorn against hello-world (needs wrk)"
	@echo "make bench-bulk     bulk re-evaluation of N=100000 applicants (PostgreSQL, Redis, 2 workers)"
	@echo "make reset-local-db drop the embedded SQLite database and set up again"

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	@touch $@

setup: $(INSTALLED) messages
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_series

run: setup
	$(MANAGE) demo_accounts
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl-C to stop; DEBUG=$(DEBUG))"
	DEBUG=$(DEBUG) $(MANAGE) runserver $(HOST):$(PORT)

worker: $(INSTALLED)
	@mkdir -p var
	$(BIN)/celery -A portal worker --beat --schedule var/celerybeat-schedule --loglevel=INFO --concurrency=2

# Two processes on a 2-core machine (pytest-xdist), each with its own test database and
# browser; the Celery worker tests stay together on one of them (tests/conftest.py).
PYTEST_ARGS ?= -n auto --dist loadgroup

test: $(INSTALLED) browser-deps messages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The quick subset while working: no browser, no fresh processes, one process.
test-fast: $(INSTALLED) messages
	$(BIN)/python -m pytest -m "not browser and not slow" $(PYTEST_FAST_ARGS)

# Translations: locale/*/LC_MESSAGES/*.po compiled to .mo (with msgfmt when installed, else
# polib: nothing but Python needed); `make makemessages` gathers new strings into the catalogs.
messages: $(INSTALLED)
	$(BIN)/python -m portal.compile_messages

makemessages: $(INSTALLED)
	$(MANAGE) makemessages -l es --no-location --no-obsolete --ignore='tests/*' --ignore='bench/*' --ignore='var/*' --ignore='staticfiles/*'

# The browser tests drive Debian's Chromium; install it when we can (root with apt-get).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null; \
	  else \
	    echo "The browser tests need Chromium: sudo apt-get install chromium (or set CHROMIUM_PATH)"; exit 1; \
	  fi; }

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(INSTALLED)
	@mkdir -p var
	$(MANAGE) makemigrations --check --dry-run

check: lint migrations-check
	$(MANAGE) check

bench-engine: setup
	$(BIN)/python bench/bench_engine.py --jsonl-command "$(BIN)/python manage.py screen --jsonl -"

bench-import: $(INSTALLED)
	$(BIN)/python bench/bench_import.py

bench-queue: $(INSTALLED)
	$(BIN)/python bench/bench_queue.py

# N applicants (default 100,000) on a throw-away database of DATABASE_URL's PostgreSQL server.
N ?= 100000
.PHONY: bench-bulk
bench-bulk: $(INSTALLED)
	$(BIN)/python bench/bench_bulk.py --count $(N)

.PHONY: bench-standards
bench-standards: $(INSTALLED)
	$(BIN)/python bench/bench_standards.py
bench-pages: $(INSTALLED)
	$(BIN)/python bench/bench_pages.py

reset-local-db:
	rm -f var/portal.sqlite3
	$(MAKE) setup

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis
