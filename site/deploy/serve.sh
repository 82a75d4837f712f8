#!/usr/bin/env bash
# `make serve`: the production configuration on this machine — gunicorn, whitenoise,
# PostgreSQL (DATABASE_URL), Redis when REDIS_URL is set. Migrates and collects static
# files first, and runs the task worker beside gunicorn (as chapterhouse-worker.service does).
# HOST/PORT choose the address (default 127.0.0.1:8000).
set -euo pipefail
cd "$(dirname "$0")/../.."
. site/deploy/production-env.sh
export GUNICORN_BIND="${GUNICORN_BIND:-${HOST:-127.0.0.1}:${PORT:-8000}}"
.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py collectstatic --no-input -v0
echo "Chapterhouse (production settings) on http://${GUNICORN_BIND}/ — database ${DATABASE_URL%%@*}@…, cache ${REDIS_URL:-per process}"
.venv/bin/python manage.py db_worker --interval 0.5 &
worker=$!
trap 'kill "$worker" 2>/dev/null' EXIT
.venv/bin/gunicorn --config site/deploy/gunicorn.conf.py
