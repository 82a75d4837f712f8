"""Two application servers sharing one PostgreSQL and one Redis, as in a multi-server
production setup: an article published through one is on the other's cached pages at once."""

import pytest
import requests

from tests.servers import AppServer, RedisServer, manage, production_env, publish_article

USERNAME, PASSWORD = "redaktion", "ein-langes-passwort-fuer-den-test"
SETUP = f"""
from django.contrib.auth import get_user_model
from chapters.provisioning import provision_chapter
from home.models import HomePage
chapter = provision_chapter(HomePage.objects.get(depth=2), "SPD Wustermark", slug="wustermark")
get_user_model().objects.create_superuser({USERNAME!r}, "r@example.org", {PASSWORD!r})
print(chapter.news_index.pk)
"""
INDEX = "/wustermark/aktuelles/"


@pytest.fixture
def two_servers(private_postgres, app_database, collected_static, tmp_path):
    redis = RedisServer().start()
    env = production_env(DATABASE_URL=app_database, REDIS_URL=redis.url, MEDIA_ROOT=tmp_path)
    index_pk = int(manage("shell", "-c", SETUP, env=env).stdout.strip().splitlines()[-1])
    servers = [AppServer(env, tmp_path / f"gunicorn-{n}.log").start() for n in (1, 2)]
    try:
        yield servers, index_pk
    finally:
        for server in servers:
            server.stop()
        redis.stop()


def test_publish_through_one_server_shows_on_the_other_at_once(two_servers):
    (one, two), index_pk = two_servers
    readers = {server: f"http://127.0.0.1:{server.port}" for server in (one, two)}
    for base in readers.values():  # both caches warm
        requests.get(base + INDEX, timeout=30)
        assert requests.get(base + INDEX, timeout=30).headers["X-Page-Cache"] == "hit"

    response = publish_article(
        readers[one], USERNAME, PASSWORD, index_pk, "Auf zwei Servern", "zwei-server"
    )
    assert response.status_code == 302, response.text[:500]

    other = requests.get(readers[two] + INDEX, timeout=30)
    assert other.headers["X-Page-Cache"] == "miss"  # purged through the shared Redis
    assert "Auf zwei Servern" in other.text
    assert "Auf zwei Servern" in requests.get(readers[one] + INDEX, timeout=30).text
