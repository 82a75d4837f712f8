# Every target creates .venv when it is missing or older than pyproject.toml.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: servers run serve backup restore loadtest test test-browser lint format check clean bench

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: $(BIN)/.installed
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	$(MANAGE) runserver $(HOST):$(PORT)

# Production configuration locally: gunicorn + whitenoise + PostgreSQL (+ Redis if REDIS_URL).
serve: $(BIN)/.installed
	bash site/deploy/serve.sh

# Database (pg_dump custom format) + media tarball into BACKUP_DIR (default ./backups/<time>).
backup: $(BIN)/.installed
	bash site/deploy/backup.sh

# Restore BACKUP_DIR=backups/<time> into DATABASE_URL (must be empty) and MEDIA_ROOT.
restore: $(BIN)/.installed
	bash site/deploy/restore.sh

# 60 s, 64 connections, mixed page types against `make serve` on its own database (wrk).
loadtest: $(BIN)/.installed
	bash site/deploy/loadtest.sh

# The fault and backup tests start their own PostgreSQL and Redis servers; install the
# Debian packages when they are missing (needs root, as on CI).
servers:
	bash .ci/install-servers

test: $(BIN)/.installed servers lint
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# Browser suite: Playwright drives Debian's Chromium (apt-get install -y chromium; no
# `playwright install`). `make test` deselects these tests by marker; .ci/run runs both.
CHROMIUM ?= /usr/bin/chromium

$(BIN)/.browser-installed: $(BIN)/.installed
	$(BIN)/pip install --quiet -e '.[dev,browser]'
	touch $@

# The Nu HTML Checker (vnu.jar from npm, needs Java) for tests/seo/test_html_validity.py.
var/vnu/node_modules/vnu-jar/build/dist/vnu.jar:
	.ci/install-vnu

# The Lighthouse CLI (pinned, from npm, needs Node 18.16+) for tests/browser/test_lighthouse.py.
var/lighthouse/node_modules/.bin/lighthouse: .ci/install-lighthouse
	.ci/install-lighthouse

test-browser: $(BIN)/.browser-installed var/vnu/node_modules/vnu-jar/build/dist/vnu.jar var/lighthouse/node_modules/.bin/lighthouse
	@test -x $(CHROMIUM) || { echo "Chromium fehlt: apt-get install -y chromium"; exit 1; }
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest -m browser tests/browser tests/seo $(PYTEST_ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# A small and a large data set in PostgreSQL (databases ch_bench_small and ch_bench),
# gunicorn with site/deploy/gunicorn.conf.py + whitenoise, wrk load; writes
# docs/benchmarks.md (var/bench/report.md with BENCH_SCALE below 1, e.g. BENCH_SCALE=0.02
# BENCH_SECONDS=1 to check that it runs). Needs the local PostgreSQL of .ci/start-postgres or
# BENCH_DATABASE_URL.
bench: $(BIN)/.installed
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	test -n "$(BENCH_DATABASE_URL)" || bash .ci/start-postgres
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) *.egg-info
