"""The public reading experience over HTTP: filters, pagination, article details, regional
home, feeds, sitemap, robots.txt, meta tags, search and error pages."""

import datetime
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.views.defaults import server_error
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from news.models import NewsArticleAttachment
from tests import factories

pytestmark = pytest.mark.django_db


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def titles(html):
    return re.findall(r'class="teaser__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def categorised(news_index):
    local = factories.NewsCategoryFactory(name="Kommunalpolitik", slug="kommunalpolitik")
    land = factories.NewsCategoryFactory(name="Landespolitik", slug="landespolitik")
    make = factories.NewsArticlePageFactory
    return {
        "local-2020": make(
            parent=news_index, title="Ort 2020", category=local, date=datetime.date(2020, 5, 1)
        ),
        "local-2021": make(
            parent=news_index, title="Ort 2021", category=local, date=datetime.date(2021, 5, 1)
        ),
        "land-2021": make(
            parent=news_index, title="Land 2021", category=land, date=datetime.date(2021, 6, 1)
        ),
    }


def test_filter_by_category_and_year_combined(anonymous, news_index, categorised):
    assert titles(html_of(anonymous, news_index.url + "?kategorie=kommunalpolitik")) == [
        "Ort 2021",
        "Ort 2020",
    ]
    assert titles(html_of(anonymous, news_index.url + "?jahr=2021")) == ["Land 2021", "Ort 2021"]
    both = html_of(anonymous, news_index.url + "?kategorie=kommunalpolitik&jahr=2021")
    assert titles(both) == ["Ort 2021"]
    # The form shows the active filter, so the URL and the page agree.
    assert '<option value="kommunalpolitik" selected>' in both
    assert '<option value="2021" selected>' in both


@pytest.mark.parametrize("number", ["2", "0", "99"])
def test_page_number_out_of_range_shows_the_last_page(anonymous, news_index, number):
    for _ in range(11):
        factories.NewsArticlePageFactory(parent=news_index)
    html = html_of(anonymous, f"{news_index.url}?page={number}")
    assert len(titles(html)) == 1
    assert '<span aria-current="page"><span class="visually-hidden">Seite </span>2</span>' in html


def test_filter_without_matches_says_so(anonymous, news_index, categorised):
    html = html_of(anonymous, news_index.url + "?kategorie=landespolitik&jahr=2020")
    assert titles(html) == []
    assert "Keine Artikel gefunden." in html


@pytest.mark.parametrize("query", ["?page=abc", "?kategorie=gibt-es-nicht", "?jahr=20x1"])
def test_bad_page_or_filter_is_a_german_404_not_a_500(anonymous, news_index, categorised, query):
    html = html_of(anonymous, news_index.url + query, status=404)
    assert "Seite nicht gefunden" in html


def test_pagination_keeps_the_filter_in_its_links(anonymous, news_index):
    local = factories.NewsCategoryFactory(slug="kommunalpolitik")
    for day in range(12):
        factories.NewsArticlePageFactory(
            parent=news_index, category=local, date=datetime.date(2021, 1, day + 1)
        )
    factories.NewsArticlePageFactory(parent=news_index, date=datetime.date(2021, 2, 1))
    first = html_of(anonymous, news_index.url + "?kategorie=kommunalpolitik")
    assert len(titles(first)) == 10
    assert 'href="?kategorie=kommunalpolitik&amp;page=2"' in first
    second = html_of(anonymous, news_index.url + "?kategorie=kommunalpolitik&page=2")
    assert len(titles(second)) == 2
    assert '<span aria-current="page"><span class="visually-hidden">Seite </span>2</span>' in second


def test_article_shows_details_documents_and_neighbours(anonymous, news_index):
    category = factories.NewsCategoryFactory(name="Kommunalpolitik", slug="kommunalpolitik")
    older = factories.NewsArticlePageFactory(parent=news_index, date=datetime.date(2020, 1, 1))
    article = factories.NewsArticlePageFactory(
        parent=news_index,
        title="Zweckverband",
        kicker="Initiative der SPD erfolgreich",
        category=category,
        date=datetime.date(2020, 12, 16),
    )
    newer = factories.NewsArticlePageFactory(parent=news_index, date=datetime.date(2021, 1, 1))
    document = Document(title="Antrag")
    document.file.save("antrag.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 2039), save=False)
    document.save()
    NewsArticleAttachment.objects.create(page=article, document=document, title="Unser Antrag")

    html = html_of(anonymous, article.url)
    assert "Initiative der SPD erfolgreich" in html
    assert "16. Dezember 2020" in html
    assert f'href="{news_index.url}?kategorie=kommunalpolitik">Kommunalpolitik</a>' in html
    assert "Unser Antrag</a>" in html
    assert "(PDF, 2,0\xa0KB)" in html
    assert re.search(rf'article-nav__newer" href="{newer.url}"', html)
    assert re.search(rf'article-nav__older" href="{older.url}"', html)
    assert f'href="{news_index.url}">← Zurück zur Übersicht' in html


def test_article_neighbours_skip_drafts_restricted_and_other_chapters(anonymous, news_index):
    make = factories.NewsArticlePageFactory
    day = datetime.date(2022, 3, 1)
    first = make(parent=news_index, title="Erster am Tag", date=day)
    article = make(parent=news_index, title="Zweiter am Tag", date=day)
    make(parent=news_index, title="Entwurf", date=day, live=False)
    hidden = make(parent=news_index, title="Nur für Mitglieder", date=datetime.date(2022, 3, 2))
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    other_index = factories.NewsIndexPageFactory(parent=factories.ChapterPageFactory())
    make(parent=other_index, title="Anderer Ortsverein", date=datetime.date(2022, 3, 2))
    newer = make(parent=news_index, title="Später", date=datetime.date(2022, 3, 3))

    html = html_of(anonymous, article.url)
    assert re.search(rf'article-nav__older" href="{first.url}"[^>]*>.*Erster am Tag</a>', html)
    assert re.search(rf'article-nav__newer" href="{newer.url}"[^>]*>.*Später</a>', html)
    for hidden_title in ("Entwurf", "Nur für Mitglieder", "Anderer Ortsverein"):
        assert hidden_title not in html
    oldest = html_of(anonymous, first.url)
    assert "article-nav__older" not in oldest
    assert re.search(rf'article-nav__newer" href="{article.url}"', oldest)


def test_regional_home_lists_chapters_with_newest_article_in_fixed_queries(anonymous, home):
    def chapter_with_articles(n):
        chapter = factories.ChapterPageFactory(title=f"SPD Ort {n}", municipality=f"Gemeinde {n}")
        index = factories.NewsIndexPageFactory(parent=chapter)
        for day in (1, 2):
            factories.NewsArticlePageFactory(
                parent=index, title=f"Ort {n} Tag {day}", date=datetime.date(2021, 1, day)
            )

    chapter_with_articles(1)
    anonymous.get(home.url)  # warm caches that do not depend on the number of chapters
    with CaptureQueriesContext(connection) as few:
        html = html_of(anonymous, home.url)
    assert "Gemeinde 1" in html
    assert re.search(r"Neuester Artikel:</span> <a [^>]+>Ort 1 Tag 2</a>", html)
    for n in range(2, 6):
        chapter_with_articles(n)
    with CaptureQueriesContext(connection) as many:
        html = html_of(anonymous, home.url)
    assert re.search(r"Neuester Artikel:</span> <a [^>]+>Ort 5 Tag 2</a>", html)
    assert len(many) == len(few)


def test_feeds_parse_back_with_the_right_entries_and_dates(anonymous, news_index):
    factories.NewsArticlePageFactory(
        parent=news_index, title="Älter", kicker="", date=datetime.date(2020, 12, 1)
    )
    factories.NewsArticlePageFactory(
        parent=news_index,
        title="Zweckverband",
        kicker="Initiative der SPD erfolgreich",
        date=datetime.date(2020, 12, 16),
    )
    factories.NewsArticlePageFactory(parent=news_index, title="Entwurf", live=False)
    for route, version in (("rss/", "rss20"), ("atom/", "atom10")):
        response = anonymous.get(news_index.url + route)
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == version
        assert feed.feed.title == "SPD Wustermark: Aktuelles"
        assert [entry.title for entry in feed.entries] == [
            "Zweckverband – Initiative der SPD erfolgreich",
            "Älter",
        ]
        assert feed.entries[0].link == "http://testserver" + news_index.url + "zweckverband/"
        # Midnight in Berlin on the article's date is 23:00 UTC the day before.
        assert tuple(feed.entries[0].published_parsed)[:4] == (2020, 12, 15, 23)
        assert tuple(feed.entries[1].published_parsed)[:3] == (2020, 11, 30)


def test_feeds_are_advertised_in_the_head_of_chapter_pages(anonymous, article):
    for page in (article.chapter, article.get_parent(), article):
        html = html_of(anonymous, page.url)
        assert (
            '<link rel="alternate" type="application/rss+xml" title="SPD Wustermark: Aktuelles '
            '(RSS)" href="/wustermark/aktuelles/rss/">' in html
        )
        assert 'type="application/atom+xml"' in html


def test_sitemap_lists_every_live_page_and_no_draft(anonymous, article):
    chapter = article.chapter
    draft = factories.NewsArticlePageFactory(parent=article.get_parent(), live=False)
    imprint = factories.ContentPageFactory(parent=chapter, title="Impressum")
    response = anonymous.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {
        element.text
        for element in ET.fromstring(response.content).findall("s:url/s:loc", namespace)  # noqa: S314
    }
    regional_events = factories.home_page().get_children().get(slug="termine")
    live = [factories.home_page(), regional_events, chapter, article.get_parent(), article, imprint]
    # Addresses from the request (testserver), not from the Site record (localhost).
    assert locations == {
        *("http://testserver" + page.url for page in live),
        "http://testserver/pressemitteilungen/",
    }
    assert "http://testserver" + draft.url not in locations


def test_robots_txt_points_at_the_sitemap(anonymous, home):
    response = anonymous.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_canonical_open_graph_and_description(anonymous, article):
    html = html_of(anonymous, article.url)
    url = "http://testserver" + article.url
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{article.title}">' in html
    assert f'<meta name="description" content="{article.teaser}">' in html
    published = f'<meta property="article:published_time" content="{article.date:%Y-%m-%d}">'
    assert published in html
    chapter_home = html_of(anonymous, article.chapter.url)
    assert '<meta property="og:type" content="website">' in chapter_home
    assert "article:published_time" not in chapter_home


def test_no_third_party_hosts_in_any_page(anonymous, article):
    for page in (factories.home_page(), article.chapter, article.get_parent(), article):
        html = html_of(anonymous, page.url)
        loaded = re.findall(r'src="([^"]+)"', html) + re.findall(
            r'<link rel="(?:stylesheet|icon)" href="([^"]+)"', html
        )
        assert loaded, page
        assert [url for url in loaded if not url.startswith("/")] == [], page


def test_search_finds_articles_in_scope(anonymous, chapter, news_index):
    factories.NewsArticlePageFactory(
        parent=news_index, title="Wustermark will Zweckverband Digitale Kommunen beitreten"
    )
    other = factories.ChapterPageFactory(title="SPD Falkensee", slug="falkensee")
    other_index = factories.NewsIndexPageFactory(parent=other)
    factories.NewsArticlePageFactory(parent=other_index, title="Falkensee und der Zweckverband")
    factories.NewsArticlePageFactory(parent=news_index, title="Zweckverband im Entwurf", live=False)

    def found(url):
        titles = re.findall(
            r'search-result__title"><a href="[^"]+">(.+?)</a>', html_of(anonymous, url)
        )
        return [re.sub(r"</?mark>", "", title) for title in titles]

    assert "<mark>Zweckverband</mark>" in html_of(anonymous, "/suche/?q=zweckverband")

    region = found("/suche/?q=Zweckverband")
    assert sorted(region) == [
        "Falkensee und der Zweckverband",
        "Wustermark will Zweckverband Digitale Kommunen beitreten",
    ]
    assert found("/wustermark/suche/?q=Zweckverband") == [
        "Wustermark will Zweckverband Digitale Kommunen beitreten"
    ]
    assert found("/wustermark/suche/?q=Autobahnkreuz") == []
    assert "Leider nichts gefunden" in html_of(anonymous, "/wustermark/suche/?q=Autobahnkreuz")


def test_search_box_is_scoped_to_the_chapter(anonymous, article):
    assert 'action="/wustermark/suche/"' in html_of(anonymous, article.url)
    assert 'action="/suche/"' in html_of(anonymous, factories.home_page().url)


def test_server_error_page_is_german_and_needs_no_database(home):
    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as queries:
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Entschuldigung, hier ist etwas schiefgelaufen." in html
    assert "/static/css/chapterhouse.css" in html
    assert len(queries) == 0


def test_canonical_leaves_out_filters_but_keeps_routes(anonymous, news_index, home):
    html = html_of(anonymous, news_index.url + "?jahr=2020")
    assert f'<link rel="canonical" href="http://testserver{news_index.url}">' in html
    archive = html_of(anonymous, "/pressemitteilungen/")
    assert (
        f'<link rel="canonical" href="http://testserver{home.url}pressemitteilungen/">' in archive
    )
    search = html_of(anonymous, "/suche/?q=Wustermark")
    assert '<meta name="robots" content="noindex, follow">' in search
    assert 'rel="canonical"' not in search


def test_sitemap_of_a_chapter_site_lists_only_that_chapter(client, article):
    from wagtail.models import Site

    chapter = article.chapter
    Site.objects.create(hostname="spd-wustermark.example", port=80, root_page=chapter)
    factories.ChapterPageFactory(title="SPD Falkensee", slug="falkensee")
    response = client.get("/sitemap.xml", HTTP_HOST="spd-wustermark.example")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {
        element.text
        for element in ET.fromstring(response.content).findall("s:url/s:loc", namespace)  # noqa: S314
    }
    assert locations == {
        "http://spd-wustermark.example/",
        "http://spd-wustermark.example/aktuelles/",
        f"http://spd-wustermark.example/aktuelles/{article.slug}/",
    }
