"""The site search (issue 15): articles, events, content pages and press releases in one
list ranked by relevance, each hit labelled with its type, the words highlighted, ten hits
a page."""

import re

import pytest
from django.test import Client

from chapters.provisioning import provision_chapter
from tests import factories
from translations.sync import sync_locales

pytestmark = pytest.mark.django_db

FILLER = " ".join(["Die Gemeindevertretung hat in ihrer Sitzung viele Punkte beraten."] * 30)


@pytest.fixture
def chapter(home):
    chapter = provision_chapter(home, "SPD Wustermark", slug="wustermark")
    sync_locales()
    return chapter


def hits(url):
    response = Client().get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return [
        (
            re.sub(r"</?mark>", "", re.search(r'search-result__title"><a [^>]+>(.+?)</a>', hit)[1]),
            re.search(r'search-result__type">([^<]+)<', hit)[1],
        )
        for hit in re.findall(r'<li class="search-result">(.*?)</li>', html, re.S)
    ]


def test_a_press_release_about_it_ranks_above_a_page_that_mentions_it_in_passing(chapter):
    factories.NewsArticlePageFactory(
        parent=chapter.news_index, title="Aus der Gemeindevertretung", teaser=FILLER + " Radweg."
    )
    factories.PressReleaseFactory(
        title="Radweg-Offensive: Radweg für Radweg", teaser="Mehr Geld für jeden Radweg."
    )
    factories.EventPageFactory(
        parent=chapter.event_index, title="Radweg-Stammtisch", teaser="Wir reden über den Radweg."
    )
    found = hits("/wustermark/suche/?q=Radweg")
    assert sorted(found) == [
        ("Aus der Gemeindevertretung", "Artikel"),
        ("Radweg-Offensive: Radweg für Radweg", "Pressemitteilung"),
        ("Radweg-Stammtisch", "Termin"),
    ]
    # one ranking, not pages first: the press release is about the Radweg, the article not
    assert found[-1] == ("Aus der Gemeindevertretung", "Artikel")


def test_results_are_paginated_in_one_ranking(chapter):
    for number in range(7):
        factories.NewsArticlePageFactory(
            parent=chapter.news_index, title=f"Kita Nummer {number}", teaser="Neue Kita."
        )
        factories.PressReleaseFactory(title=f"Kita-Gesetz Teil {number}", teaser="Kita.")
    page_1 = hits("/wustermark/suche/?q=Kita")
    page_2 = hits("/wustermark/suche/?q=Kita&page=2")
    assert len(page_1) == 10 and len(page_2) == 4
    assert len(set(page_1 + page_2)) == 14  # every hit once
    assert {kind for _, kind in page_1 + page_2} == {"Artikel", "Pressemitteilung"}
    html = Client().get("/wustermark/suche/?q=Kita").content.decode()
    assert "14 Treffer für „Kita“" in html
    assert "<mark>Kita</mark>" in html
    assert 'href="?q=Kita&amp;page=2"' in html
