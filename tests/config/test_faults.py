"""Faults with real servers: PostgreSQL stopped and started under a running gunicorn,
Redis stopped and started. The app must answer a friendly 503 (database) or keep serving
uncached pages (cache), and recover without a restart."""

import json

import pytest

from tests.servers import AppServer, RedisServer, production_env

OUTAGE_TEXT = "Die Seite ist gleich wieder da."


def log_entries(path):
    entries = []
    for line in path.read_text().splitlines():
        if line.startswith("{"):
            entries.append(json.loads(line))
    return entries


@pytest.fixture
def app_log(tmp_path):
    return tmp_path / "gunicorn.log"


def test_postgres_restart_costs_only_requests_in_flight(
    private_postgres, app_database, collected_static, app_log, tmp_path
):
    env = production_env(DATABASE_URL=app_database, DB_CONN_MAX_AGE=60, MEDIA_ROOT=tmp_path)
    app = AppServer(env, app_log).start()
    try:
        assert app.get("/")[0] == 200
        assert app.get("/healthz") == (200, '{"status": "ok"}')
        pid = app.process.pid

        private_postgres.stop()
        # Pages in the anonymous page cache are still served …
        assert app.get("/")[0] == 200
        # … everything that needs the database gets the friendly 503 page.
        status, body = app.get("/?seite=2")
        assert status == 503
        assert OUTAGE_TEXT in body
        status, body = app.get("/healthz")
        assert status == 503
        assert json.loads(body)["failed"] == ["database"]
        assert str(private_postgres.port) not in body and "postgres" not in body

        private_postgres.start()
        # The very first request after the restart is served: the dead persistent
        # connection is noticed by the health check and replaced.
        assert app.get("/?seite=3")[0] == 200
        assert app.get("/healthz")[0] == 200
        assert app.process.poll() is None and app.process.pid == pid
    finally:
        app.stop()
        private_postgres.start()  # no-op when running; never leave it down for other tests

    requests = [
        entry for entry in log_entries(app_log) if entry["logger"] == "chapterhouse.request"
    ]
    assert [(entry["path"], entry["status"]) for entry in requests] == [
        ("/", 200),
        ("/healthz", 200),
        ("/", 200),
        ("/", 503),
        ("/healthz", 503),
        ("/", 200),
        ("/healthz", 200),
    ]
    assert all(entry["duration_ms"] >= 0 and entry["method"] == "GET" for entry in requests)
    errors = [entry for entry in log_entries(app_log) if entry["level"] == "ERROR"]
    assert any("OperationalError" in entry.get("exception", "") for entry in errors)


def test_redis_outage_degrades_to_uncached_pages(
    private_postgres, app_database, collected_static, app_log, tmp_path
):
    redis = RedisServer().start()
    env = production_env(DATABASE_URL=app_database, REDIS_URL=redis.url, MEDIA_ROOT=tmp_path)
    app = AppServer(env, app_log).start()
    try:
        assert app.get("/")[0] == 200
        assert app.get("/healthz")[0] == 200

        redis.stop()
        for _ in range(3):
            status, body = app.get("/")
            assert status == 200
            assert "<main" in body
        status, body = app.get("/healthz")
        assert status == 503
        assert json.loads(body)["failed"] == ["cache"]

        redis.start()
        assert app.get("/healthz")[0] == 200
        assert app.get("/")[0] == 200
    finally:
        app.stop()
        redis.stop()
    statuses = [
        entry["status"]
        for entry in log_entries(app_log)
        if entry["logger"] == "chapterhouse.request"
    ]
    assert 500 not in statuses
