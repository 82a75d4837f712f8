"""Small things issue 15.7 lists: forms, landmarks, headings, categories, feeds, favicon,
Vary."""

import re

import pytest
from django.test import Client
from wagtail.models import Locale

from chapters.provisioning import provision_chapter
from news.models import NewsArticlePage, NewsCategory
from tests import factories
from translations.sync import sync_locales, translate_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def chapter(home):
    chapter = provision_chapter(home, "SPD Wustermark", slug="wustermark")
    german = NewsCategory.objects.create(name="Kommunalpolitik", slug="kommunalpolitik")
    factories.NewsArticlePageFactory(
        parent=chapter.news_index, title="Radweg kommt", category=german
    )
    sync_locales()
    return chapter


def html_of(url, **headers):
    response = Client().get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("url", ["/suche/?q=Radweg", "/wustermark/suche/?q=Radweg"])
def test_search_page_forms_have_an_action_and_named_landmarks(chapter, url):
    html = html_of(url)
    assert 'action=""' not in html
    assert '<form class="search-page-form" role="search" method="get" action="' + url.split("?")[0]
    forms = re.findall(r"<form [^>]*role=\"search\"[^>]*>", html)
    names = [re.search(r'aria-label="([^"]+)"', form) for form in forms]
    assert all(names) and len({name.group(1) for name in names}) == len(forms)


def test_news_index_goes_from_h1_to_h2(chapter):
    html = html_of("/wustermark/aktuelles/")
    levels = [
        int(level) for level in re.findall(r"<h([1-6])", html.split("<main")[1].split("</main>")[0])
    ]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))


def test_english_news_index_shows_each_category_once_in_english(chapter):
    german = NewsCategory.objects.get(slug="kommunalpolitik")
    english = german.copy_for_translation(Locale.objects.get(language_code="en"))
    english.name, english.slug = "Local politics", "local-politics"
    english.save()
    # one English article with the English category, the German one still an alias
    article = factories.NewsArticlePageFactory(
        parent=chapter.news_index, title="Zweiter Artikel", category=german
    )
    translate_with(article, english.locale, {"Zweiter Artikel": "Second article"})
    translated = NewsArticlePage.objects.get(
        translation_key=article.translation_key, locale=english.locale
    )
    translated.category = english
    translated.save_revision().publish()
    html = html_of("/en/wustermark/aktuelles/")
    select = re.search(r'<select id="filter-category".*?</select>', html, re.S).group(0)
    assert "Local politics" in select
    assert "Kommunalpolitik" not in select
    filtered = html_of("/en/wustermark/aktuelles/?kategorie=local-politics")
    assert filtered.count('class="teaser"') == 2


def test_atom_feed_has_an_author_and_both_feeds_a_stylesheet(chapter):
    atom = html_of("/wustermark/aktuelles/atom/")
    assert "<author><name>SPD Wustermark</name>" in atom
    for feed in (atom, html_of("/wustermark/aktuelles/rss/")):
        assert '<?xml-stylesheet href="/static/feeds/feed.xsl"' in feed


def test_favicon_ico_leads_to_the_icon(chapter):
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


@pytest.mark.parametrize("url", ["/wustermark/", "/en/wustermark/", "/", "/sitemap.xml"])
def test_public_pages_do_not_vary_by_accept_language(chapter, url):
    response = Client().get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert "accept-language" not in response.get("Vary", "").lower()


def test_search_finds_press_releases_with_their_type_and_highlights(chapter):
    factories.PressReleaseFactory(
        title="Radweg-Offensive der Bundesregierung", teaser="Mehr Geld für den Radweg."
    )
    html = html_of("/wustermark/suche/?q=Radweg")
    results = re.findall(r'<li class="search-result">.*?</li>', html, re.S)
    types = [re.search(r'search-result__type">([^<]+)<', r).group(1) for r in results]
    assert sorted(types) == ["Artikel", "Pressemitteilung"]
    assert "<mark>Radweg</mark>" in html
