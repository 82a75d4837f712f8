"""The benchmark's bulk-built tree is a tree Wagtail serves and can repair nothing in."""

import pytest
from wagtail.models import Page

from bench import dataset
from chapters.models import ChapterPage
from news.models import NewsArticlePage, NewsIndexPage
from press.models import PressRelease

pytestmark = pytest.mark.django_db


def test_bulk_built_tree_is_consistent_and_served(home, anonymous):
    dataset.build(chapters=4, articles=4, press_releases=3, big_share=0.5)
    dataset.grow(40, big_share=0.5)

    assert Page.find_problems() == ([], [], [], [], [])
    assert ChapterPage.objects.child_of(home).count() == 4
    assert NewsArticlePage.objects.count() == 40
    assert PressRelease.objects.count() == 3
    big = NewsIndexPage.objects.get(url_path__startswith=home.url_path + "ov-000/")
    assert big.get_children().count() == big.numchild == 20

    article = NewsArticlePage.objects.get(url_path=home.url_path + "ov-001/aktuelles/artikel-0/")
    response = anonymous.get(article.url)
    assert response.status_code == 200
    assert "Der Radweg zum Bahnhof wird verlängert." in response.content.decode()
    assert "Radweg entlang der" in response.content.decode()  # the StreamField body

    events = anonymous.get(home.url_path.removeprefix("/home") + "ov-001/termine/")
    assert events.status_code == 200 and "Termin 0 in SPD Ortsverein 001" in events.content.decode()
    assert anonymous.get("/ov-001/termine/termin-0/").status_code == 200
    assert "Termin 1 in SPD Ortsverein 002" in anonymous.get("/termine/").content.decode()

    index_html = anonymous.get(big.url).content.decode()
    assert "Artikel 0 aus SPD Ortsverein 000" in index_html

    # An editor can add a page after the bulk-built ones (paths continue correctly).
    big.add_child(instance=NewsArticlePage(title="Von Hand", slug="von-hand"))
    assert Page.find_problems() == ([], [], [], [], [])
