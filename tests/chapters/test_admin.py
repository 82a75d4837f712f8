"""The regional admin's "Ortsvereine" admin: list, open, staff and retire chapters (HTTP)."""

import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page

from chapters.models import ChapterPage
from chapters.provisioning import provision_chapter
from chapters.roles import REGIONAL_ADMIN_GROUP
from news.models import NewsArticlePage
from tests import factories
from tests.admin_helpers import article_form_data, refused
from tests.chapters.test_provisioning import row_counts
from translations.sync import sync_locales

pytestmark = pytest.mark.django_db


@pytest.fixture
def regio(db):
    user = factories.UserFactory(username="regio")
    user.groups.add(Group.objects.get(name=REGIONAL_ADMIN_GROUP))
    return user


@pytest.fixture
def regio_client(client, regio):
    client.force_login(regio)
    return client


def test_menu_and_listing_for_the_regional_admin(regio_client, home):
    chapter = provision_chapter(home, "SPD Wustermark", slug="wustermark", host_name="wm.example")
    factories.NewsArticlePageFactory(parent=chapter.news_index, title="Erster Artikel")
    editor = factories.UserFactory(username="steven")
    editor.groups.add(chapter.team.editors)

    dashboard = regio_client.get("/admin/").content.decode()
    assert "Ortsvereine" in dashboard
    html = regio_client.get("/admin/ortsvereine/").content.decode()
    row = html[html.index('data-chapter="wustermark"') :]
    row = row[: row.index("</tr>")]
    for text in ("SPD Wustermark", "wm.example", "steven", ">1<", "Stilllegen"):
        assert text in row
    assert "Neuen Ortsverein anlegen" in html


def test_editors_do_not_see_the_chapter_admin(client, home):
    chapter = provision_chapter(home, "SPD Wustermark")
    editor = factories.UserFactory()
    editor.groups.add(chapter.team.editors)
    client.force_login(editor)
    assert "/admin/ortsvereine/" not in client.get("/admin/").content.decode()
    assert refused(client.get("/admin/ortsvereine/"), "/admin/ortsvereine/")


def test_open_staff_and_publish_at_once(regio_client, client, home, anonymous):
    response = regio_client.post(
        "/admin/ortsvereine/neu/",
        {
            "region": home.pk,
            "title": "SPD Brieselang",
            "slug": "brieselang",
            "host_name": "brieselang.example.org",
            "municipality": "Brieselang",
        },
    )
    chapter = ChapterPage.objects.get(slug="brieselang")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/ortsvereine/{chapter.pk}/person/"

    newcomer = factories.UserFactory(username="neu", email="Neu@Example.org")
    response = regio_client.post(
        f"/admin/ortsvereine/{chapter.pk}/person/",
        {"identifier": "neu@example.org", "role": "editor"},
    )
    assert response.status_code == 302

    # The new chapter's editor logs in (real password, real login form) and publishes.
    assert (
        client.post(
            "/admin/login/", {"username": "neu", "password": "geheim-und-lang-genug"}
        ).status_code
        == 302
    )
    index = chapter.news_index
    response = client.post(
        f"/admin/pages/add/news/newsarticlepage/{index.pk}/",
        article_form_data("Hallo Brieselang", "hallo", action="action-publish"),
    )
    assert response.status_code == 302
    assert NewsArticlePage.objects.get(slug="hallo").live
    page = anonymous.get("/aktuelles/hallo/", HTTP_HOST="brieselang.example.org")
    assert page.status_code == 200
    assert "Hallo Brieselang" in page.content.decode()
    assert newcomer.groups.filter(pk=chapter.team.editors.pk).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "SPD Wustermark Nord", "slug": "wustermark"}, "slug", "schon vergeben"),
        ({"title": "SPD Elstal", "host_name": "wm.example"}, "host_name", "anderen Website"),
        ({"title": "SPD Wustermark", "slug": "wm-2"}, "title", "gibt es schon"),
        ({"title": "SPD Elstal", "host_name": "nicht gültig"}, "host_name", "kein gültiger"),
        ({"title": "SPD Elstal", "region": 999999}, "region", "Unbekannte Region"),
    ],
)
def test_bad_input_shows_a_german_form_error_and_leaves_nothing(
    regio_client, home, data, field, message
):
    provision_chapter(home, "SPD Wustermark", slug="wustermark", host_name="wm.example")
    before = row_counts()
    response = regio_client.post("/admin/ortsvereine/neu/", {"region": home.pk, **data})
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in response.content.decode()
    assert row_counts() == before


def test_unknown_person_is_a_form_error(regio_client, home):
    chapter = provision_chapter(home, "SPD Wustermark")
    before = row_counts()
    response = regio_client.post(
        f"/admin/ortsvereine/{chapter.pk}/person/", {"identifier": "niemand", "role": "editor"}
    )
    assert response.status_code == 200
    assert "kein aktives Konto" in response.content.decode()
    assert row_counts() == before


def test_retire_through_the_admin(regio_client, home, anonymous):
    chapter = provision_chapter(home, "SPD Wustermark", slug="wustermark")
    editor = factories.UserFactory()
    editor.groups.add(chapter.team.editors)
    article_url = f"/admin/pages/add/news/newsarticlepage/{chapter.news_index.pk}/"
    confirm = regio_client.get(f"/admin/ortsvereine/{chapter.pk}/stilllegen/")
    assert "Gelöscht wird nichts" in confirm.content.decode()
    pages = Page.objects.count()

    response = regio_client.post(f"/admin/ortsvereine/{chapter.pk}/stilllegen/")
    assert response.status_code == 302
    assert anonymous.get("/wustermark/").status_code == 404
    assert Page.objects.count() == pages
    html = regio_client.get("/admin/ortsvereine/").content.decode()
    assert "stillgelegt" in html

    regio_client.logout()
    regio_client.force_login(editor)
    # The retired team has lost its rights (and admin access altogether).
    edit_url = f"/admin/pages/{chapter.pk}/edit/"
    assert refused(regio_client.get(edit_url), edit_url)
    assert refused(regio_client.get(article_url), article_url)


def test_two_language_region_lists_each_chapter_once_and_offers_one_region(regio_client, home):
    sync_locales()  # German and English trees, as in production
    chapter = provision_chapter(home, "SPD Wustermark", slug="wustermark")
    editor = factories.UserFactory(username="steven")
    editor.groups.add(chapter.team.editors)
    assert chapter.get_translation(Locale.objects.get(language_code="en")).alias_of_id

    html = regio_client.get("/admin/ortsvereine/").content.decode()
    assert html.count('data-chapter="wustermark"') == 1
    row = html[html.index('data-chapter="wustermark"') :]
    assert "en*" in row[: row.index("</tr>")]  # the English version exists, untranslated

    form = regio_client.get("/admin/ortsvereine/neu/").content.decode()
    region_select = form[form.index('name="region"') : form.index("</select>")]
    assert region_select.count("<option") == 1

    regio_client.post(f"/admin/ortsvereine/{chapter.pk}/stilllegen/")
    html = regio_client.get("/admin/ortsvereine/").content.decode()
    row = html[html.index('data-chapter="wustermark"') :]
    row = row[: row.index("</tr>")]
    assert html.count('data-chapter="wustermark"') == 1
    assert "stillgelegt" in row
    assert "steven" not in row


def test_a_chapter_editor_starts_in_their_own_chapter_and_counts_only_its_pages(client, home):
    sync_locales()  # German and English trees: rights in both, common ancestor Root
    wustermark = provision_chapter(home, "SPD Wustermark", slug="wustermark")
    provision_chapter(home, "SPD Falkensee", slug="falkensee")
    editor = factories.UserFactory()
    editor.groups.add(wustermark.team.editors)
    client.force_login(editor)

    explore_own = f"/admin/pages/{wustermark.pk}/"
    dashboard = client.get("/admin/").content.decode()
    summary = re.search(r'href="([^"]+)">\s*(\d+) Seiten', dashboard)
    assert summary.groups() == (explore_own, "6")  # chapter, Aktuelles, Termine, 3 content pages
    assert '"name": "explorer", "label": "Seiten", ' in dashboard
    assert f'"url": "{explore_own}"' in dashboard  # the "Seiten" menu opens there
    for elsewhere in ("/admin/pages/", f"/admin/pages/{home.pk}/", "/admin/pages/1/"):
        response = client.get(elsewhere)
        assert response.status_code == 302, elsewhere
        assert response["Location"] == explore_own, elsewhere
    listing = client.get(explore_own).content.decode()
    assert "Falkensee" not in listing
    english = wustermark.get_translation(Locale.objects.get(language_code="en"))
    assert client.get(f"/admin/pages/{english.pk}/").status_code == 200  # still theirs
