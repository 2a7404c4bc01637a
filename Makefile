# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip -q --disable-pip-version-check
# Development values for `make run` only (production reads the real environment).
RUN_ENV := DJANGO_DEBUG=true DJANGO_SECURE_SSL_REDIRECT=false CACHE_URL=$${CACHE_URL:-locmem://} \
	CELERY_TASK_ALWAYS_EAGER=$${CELERY_TASK_ALWAYS_EAGER:-true} \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-dev-only-not-secret-kneeclinic-local-run}

.PHONY: run serve worker install install-dev install-bench lint test pytest bench bench-http bench-scale loadtest clean lock drawings frontend-check chromium

$(PY):
	$(PYTHON) -m venv $(VENV)

# Installs exactly the lock file (every package pinned with its hashes), then the project itself.
$(VENV)/.installed: requirements/base.lock pyproject.toml | $(PY)
	$(PIP) install --require-hashes -r requirements/base.lock 2>&1 | grep -v "^WARNING: Location" || true
	$(PIP) install --no-deps -e . 2>&1 | grep -v "^WARNING: Location" || true
	$(PY) -c "import django, rest_framework, reportlab" && touch $@

$(VENV)/.installed-dev: requirements/dev.lock pyproject.toml | $(PY)
	$(MAKE) --no-print-directory chromium
	$(PIP) install --require-hashes -r requirements/dev.lock 2>&1 | grep -v "^WARNING: Location" || true
	$(PIP) install --no-deps -e . 2>&1 | grep -v "^WARNING: Location" || true
	$(PY) -c "import pytest_django, hypothesis, pypdf, textstat, importlinter, mypy" && touch $@ $(VENV)/.installed

# The browser test drives the system Chromium (Playwright never downloads one). Installed
# with apt when missing and apt is there; otherwise say so (under CI=true the test fails).
chromium:
	@test -x /usr/bin/chromium || { command -v apt-get >/dev/null \
		&& { apt-get install -y -q chromium || sudo apt-get install -y -q chromium; }; } \
		|| echo "Install Chromium as /usr/bin/chromium for the browser test (apt-get install chromium)."

$(VENV)/.installed-bench: requirements/bench.lock pyproject.toml | $(PY)
	$(PIP) install --require-hashes -r requirements/bench.lock 2>&1 | grep -v "^WARNING: Location" || true
	$(PIP) install --no-deps -e . 2>&1 | grep -v "^WARNING: Location" || true
	$(PY) -c "import weasyprint, pytest_django" && touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev
install-bench: $(VENV)/.installed-bench

run: install
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_demo
	@echo "Admin: http://127.0.0.1:8000/admin/   API: http://127.0.0.1:8000/api/v1/"
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# Production: the real environment (DATABASE_URL, DJANGO_SECRET_KEY, ...; README "Deploy").
# gunicorn's workers: WEB_CONCURRENCY, default 2 x cores + 1 (kneeclinic/gunicorn_conf.py).
serve: install
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py migrate --noinput
	$(VENV)/bin/gunicorn -c python:kneeclinic.gunicorn_conf

# The printing queue's worker: WORKER_CONCURRENCY processes, default one per core.
worker: install
	$(VENV)/bin/celery -A kneeclinic worker --loglevel=INFO \
		--concurrency=$${WORKER_CONCURRENCY:-$$(nproc)}

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m mypy

# The TypeScript client check (tests/kneeclinic/test_api_typescript.py): Node and npm from
# the machine, packages exactly as frontend-check/package-lock.json pins them.
frontend-check/node_modules/.installed: frontend-check/package.json frontend-check/package-lock.json
	cd frontend-check && npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend-check: frontend-check/node_modules/.installed

pytest: install-dev frontend-check
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest -q $(PYTEST_ARGS)

test: lint pytest

# Prints numbers beside their baselines; never fails on a number. The printing benchmark needs
# PostgreSQL and Redis on 127.0.0.1 (it says "skipped" without them).
bench: install-bench
	$(PY) bench/bench_rules.py
	$(PY) bench/bench_progress.py
	$(PY) bench/bench_pdf.py
	$(PY) bench/bench_endpoints.py
	$(PY) bench/bench_pdf_engines.py
	$(PY) bench/bench_printing.py
	@$(MAKE) --no-print-directory bench-http

# Over HTTP (gunicorn, PostgreSQL at 127.0.0.1 as postgres): databases made by load_scale,
# created and loaded on first use (100,000 patients: about 2-5 minutes, once), at 1,000 and
# 100,000 patients; BENCH_SIZES="1000=kneeclinic_bench_1k" for the small one alone.
# bench-scale adds the EXPLAIN of every list query at 100,000. Neither fails on a number.
BENCH_DB_1K ?= kneeclinic_bench_1k
BENCH_DB_100K ?= kneeclinic_bench_100k
BENCH_SIZES ?= 1000=$(BENCH_DB_1K) 100000=$(BENCH_DB_100K)
PG_UP := $(PY) -c "import psycopg; psycopg.connect('host=127.0.0.1 user=postgres dbname=postgres', connect_timeout=3).close()"
bench-http: install-dev
	@if $(PG_UP) 2>/dev/null; then $(PY) bench/bench_http.py $(BENCH_SIZES); \
	else echo "bench: no PostgreSQL at 127.0.0.1; HTTP benchmark skipped"; fi

bench-scale: bench-http
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/$(BENCH_DB_100K) $(PY) bench/explain_lists.py

# The contact sheet of every exercise drawing (docs/exercise-drawings.png).
drawings: install
	$(PY) -m reports.pdf.figures.contact_sheet docs/exercise-drawings.png

# 20 clients for 60 s against gunicorn, on PostgreSQL (its own database at 127.0.0.1:5432,
# LOADTEST_POSTGRES_URL) and on SQLite; counts the rows afterwards. Not run by CI.
loadtest: install-dev
	$(PY) bench/loadtest.py $(LOADTEST_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .test-media frontend-check/node_modules frontend-check/generated

# After changing a dependency in pyproject.toml: regenerate both lock files (commit them).
UV_COMPILE := $(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q
lock: | $(PY)
	$(PIP) install uv==0.13.8
	$(UV_COMPILE) -o requirements/base.lock
	$(UV_COMPILE) --extra dev -o requirements/dev.lock
	$(UV_COMPILE) --extra dev --extra bench -o requirements/bench.lock
