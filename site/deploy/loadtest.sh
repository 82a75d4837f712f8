#!/usr/bin/env bash
# `make loadtest`: 60 s, 64 connections, mixed page types against `make serve` (gunicorn,
# production settings) on a database of its own filled with the demo content. Fails unless
# there were zero socket errors and zero non-2xx answers. Results in test-artifacts/loadtest/.
# Knobs: DURATION=60s CONNECTIONS=64 THREADS=2 LOAD_PORT=8765 REDIS_URL=… PAGE_CACHE_ENABLED=…
# LOAD_DATABASE_URL (default: database chapterhouse_load on the local PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${DURATION:-60s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
LOAD_PORT="${LOAD_PORT:-8765}"
OUT="test-artifacts/loadtest"
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk fehlt: apt-get install -y wrk" >&2; exit 2; }

export DATABASE_URL="${LOAD_DATABASE_URL:-postgres://chapterhouse:chapterhouse@127.0.0.1:5432/chapterhouse_load}"
export MEDIA_ROOT="${MEDIA_ROOT:-$PWD/test-artifacts/loadtest/media}"
.venv/bin/python - <<'PY'
import os
import psycopg
from urllib.parse import urlparse
url = urlparse(os.environ["DATABASE_URL"])
name = url.path.lstrip("/")
with psycopg.connect(os.environ["DATABASE_URL"].replace(url.path, "/postgres"), autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        conn.execute(f'CREATE DATABASE "{name}"')
PY
# Demo content (seed_demo is idempotent and runs only with DEBUG, hence the dev settings).
DJANGO_SETTINGS_MODULE=config.settings.dev DEBUG=true .venv/bin/python manage.py migrate --no-input -v0
DJANGO_SETTINGS_MODULE=config.settings.dev DEBUG=true .venv/bin/python manage.py seed_demo >/dev/null
DJANGO_SETTINGS_MODULE=config.settings.dev DEBUG=true .venv/bin/python manage.py shell -c "
from wagtail.models import Page
for page in Page.objects.live().public().filter(depth__gte=2).specific().order_by('path'):
    print(page.get_url())
" | grep '^/' > "$OUT/urls.txt"
echo "Seiten im Lasttest: $(wc -l < "$OUT/urls.txt") ($(cut -d/ -f2 "$OUT/urls.txt" | sort -u | tr '\n' ' '))"

HOST=127.0.0.1 PORT="$LOAD_PORT" bash site/deploy/serve.sh > "$OUT/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$LOAD_PORT/healthz" >/dev/null 2>&1 && break
    sleep 1
done
curl -fsS "http://127.0.0.1:$LOAD_PORT/healthz" >/dev/null

LOAD_URLS="$OUT/urls.txt" wrk --threads "$THREADS" --connections "$CONNECTIONS" \
    --duration "$DURATION" --timeout 10s --latency --script site/deploy/loadtest.lua \
    "http://127.0.0.1:$LOAD_PORT" | tee "$OUT/wrk.txt"
kill $server; wait $server 2>/dev/null || true
trap - EXIT

logged_5xx="$(grep -c '"status": 5' "$OUT/server.log" || true)"
echo "5xx im Server-Log: $logged_5xx"
if grep -qE '^(5xx|non-2xx): [1-9]' "$OUT/wrk.txt" || grep -qE 'socket errors: .*[1-9]' "$OUT/wrk.txt" \
    || [ "$logged_5xx" != "0" ]; then
    echo "Lasttest NICHT bestanden." >&2
    exit 1
fi
echo "Lasttest bestanden: keine Fehler, kein 5xx."
