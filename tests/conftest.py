import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import translation

from tests import factories
from tests.network_guard import no_outside_network  # noqa: F401


@pytest.fixture(autouse=True)
def german_by_default(settings):
    """Every test starts in the default language, whatever the previous one activated."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_caches():
    """No test sees pages or fragments another test cached."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def home(db):
    return factories.home_page()


@pytest.fixture
def chapter(home):
    return factories.ChapterPageFactory(parent=home, title="SPD Wustermark", slug="wustermark")


@pytest.fixture
def news_index(chapter):
    return factories.NewsIndexPageFactory(parent=chapter)


@pytest.fixture
def article(news_index):
    return factories.NewsArticlePageFactory(parent=news_index)


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture(scope="session")
def private_postgres():
    """A PostgreSQL cluster of our own (never the shared one) with a migrated template
    database `app_template`; tests copy it and may stop and start the server."""
    from tests.servers import PostgresServer, manage, production_env

    server = PostgresServer().init().start()
    try:
        server.create_database("app_template")
        manage("migrate", "--no-input", env=production_env(DATABASE_URL=server.url("app_template")))
        yield server
    finally:
        server.destroy()


@pytest.fixture(scope="session")
def collected_static():
    """collectstatic once, for gunicorn with whitenoise's manifest storage."""
    import shutil

    from tests.servers import STATIC_ROOT, manage, production_env

    manage("collectstatic", "--no-input", "-v0", env=production_env(DATABASE_URL="sqlite://"))
    yield STATIC_ROOT
    shutil.rmtree(STATIC_ROOT, ignore_errors=True)


@pytest.fixture
def app_database(private_postgres, request):
    name = "app_" + request.node.name.lower()[:40].replace("[", "_").replace("]", "")
    private_postgres.create_database(name, template="app_template")
    return private_postgres.url(name)


@pytest.fixture
def feed_server():
    """A real HTTP server on 127.0.0.1 serving crafted feed responses (tests/feedserver.py)."""
    from tests.feedserver import FeedServer

    server = FeedServer()
    server.start()
    yield server
    server.stop()
