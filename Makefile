# The one front door: the README and CI use these targets.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Two workers: the machines this runs on have two cores.
PYTEST_ARGS ?= -n 2

.PHONY: install run test lint format migrations-check messages translations clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

translations: install
	$(PY) manage.py compiletranslations

# Set up (venv, database, demo edition) and run web and worker together.
# The worker is stopped whenever the web server ends (Ctrl+C, or a port already
# in use). Only the worker is signalled: "kill 0" would signal this shell too
# and re-enter the trap until the shell crashes.
run: translations
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	@echo "vsfa is starting on http://$(HOST):$(PORT)/ (Ctrl+C stops web and worker)"
	@$(PY) manage.py run_huey --quiet & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' INT TERM EXIT; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The whole test suite (browser tests included when Chromium is installed).
test: translations
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

# Regenerate the Romanian catalogue after changing user-facing text (needs gettext).
messages: install
	$(PY) manage.py makemessages --locale ro --locale en --ignore '.venv/*' --ignore 'tests/*' --no-obsolete
	$(PY) manage.py makemessages --domain djangojs --locale ro --locale en --ignore '.venv/*' --ignore 'staticfiles/*'

clean:
	rm -rf $(VENV) staticfiles

.PHONY: bench load

# Benchmark: key pages at 1, 10 and 50 editions, a 10,000-row attendance
# import, the ranking; a table on screen, JSON in bench-results/. On SQLite, or
# on the PostgreSQL of DATABASE_URL. BENCH_EDITIONS=1,10 makes it shorter.
bench: translations
	$(PY) -m bench

# Load and faults on this machine's PostgreSQL and Redis: 200 users for three
# minutes under gunicorn, the worker killed, PostgreSQL restarted, the upload
# disk full; then every score, check-in and e-mail counted. LOAD_SECONDS=30
# makes it shorter. See docs/operations.md.
load: translations
	$(PY) -m bench.load
