# Smart City Thailand certification portal.
#
#   make run    fresh clone -> http://127.0.0.1:8000/ (SQLite, tasks in-process, demo data)
#   make test   the whole pytest suite, in parallel (SQLite by default; honours DATABASE_URL
#               and CELERY_BROKER_URL, which is how .ci/run puts it on PostgreSQL + Redis)
#
# Only Python 3.11 is needed on the machine: the virtualenv is made here and
# requirements-dev.txt (pinned) is installed into it once, then again only when
# a requirements file changes (the stamp file .venv/.installed).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

VENV      := .venv
PY        := $(VENV)/bin/python
STAMP     := $(VENV)/.installed
HOST      ?= 127.0.0.1
PORT      ?= 8000
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-x tests/applications"`.
PYTEST_ARGS ?=
# pytest-xdist processes, each with its own test database (test_<name>_gw0, _gw1, ...):
# auto = one per CPU, the fastest here; PYTEST_WORKERS=0 runs everything in this process.
PYTEST_WORKERS ?= auto
# Where to look for a Python 3.11: the usual names, then pyenv's versions in case
# the shims are not on PATH (a non-login CI shell).
PYTHON_CANDIDATES := python3.11 python3 $(wildcard $(HOME)/.pyenv/versions/3.11*/bin/python3.11) \
                     /usr/local/bin/python3.11 /usr/bin/python3.11

# Translations: compile each .po that is newer than its .mo (msgfmt from gettext).
PO_FILES  := $(wildcard locale/*/LC_MESSAGES/*.po */locale/*/LC_MESSAGES/*.po)
MO_FILES  := $(PO_FILES:.po=.mo)

.PHONY: help venv install run test test-fast lint format check messages compilemessages \
        worker diagram clean backup restore

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "} {printf "  make %-16s %s\n", $$1, $$2}'

# --- virtualenv ----------------------------------------------------------------------

$(PY):
	@py=""; \
	for c in $(PYTHON_CANDIDATES); do \
	  if "$$c" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' >/dev/null 2>&1; then py="$$c"; break; fi; \
	done; \
	if [ -z "$$py" ]; then \
	  echo "error: Python 3.11 is needed (tried: $(PYTHON_CANDIDATES))" >&2; exit 1; \
	fi; \
	echo "Creating $(VENV) with $$py ($$("$$py" --version))"; \
	"$$py" -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check --progress-bar off -r requirements-dev.txt
	@touch $@

venv: $(STAMP) ## Create .venv and install requirements-dev.txt (only when they changed)

install: venv

# --- translations --------------------------------------------------------------------

%.mo: %.po
	@if command -v msgfmt >/dev/null; then \
	  echo "msgfmt $<"; msgfmt --check-format -o $@ $<; \
	else \
	  echo "warning: msgfmt (gettext) not found; $@ not compiled" >&2; \
	fi

compilemessages: $(MO_FILES) ## Compile locale/*.po to .mo (only the ones that changed)

messages: $(STAMP) ## Extract the English source strings into locale/th/.../django.po, then compile
	DEBUG=true $(PY) manage.py makemessages -l th --no-obsolete \
	  --ignore=.venv --ignore=staticfiles --ignore=var --ignore=tests --ignore=bench
	$(MAKE) compilemessages

# --- the two commands ------------------------------------------------------------------

# DEBUG is on for `make run` only (demo accounts, console e-mail, static files
# served by runserver); `make test` runs with the environment as it is.
run: export DEBUG := true
run: $(STAMP) compilemessages ## Migrate, load reference + demo data, serve http://127.0.0.1:8000/
	$(PY) manage.py migrate --noinput
	$(PY) manage.py signing_devkey
	$(PY) manage.py load_reference_data
	$(PY) manage.py load_public_record
	$(PY) manage.py load_demo
	$(PY) manage.py load_demo_reports
	@echo
	@echo "  Portal: http://$(HOST):$(PORT)/   (demo accounts: see README.md; password \$$DEMO_PASSWORD, default demo1234)"
	@echo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMP) compilemessages ## Run the whole test suite in parallel (DATABASE_URL / CELERY_BROKER_URL honoured)
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "note: /usr/bin/chromium is missing: the browser tests need Debian's chromium (apt-get install chromium)" >&2; \
	fi
	@echo "database: $${DATABASE_URL:-sqlite (default)}   broker: $${CELERY_BROKER_URL:-none, tasks in-process}"
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The API fuzzing module is all slow tests and builds a test per API operation as it is
# imported (seconds in every worker), so it is not even collected here.
test-fast: $(STAMP) compilemessages ## The suite without the browser and slow tests, in parallel; stop at the first failure
	$(VENV)/bin/pytest -x -n $(PYTEST_WORKERS) -m "not browser and not slow" \
	  --ignore=tests/security/test_api_fuzz.py $(PYTEST_ARGS)

# --- extras ---------------------------------------------------------------------------

lint: $(STAMP) ## ruff check + Django system checks + no missing migrations
	$(VENV)/bin/ruff check .
	DEBUG=true $(PY) manage.py check
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run

format: $(STAMP) ## ruff: sort imports and format
	$(VENV)/bin/ruff check --select I --fix .
	$(VENV)/bin/ruff format .

check: lint

# A Celery worker for local work beside `make run` (so DEBUG defaults to true here too);
# it needs a broker: CELERY_BROKER_URL=redis://127.0.0.1:6379/0 (env or .env).
worker: export DEBUG ?= true
worker: $(STAMP) ## Run a Celery worker for local work (needs CELERY_BROKER_URL)
	@$(PY) -c 'import django, os, sys; os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings"); \
	  django.setup(); from django.conf import settings; \
	  sys.exit(0 if settings.CELERY_BROKER_URL else "error: set CELERY_BROKER_URL=redis://127.0.0.1:6379/0 (env or .env); without it tasks run in-process and no worker is needed")'
	$(VENV)/bin/celery -A smartcity worker -l info

diagram: $(STAMP) ## Print the workflow as a Mermaid diagram (pasted into README.md)
	@DEBUG=true $(PY) manage.py workflow_diagram

# --- data safety ----------------------------------------------------------------------
# The database (pg_dump -Fc, or a consistent copy of the SQLite file) and MEDIA_ROOT,
# into a dated directory under BACKUP_DIR; `make restore FROM=<that directory>`.
BACKUP_DIR ?= var/backups
backup: $(STAMP) ## Back up the database and uploaded files into var/backups/<date-time>/ (BACKUP_DIR=...)
	$(PY) manage.py backup $(BACKUP_DIR)

restore: $(STAMP) ## Replace the database and uploaded files with a backup: make restore FROM=var/backups/<date-time>
	@test -n "$(FROM)" || { echo "error: say which backup: make restore FROM=$(BACKUP_DIR)/<date-time>" >&2; exit 1; }
	$(PY) manage.py restore "$(FROM)" $(if $(YES),--yes,)

clean: ## Remove the virtualenv, the SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
