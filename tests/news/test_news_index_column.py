"""Each article keeps its news index (NewsArticlePage.news_index), so that the index's list
and the article's older/newer links read one database index. A move in the admin, a copy
into another chapter and the migration filling the column for existing articles keep the
lists right."""

import datetime
import importlib

import pytest
from django.db import connection

from tests import factories
from tests.news.test_reading import html_of, titles

pytestmark = pytest.mark.django_db


def listed(client, index):
    return titles(html_of(client, index.url))


@pytest.fixture
def other_index(home):
    other = factories.ChapterPageFactory(parent=home, title="SPD Nauen", slug="nauen")
    return factories.NewsIndexPageFactory(parent=other)


@pytest.fixture
def editor(client):
    client.force_login(factories.UserFactory(username="chefin", is_superuser=True))
    return client


def test_article_moved_in_the_admin_is_listed_by_its_new_index(
    editor, anonymous, news_index, other_index
):
    stays = factories.NewsArticlePageFactory(
        parent=news_index, title="Bleibt", date=datetime.date(2021, 1, 1)
    )
    moves = factories.NewsArticlePageFactory(
        parent=news_index, title="Zieht um", date=datetime.date(2021, 2, 1)
    )
    there = factories.NewsArticlePageFactory(
        parent=other_index, title="Schon in Nauen", date=datetime.date(2021, 3, 1)
    )

    response = editor.post(f"/admin/pages/{moves.pk}/move/{other_index.pk}/confirm/")
    assert response.status_code == 302

    assert listed(anonymous, news_index) == ["Bleibt"]
    assert listed(anonymous, other_index) == ["Schon in Nauen", "Zieht um"]
    moved = anonymous.get("/nauen/aktuelles/zieht-um/").content.decode()
    # Its older/newer links are those of its new chapter.
    assert 'href="/nauen/aktuelles/schon-in-nauen/"' in moved
    assert stays.url not in moved
    assert there.url in moved


def test_copy_into_another_chapter_is_listed_there_only(editor, anonymous, news_index, other_index):
    original = factories.NewsArticlePageFactory(parent=news_index, title="Doppelt")
    response = editor.post(
        f"/admin/pages/{original.pk}/copy/",
        {"new_title": "Doppelt", "new_slug": "doppelt", "new_parent_page": other_index.pk,
         "publish_copies": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    assert listed(anonymous, news_index) == ["Doppelt"]
    assert listed(anonymous, other_index) == ["Doppelt"]
    assert (
        factories.NewsArticlePageFactory._meta.model.objects.filter(news_index=other_index).count()
        == 1
    )


def test_migration_gives_existing_articles_their_index(anonymous, news_index, other_index):
    factories.NewsArticlePageFactory(parent=news_index, title="Alt in Wustermark")
    factories.NewsArticlePageFactory(parent=other_index, title="Alt in Nauen")
    model = factories.NewsArticlePageFactory._meta.model
    model.objects.update(news_index=None)  # as before the column existed
    assert listed(anonymous, news_index) == []

    migration = importlib.import_module("news.migrations.0005_article_news_index")
    with connection.cursor() as cursor:
        cursor.execute(migration.FILL)

    assert listed(anonymous, news_index) == ["Alt in Wustermark"]
    assert listed(anonymous, other_index) == ["Alt in Nauen"]
