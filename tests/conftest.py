import pytest
from django.core.cache import caches
from django.test import Client

from tests import factories


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
