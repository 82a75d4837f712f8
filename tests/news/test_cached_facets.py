"""A news index's filters and count (its categories, years and number of articles) are
counted once and kept until something in the chapter changes (issue 12): an article
published, unpublished or shared shows in them at the next request."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.PAGE_CACHE_ENABLED = False  # the cached value alone: every request renders
    settings.FRAGMENT_CACHE_ENABLED = True


def index_html(client, index):
    """The index's HTML and whether rendering it counted the articles (GROUP BY)."""
    with CaptureQueriesContext(connection) as queries:
        html = client.get(index.url).content.decode()
    counted = any("GROUP BY" in query["sql"] for query in queries.captured_queries)
    return html, counted


def test_filters_and_count_are_counted_once_and_follow_a_publish(anonymous, news_index):
    factories.NewsArticlePageFactory(parent=news_index, date=datetime.date(2021, 5, 1))
    html, counted = index_html(anonymous, news_index)
    assert "Ein Artikel" in html and counted
    html, counted = index_html(anonymous, news_index)
    assert "Ein Artikel" in html and not counted

    verkehr = factories.NewsCategoryFactory(name="Verkehr", slug="verkehr")
    article = factories.NewsArticlePageFactory(
        parent=news_index, date=datetime.date(2031, 5, 1), category=verkehr
    )
    html = index_html(anonymous, news_index)[0]
    assert "2 Artikel" in html
    assert '<option value="2031"' in html and '<option value="verkehr"' in html

    article.unpublish()
    html = index_html(anonymous, news_index)[0]
    assert "Ein Artikel" in html
    assert '<option value="2031"' not in html and '<option value="verkehr"' not in html


def test_an_article_shared_with_the_chapter_is_counted_at_once(
    anonymous, news_index, home, chapter
):
    from news.models import SharedArticle

    factories.NewsArticlePageFactory(parent=news_index)
    other = factories.ChapterPageFactory(parent=home, title="SPD Nauen", slug="nauen")
    shared = factories.NewsArticlePageFactory(parent=factories.NewsIndexPageFactory(parent=other))
    assert "Ein Artikel" in index_html(anonymous, news_index)[0]

    SharedArticle.objects.create(article=shared, chapter=chapter, accepted=True)
    assert "2 Artikel" in index_html(anonymous, news_index)[0]


def test_a_renamed_category_shows_in_the_filter_at_once(anonymous, news_index):
    category = factories.NewsCategoryFactory(name="Verkehr", slug="verkehr")
    factories.NewsArticlePageFactory(parent=news_index, category=category)
    assert ">Verkehr</option>" in index_html(anonymous, news_index)[0]
    with CaptureQueriesContext(connection) as queries:
        anonymous.get(news_index.url)
    assert not any('FROM "news_newscategory"' in q["sql"] for q in queries.captured_queries)

    category.name = "Mobilität"
    category.save()
    html = index_html(anonymous, news_index)[0]
    assert ">Mobilität</option>" in html and ">Verkehr</option>" not in html
