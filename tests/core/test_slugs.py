"""German addresses: umlauts and ß are transliterated in the slugs of new pages."""

import pytest

from chapters.provisioning import provision_chapter
from core.slugs import german_slugify
from news.models import NewsArticlePage
from tests import factories
from tests.admin_helpers import article_form_data

pytestmark = pytest.mark.django_db


def test_german_letters_are_transliterated():
    assert german_slugify("Größere Förderung für Übergänge – Straße") == (
        "groessere-foerderung-fuer-uebergaenge-strasse"
    )
    assert german_slugify("Café Décor") == "cafe-decor"


def test_an_article_created_in_the_admin_gets_a_readable_address(client, home, anonymous):
    chapter = provision_chapter(home, "SPD Wustermark", slug="wustermark")
    editor = factories.UserFactory()
    editor.groups.add(chapter.team.editors)
    client.force_login(editor)
    # What Wagtail's slug field sends for the title: the umlaut kept.
    response = client.post(
        f"/admin/pages/add/news/newsarticlepage/{chapter.news_index.pk}/",
        article_form_data("Spielplatz eröffnet", "spielplatz-eröffnet", action="action-publish"),
    )
    assert response.status_code == 302
    article = NewsArticlePage.objects.get(title="Spielplatz eröffnet")
    assert article.slug == "spielplatz-eroeffnet"
    assert anonymous.get("/wustermark/aktuelles/spielplatz-eroeffnet/").status_code == 200


def test_existing_addresses_keep_working_when_the_page_is_edited(home, anonymous):
    chapter = provision_chapter(home, "SPD Wustermark", slug="wustermark")
    article = factories.NewsArticlePageFactory(parent=chapter.news_index, title="Alt")
    # A page from before transliteration (saved without cleaning, as old data would be).
    NewsArticlePage.objects.filter(pk=article.pk).update(
        slug="spielplatz-eröffnet", url_path=article.url_path.replace("alt", "spielplatz-eröffnet")
    )
    article = NewsArticlePage.objects.get(pk=article.pk)
    article.title = "Spielplatz eröffnet (aktualisiert)"
    article.full_clean()
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.slug == "spielplatz-eröffnet"
    assert anonymous.get("/wustermark/aktuelles/spielplatz-eröffnet/").status_code == 200
