"""Production queues the work after a publish in the database (TASKS_BACKEND=database): the
editor's publish returns as soon as the page is public, and the task worker
(`manage.py db_worker`, site/deploy/chapterhouse-worker.service) adds the page to the search
index and creates its English alias (announced by hreflang) afterwards."""

import pytest
import requests

from tests.pagecache.test_two_servers import PASSWORD, USERNAME
from tests.servers import AppServer, manage, production_env, publish_article

ARTICLE = "/wustermark/aktuelles/warteschlange/"
SEARCH = "/suche/?q=Warteschlangenartikel"
SETUP = f"""
from django.contrib.auth import get_user_model
from chapters.provisioning import provision_chapter
from home.models import HomePage
home = HomePage.objects.get(depth=2, locale__language_code="de")
chapter = provision_chapter(home, "SPD Wustermark", slug="wustermark")
get_user_model().objects.create_superuser({USERNAME!r}, "r@example.org", {PASSWORD!r})
print(chapter.news_index.pk)
"""


@pytest.fixture
def server(private_postgres, app_database, collected_static, tmp_path):
    env = production_env(DATABASE_URL=app_database, MEDIA_ROOT=tmp_path)
    manage("sync_locales", env=env)  # the English tree
    index_pk = int(manage("shell", "-c", SETUP, env=env).stdout.strip().splitlines()[-1])
    manage("db_worker", "--batch", "--no-startup-delay", env=env)  # the chapter's own tasks
    app = AppServer(env, tmp_path / "gunicorn.log").start()
    try:
        yield app, env, index_pk
    finally:
        app.stop()


def test_publish_returns_before_search_index_and_alias_which_the_worker_adds(server):
    app, env, index_pk = server
    base = f"http://127.0.0.1:{app.port}"
    response = publish_article(
        base, USERNAME, PASSWORD, index_pk, "Warteschlangenartikel", "warteschlange"
    )
    assert response.status_code == 302

    # Public at once; search and the English tree wait for the worker.
    assert "Warteschlangenartikel" in requests.get(base + ARTICLE, timeout=30).text
    assert ARTICLE not in requests.get(base + SEARCH, timeout=30).text
    assert 'hreflang="en"' not in requests.get(base + ARTICLE, timeout=30).text

    manage("db_worker", "--batch", "--no-startup-delay", env=env)

    assert ARTICLE in requests.get(base + SEARCH, timeout=30).text
    german = requests.get(base + ARTICLE, timeout=30).text
    assert f'hreflang="en" href="{base}/en{ARTICLE}"' in german
