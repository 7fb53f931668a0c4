# thidua — the two commands are `make run` and `make test`; each sets up what is missing first.
SHELL := /bin/bash
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PG_ENV := THIDUA_DB_ENGINE=postgresql THIDUA_DB_HOST=127.0.0.1 THIDUA_DB_USER=postgres
PYTEST_ARGS ?=
# Test processes per run (pytest-xdist); each gets its own test database.
PYTEST_WORKERS ?= auto

.PHONY: setup run demo test test-sqlite test-postgres lint fmt typecheck imports worker bench messages check-pg clean

setup:
	@scripts/setup

run: setup
	@mkdir -p var
	@$(PY) manage.py migrate -v 0
	@$(PY) manage.py createcachetable
	@$(PY) manage.py demo --if-empty
	@echo "thidua is serving http://$(HOST):$(PORT)/ (Ctrl+C stops it)"
	@$(PY) manage.py runserver $(HOST):$(PORT) --noreload

demo: setup
	@mkdir -p var
	@$(PY) manage.py migrate -v 0
	@$(PY) manage.py createcachetable
	@$(PY) manage.py demo

test: setup lint typecheck imports messages-check test-sqlite test-postgres

test-sqlite:
	@echo "== test suite on SQLite =="
	@$(PY) -m pytest -q -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test-postgres: check-pg
	@echo "== test suite on PostgreSQL =="
	@$(PG_ENV) $(PY) -m pytest -q -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

check-pg:
	@pg_isready -h 127.0.0.1 -p 5432 -q || scripts/start-postgres

lint: setup
	@.venv/bin/ruff check .
	@.venv/bin/ruff format --check .

fmt: setup
	@.venv/bin/ruff format .
	@.venv/bin/ruff check --fix .

typecheck: setup
	@.venv/bin/mypy thidua config

imports: setup
	@.venv/bin/lint-imports --no-cache

messages: setup
	@$(PY) manage.py makemessages -l vi -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=bench --add-location=file
	@$(PY) manage.py compilemessages -v 0 --ignore=.venv --ignore=node_modules

messages-check: setup
	@$(PY) manage.py compilemessages -v 0 --ignore=.venv --ignore=node_modules

worker: setup
	@$(PY) manage.py db_worker

bench: setup check-pg
	@echo "== registry: person search and list on PostgreSQL =="
	@$(PG_ENV) $(PY) bench/run.py $(BENCH_ARGS)
	@for b in bench/bench_*.py; do echo "== $$b =="; $(PY) $$b || exit 1; done

clean:
	rm -rf var staticfiles
