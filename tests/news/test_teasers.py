"""The teasers of a chapter home and a news index page are read with one statement
(news/teasers.py, core.page_query): what they show must be what the ORM would have read."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from news import teasers
from tests import factories

pytestmark = pytest.mark.django_db


def titles(html):
    return re.findall(r'class="teaser__title"><a href="[^"]+">([^<]+)</a>', html)


def test_chapter_home_shows_its_five_newest_public_articles_newest_first(
    anonymous, chapter, news_index
):
    for day in range(1, 8):
        factories.NewsArticlePageFactory(
            parent=news_index, title=f"Vom {day}. März", date=datetime.date(2026, 3, day)
        )
    draft = factories.NewsArticlePageFactory(
        parent=news_index, title="Entwurf", date=datetime.date(2026, 3, 9)
    )
    draft.unpublish()
    internal = factories.NewsArticlePageFactory(
        parent=news_index, title="Intern", date=datetime.date(2026, 3, 10)
    )
    PageViewRestriction.objects.create(page=internal, restriction_type="login")

    html = anonymous.get(chapter.url).content.decode()
    assert titles(html) == [f"Vom {day}. März" for day in (7, 6, 5, 4, 3)]
    assert "10.03.2026" not in html and "07.03.2026" in html


def test_teasers_show_category_kicker_and_address_like_the_article(anonymous, news_index):
    category = factories.NewsCategoryFactory(name="Verkehr", slug="verkehr")
    article = factories.NewsArticlePageFactory(
        parent=news_index, title="Radweg kommt", kicker="Endlich", category=category
    )
    for url in (news_index.url, news_index.get_parent().url):
        teaser = re.search(
            r'<article class="teaser">(.*?)</article>', anonymous.get(url).content.decode(), re.S
        )
        assert teaser, url
        assert '<span class="category">Verkehr</span>' in teaser.group(1)
        assert '<p class="kicker">Endlich</p>' in teaser.group(1)
        assert f'href="{article.url}"' in teaser.group(1)


def test_pictures_of_a_page_of_teasers_cost_one_query_together(anonymous, news_index):
    def queries_for_index():
        anonymous.get(news_index.url)
        with CaptureQueriesContext(connection) as queries:
            html = anonymous.get(news_index.url).content.decode()
        return len(queries), html.count("teaser--with-image")

    articles = [factories.NewsArticlePageFactory(parent=news_index) for _ in range(3)]
    articles[0].lead_image = factories.ImageFactory(file__width=800, file__height=450)
    articles[0].save_revision().publish()
    one_picture = queries_for_index()
    for article in articles[1:]:
        article.lead_image = factories.ImageFactory(file__width=800, file__height=450)
        article.save_revision().publish()
    assert queries_for_index() == (one_picture[0], 3)
    assert one_picture[1] == 1


def test_teasers_leave_the_article_text_unread_until_it_is_asked_for(news_index):
    body = [{"type": "paragraph", "value": "<p>Der ganze Text des Artikels.</p>"}]
    article = factories.NewsArticlePageFactory(parent=news_index, body=body)
    with CaptureQueriesContext(connection) as queries:
        (teaser,) = teasers.in_order([article.pk])
    assert len(queries) == 1
    assert "body" not in queries[0]["sql"]  # a teaser shows no text: it is not read
    with CaptureQueriesContext(connection) as queries:
        text = str(teaser.body)
    assert "Der ganze Text des Artikels." in text and len(queries) == 1
