"""A news index's listing (its articles' order, categories and years: filters, count and
pages are cut from it) is read once and kept until something in the chapter changes (issue
12): an article published, unpublished or shared shows in it at the next request."""

import datetime
import re

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
    """The index's HTML and whether rendering it read the listing (every article's year)."""
    with CaptureQueriesContext(connection) as queries:
        html = client.get(index.url).content.decode()
    counted = any(
        "news_newsarticlepage" in query["sql"] and "year" in query["sql"].lower()
        for query in queries.captured_queries
    )
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


def test_pages_and_filters_are_cut_from_the_kept_listing(anonymous, news_index):
    verkehr = factories.NewsCategoryFactory(name="Verkehr", slug="verkehr")
    for day in range(1, 26):
        factories.NewsArticlePageFactory(
            parent=news_index,
            title=f"Tag {day:02d}",
            date=datetime.date(2020 + day % 2, 3, day),
            category=verkehr if day % 3 == 0 else None,
        )
    assert index_html(anonymous, news_index)[1]  # the first request reads the listing

    def titles(query):
        with CaptureQueriesContext(connection) as queries:
            html = anonymous.get(news_index.url + query).content.decode()
        assert not any("year" in q["sql"].lower() for q in queries.captured_queries)
        return re.findall(r'class="teaser__title"><a href="[^"]+">([^<]+)</a>', html)

    # Newest first: the odd days are 2021, the even ones 2020; ten per page.
    assert titles("?page=3") == [f"Tag {day:02d}" for day in (10, 8, 6, 4, 2)]
    assert titles("?jahr=2020") == [f"Tag {day:02d}" for day in range(24, 4, -2)]
    assert titles("?jahr=2020&page=2") == ["Tag 04", "Tag 02"]
    assert titles("?kategorie=verkehr&jahr=2021") == ["Tag 21", "Tag 15", "Tag 09", "Tag 03"]


def test_an_article_given_a_password_leaves_the_kept_listing_at_once(anonymous, news_index):
    """The page of articles is read by id from the kept listing; a view restriction added
    afterwards must still take the article out of it at the next request."""
    from wagtail.models import PageViewRestriction

    factories.NewsArticlePageFactory(parent=news_index, title="Offener Brief")
    secret = factories.NewsArticlePageFactory(parent=news_index, title="Interne Planung")
    html = index_html(anonymous, news_index)[0]
    assert "Interne Planung" in html and "Offener Brief" in html
    assert not index_html(anonymous, news_index)[1]  # kept

    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    html = index_html(anonymous, news_index)[0]
    assert "Interne Planung" not in html and "Offener Brief" in html and "Ein Artikel" in html
