"""Languages: German first, other content languages through wagtail-localize.

Everything an editor does goes through the admin over HTTP (Django test client): the
submit-translation view, the translation editor's string API, PO download and upload, and
the publish button of the translation editor. The public side is read anonymously.
"""

import datetime
import html
import json
import re
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import polib
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import LocaleSynchronization, Translation, TranslationSource

from chapters.models import ChapterPage
from chapters.provisioning import editors_group_name, provision_chapter, retire_chapter
from chapters.roles import REGIONAL_ADMIN_GROUP
from news.models import NewsArticlePage, NewsCategory
from notices.models import Banner
from tests import factories
from tests.admin_helpers import article_form_data
from translations.sync import sync_locales, translate_with

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")

ARTICLE_BODY = [
    {"type": "paragraph", "value": "<p>Die Gemeinde tritt dem Zweckverband bei.</p>"},
    {
        "type": "quote",
        "value": {"text": "Wir nutzen die Chancen der Digitalisierung.", "attribution": "Steven"},
    },
    {
        "type": "links",
        "value": {
            "heading": "Weiterlesen",
            "links": [
                {
                    "type": "item",
                    "id": "6c4b7f6e-4d1b-4b8e-9a57-0c3f1d7f3a11",
                    "value": {
                        "title": "Antrag im Ratsinformationssystem",
                        "url": "https://ratsinfo.example.org/antrag",
                        "document": None,
                    },
                }
            ],
        },
    },
]

ENGLISH = {
    "Zweckverband Digitale Kommunen": "Digital Municipalities Association",
    "zweckverband-digitale-kommunen": "digital-municipalities-association",
    "Initiative erfolgreich": "Initiative successful",
    "Wustermark tritt bei.": "Wustermark joins.",
    "Die Gemeinde tritt dem Zweckverband bei.": "The municipality joins the association.",
    "Wir nutzen die Chancen der Digitalisierung.": "We seize the opportunities of digitalisation.",
    "Steven": "Steven",
    "Weiterlesen": "Read more",
    "Antrag im Ratsinformationssystem": "Motion in the council information system",
    "Kommunalpolitik": "Local politics",
    "kommunalpolitik": "local-politics",
}

GERMAN_URL = "/wustermark/aktuelles/zweckverband-digitale-kommunen/"
ENGLISH_URL = "/en/wustermark/aktuelles/digital-municipalities-association/"


# --- Fixtures -----------------------------------------------------------------------------


@pytest.fixture
def region(home):
    """Wustermark provisioned before the languages were synchronised, Falkensee after."""
    wustermark = provision_chapter(home, "SPD Wustermark", slug="wustermark")
    sync_locales()
    falkensee = provision_chapter(home, "SPD Falkensee", slug="falkensee")
    return {"wustermark": wustermark, "falkensee": falkensee}


@pytest.fixture
def english(region):
    return Locale.objects.get(language_code="en")


def article_in(chapter, **fields):
    return factories.NewsArticlePageFactory(
        parent=chapter.news_index,
        category=NewsCategory.objects.get_or_create(
            slug="kommunalpolitik",
            locale=Locale.get_default(),
            defaults={"name": "Kommunalpolitik"},
        )[0],
        **{
            "title": "Zweckverband Digitale Kommunen",
            "slug": "zweckverband-digitale-kommunen",
            "kicker": "Initiative erfolgreich",
            "teaser": "Wustermark tritt bei.",
            "body": ARTICLE_BODY,
            **fields,
        },
    )


@pytest.fixture
def german_article(region):
    return article_in(region["wustermark"])


def editor_of(chapter_title, username):
    user = factories.UserFactory(username=username)
    user.groups.add(Group.objects.get(name=editors_group_name(chapter_title)))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def wustermark_editor(region):
    return editor_of("SPD Wustermark", "redaktion-wustermark")


@pytest.fixture
def falkensee_editor(region):
    return editor_of("SPD Falkensee", "redaktion-falkensee")


@pytest.fixture
def regional_admin(region, home):
    """The real "Regionaladmin" group of the data migration: page rights on the whole region,
    the shared snippets and submitting translations."""
    group = Group.objects.get(name=REGIONAL_ADMIN_GROUP)
    user = factories.UserFactory(username="regio")
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


# --- Helpers ------------------------------------------------------------------------------


def editor_props(response):
    """The props wagtail-localize hands to its React translation editor."""
    assert response.status_code == 200, response.status_code
    match = re.search(r'class="js-translation-editor" data-props="([^"]*)"', response.text)
    assert match, "no translation editor on the page"
    return json.loads(html.unescape(match.group(1)))


def put_translation(client, edit_url, value):
    return client.put(
        edit_url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )


def alternates(page_html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page_html))


def switcher(page_html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', page_html, re.S)
    assert nav, "no language switcher"
    return dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav.group(0)))


def denied(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def submit_page_for_translation(client, page, locale):
    return client.post(
        f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale.pk]}, follow=False
    )


# --- Locales and synchronised trees -------------------------------------------------------


def test_sync_locales_gives_every_german_page_an_english_alias(home, english, region):
    german = Page.objects.filter(locale=Locale.get_default(), depth__gt=1)
    for page in german:
        alias = Page.objects.get(translation_key=page.translation_key, locale=english)
        assert alias.alias_of_id == page.pk
        assert alias.live == page.live
    # The home page with the regional Termine, and two chapters of six pages each (with
    # Aktuelles and Termine): the English tree gets /en/termine/ as well.
    assert german.count() == Page.objects.filter(locale=english).count() == 14

    aliases_before = Page.objects.filter(alias_of__isnull=False).count()
    call_command("sync_locales", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Page.objects.filter(alias_of__isnull=False).count() == aliases_before


def test_untranslated_page_in_english_shows_the_german_content(german_article, anonymous):
    response = anonymous.get("/en/wustermark/aktuelles/zweckverband-digitale-kommunen/")
    assert response.status_code == 200
    page_html = response.text
    assert '<html lang="en">' in page_html
    # The text is German, and says so to screen readers and search engines.
    assert re.search(r'<main [^>]*lang="de"', page_html)
    assert "Zweckverband Digitale Kommunen" in page_html
    assert "Die Gemeinde tritt dem Zweckverband bei." in page_html
    assert switcher(page_html) == {
        GERMAN_URL: "de",
        "/en/wustermark/aktuelles/zweckverband-digitale-kommunen/": "en",
    }


def test_an_unpublished_english_version_leaves_switcher_and_hreflang(
    german_article, english, anonymous
):
    english_version = german_article.get_translation(english)
    english_version.unpublish()
    german_html = anonymous.get(GERMAN_URL).text
    assert "language-switcher" not in german_html  # one language left: no switcher
    assert set(alternates(german_html)) == {"de", "x-default"}


def test_chapter_provisioned_after_sync_appears_in_english(region, english, anonymous, home):
    late = provision_chapter(home, "SPD Nauen", slug="nauen")
    for path in ("/en/nauen/", "/en/nauen/aktuelles/", "/en/nauen/impressum/"):
        assert anonymous.get(path).status_code == 200, path
    english_chapter = late.get_translation(english)
    assert english_chapter.alias_of_id == late.pk
    # Its editors may work on the English chapter too (permissions follow the page).
    group = Group.objects.get(name=editors_group_name("SPD Nauen"))
    assert set(
        GroupPagePermission.objects.filter(group=group, page=english_chapter).values_list(
            "permission__codename", flat=True
        )
    ) == set(
        GroupPagePermission.objects.filter(group=group, page=late).values_list(
            "permission__codename", flat=True
        )
    )


def test_adding_a_language_needs_only_the_setting_and_sync_locales(region, settings, anonymous):
    languages = [("de", "Deutsch"), ("en", "Englisch"), ("pl", "Polnisch")]
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = languages
    call_command("sync_locales", stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = anonymous.get("/pl/wustermark/")
    assert response.status_code == 200
    assert '<html lang="pl">' in response.text
    assert set(alternates(response.text)) == {"de", "en", "pl", "x-default"}
    assert "polski" in response.text  # the switcher names each language in itself


def test_unprefixed_urls_stay_german_whatever_the_browser_prefers(region, anonymous):
    response = anonymous.get("/wustermark/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert '<html lang="de">' in response.text


# --- Translating an article in the admin --------------------------------------------------


def test_editor_translates_article_in_translation_editor_and_publishes(
    german_article, english, wustermark_editor, anonymous
):
    response = submit_page_for_translation(wustermark_editor, german_article, english)
    assert response.status_code == 302
    english_page = german_article.get_translation(english)
    assert response["Location"] == f"/admin/pages/{english_page.pk}/edit/"

    props = editor_props(wustermark_editor.get(response["Location"]))
    strings = [segment for segment in props["segments"] if segment["type"] == "string"]
    paths = {segment["contentPath"].split(".")[0] for segment in strings}
    assert {"title", "slug", "kicker", "teaser", "body"} <= paths
    # StreamField blocks: the paragraph, the quote and the link list's texts.
    block_sources = {
        segment["source"] for segment in strings if segment["contentPath"][:5] == "body."
    }
    assert {
        "Die Gemeinde tritt dem Zweckverband bei.",
        "Wir nutzen die Chancen der Digitalisierung.",
        "Weiterlesen",
        "Antrag im Ratsinformationssystem",
    } <= block_sources
    for segment in strings:
        response = put_translation(
            wustermark_editor, segment["editUrl"], ENGLISH[segment["source"]]
        )
        assert response.status_code in (200, 201), segment

    response = wustermark_editor.post(
        f"/admin/pages/{english_page.pk}/edit/", {"action": "publish"}
    )
    assert response.status_code == 302

    english_html = anonymous.get(ENGLISH_URL).text
    for text in (
        "Digital Municipalities Association",
        "Initiative successful",
        "The municipality joins the association.",
        "We seize the opportunities of digitalisation.",
        "Motion in the council information system",
        "https://ratsinfo.example.org/antrag",
    ):
        assert text in english_html, text
    assert "Die Gemeinde tritt dem Zweckverband bei." not in english_html
    # The category came along as an English row of its own, for the regional admin to translate.
    assert NewsArticlePage.objects.get(pk=english_page.pk).category.locale == english
    assert not re.search(r'<main [^>]*lang="de"', english_html)

    german_html = anonymous.get(GERMAN_URL).text
    assert "Die Gemeinde tritt dem Zweckverband bei." in german_html
    # Switcher and hreflang point both ways, page to page (not to a home page).
    root_url = "http://testserver"  # the request's host, not the Site record's
    for page_html in (english_html, german_html):
        assert switcher(page_html) == {GERMAN_URL: "de", ENGLISH_URL: "en"}
        assert alternates(page_html) == {
            "de": root_url + GERMAN_URL,
            "en": root_url + ENGLISH_URL,
            "x-default": root_url + GERMAN_URL,
        }
    assert re.search(r'<a href="[^"]+" hreflang="en" lang="en" aria-current="true"', english_html)


def test_regional_admin_translates_banner_by_po_upload(region, english, regional_admin, anonymous):
    banner = factories.BannerFactory(
        title="Aktuelle Informationen zu Corona", text="<p>Alles Wichtige auf einen Blick.</p>"
    )
    response = regional_admin.post(
        f"/admin/localize/submit/snippet/notices/banner/{banner.pk}/", {"locales": [english.pk]}
    )
    assert response.status_code == 302
    english_banner = banner.get_translation(english)
    edit_url = response["Location"]
    assert edit_url.endswith(f"/{english_banner.pk}/")

    links = editor_props(regional_admin.get(edit_url))["links"]
    po = polib.pofile(regional_admin.get(links["downloadPofile"]).content.decode())
    english_texts = {
        "Aktuelle Informationen zu Corona": "Current information on coronavirus",
        "Alles Wichtige auf einen Blick.": "Everything important at a glance.",
    }
    assert {entry.msgid for entry in po} == set(english_texts)
    for entry in po:
        entry.msgstr = english_texts[entry.msgid]
    upload = SimpleUploadedFile("banner-en.po", str(po).encode(), "text/x-gettext-translation")
    response = regional_admin.post(links["uploadPofile"], {"file": upload, "next": edit_url})
    assert response.status_code == 302

    response = regional_admin.post(edit_url, {"action": "publish"})
    assert response.status_code == 302

    english_html = anonymous.get("/en/wustermark/").text
    assert "Current information on coronavirus" in english_html
    assert "Everything important at a glance." in english_html
    assert "Aktuelle Informationen zu Corona" not in english_html
    german_html = anonymous.get("/wustermark/").text
    assert "Aktuelle Informationen zu Corona" in german_html
    assert "Current information on coronavirus" not in german_html


# --- Who may translate what ---------------------------------------------------------------


@pytest.fixture
def falkensee_translation(region, english):
    """A Falkensee article already translated by its own chapter."""
    source = article_in(
        region["falkensee"], slug="radwege", title="Mehr Radwege", kicker="", teaser=""
    )
    translate_with(source, english, {"Mehr Radwege": "More cycle paths"})
    translation = Translation.objects.get(
        source=TranslationSource.objects.get(object_id=source.translation_key),
        target_locale=english,
    )
    return source, translation


def test_editor_of_one_chapter_cannot_translate_another_chapters_pages(
    falkensee_translation, english, wustermark_editor, falkensee_editor, anonymous
):
    source, translation = falkensee_translation
    english_page = source.get_translation(english)
    english_url = english_page.url

    # Cannot start a translation (nor see the form).
    other_article = article_in(falkensee_translation[0].chapter, slug="kitas", title="Kitas")
    assert denied(wustermark_editor.get(f"/admin/localize/submit/page/{other_article.pk}/"))
    assert denied(submit_page_for_translation(wustermark_editor, other_article, english))
    assert other_article.get_translation(english).alias_of_id == other_article.pk  # still an alias
    # Cannot resynchronise or open the translation editor.
    assert denied(wustermark_editor.post(f"/admin/localize/update/{translation.source_id}/"))
    assert denied(wustermark_editor.get(f"/admin/pages/{english_page.pk}/edit/"))
    # Cannot write through the editor's API, nor by PO file.
    segment = translation.source.stringsegment_set.get(context__path="title")
    url = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"
    assert put_translation(wustermark_editor, url, "Hijacked").status_code == 403
    download = f"/admin/localize/translate/{translation.pk}/pofile/download/"
    assert denied(wustermark_editor.get(download))
    po = polib.pofile(falkensee_editor.get(download).content.decode())  # its own editor may
    for entry in po:
        entry.msgstr = "Hijacked"
    upload = SimpleUploadedFile("x.po", str(po).encode(), "text/x-gettext-translation")
    response = wustermark_editor.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/", {"file": upload}
    )
    assert denied(response)
    # Nor translate the shared snippets.
    banner = factories.BannerFactory()
    response = wustermark_editor.post(
        f"/admin/localize/submit/snippet/notices/banner/{banner.pk}/", {"locales": [english.pk]}
    )
    assert denied(response)
    assert not banner.has_translation(english)

    # Falkensee's English page is untouched.
    page_html = anonymous.get(english_url).text
    assert "More cycle paths" in page_html
    assert "Hijacked" not in page_html
    # While Falkensee's own editor may open its translation editor.
    assert editor_props(falkensee_editor.get(f"/admin/pages/{english_page.pk}/edit/"))


# --- Public details -----------------------------------------------------------------------


def test_dates_and_times_follow_the_language(region, anonymous):
    factories.PressReleaseFactory(
        title="Heil nimmt Arbeitgeber in die Pflicht",
        published_at=datetime.datetime(2021, 1, 22, 9, 49, tzinfo=BERLIN),
    )
    article_in(region["wustermark"], date=datetime.date(2020, 12, 16))
    german_html = anonymous.get("/wustermark/").text
    assert "22.01.2021 09:49" in german_html
    assert "16.12.2020" in german_html
    english_html = anonymous.get("/en/wustermark/").text
    assert "22 Jan 2021, 09:49" in english_html
    assert "16 Dec 2020" in english_html
    for url in ("/pressemitteilungen/", "/en/pressemitteilungen/", "/en/"):
        html = anonymous.get(url).text
        assert ("22.01.2021 09:49" in html) is not url.startswith("/en/"), url
    assert "16 Dec 2020" in anonymous.get("/en/").text


def test_admin_speaks_german_by_default_and_each_user_picks_their_own(
    wustermark_editor, falkensee_editor
):
    response = wustermark_editor.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="de"' in response.text
    account = wustermark_editor.get("/admin/account/").text
    options = re.findall(r'<option value="([a-z-]+)"', account)
    assert {"de", "en"} <= set(options)

    user = wustermark_editor.session["_auth_user_id"]
    profile = UserProfile.objects.get_or_create(user_id=user)[0]
    profile.preferred_language = "en"
    profile.save()
    assert '<html lang="en"' in wustermark_editor.get("/admin/").text
    # Only that user: the other editor still gets German.
    assert '<html lang="de"' in falkensee_editor.get("/admin/").text


# --- Demo content -------------------------------------------------------------------------


def test_seed_demo_ships_english_article_and_banner(db, settings, anonymous):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    english = Locale.objects.get(language_code="en")
    article = NewsArticlePage.objects.get(
        locale=english, alias_of__isnull=True, slug__startswith="wustermark-wants"
    )
    page_html = anonymous.get(article.url).text
    for text in (
        "Wustermark wants to join the Digital Municipalities Association of Brandenburg",
        "The Online Access Act",  # a paragraph block
        "In our view, a comparatively small municipality",  # the quote block
        "Motion of the SPD group",  # a link list block
        "Current information on coronavirus",  # the banner
        "22 Jan 2021, 09:49",
    ):
        assert text in page_html, text
    assert Banner.objects.filter(locale=english, live=True).count() == 1
    assert ChapterPage.objects.filter(locale=english).count() == 3
    assert "Aktuelle Informationen zu Corona" in anonymous.get("/wustermark/").text


def test_retiring_a_chapter_takes_its_translations_offline_too(
    falkensee_translation, region, anonymous
):
    source, _translation = falkensee_translation
    english_article = source.get_translation(Locale.objects.get(language_code="en"))
    assert anonymous.get(english_article.url).status_code == 200

    retire_chapter(region["falkensee"])

    assert anonymous.get(english_article.url).status_code == 404
    assert anonymous.get("/en/falkensee/").status_code == 404
    assert Page.objects.filter(pk=english_article.pk).exists()


def test_page_furniture_speaks_the_page_language(german_article, anonymous):
    factories.PressReleaseFactory(source_name="spd.de")
    german = anonymous.get("/wustermark/aktuelles/zweckverband-digitale-kommunen/").text
    english = anonymous.get("/en/wustermark/aktuelles/zweckverband-digitale-kommunen/").text
    assert "Pressemitteilungen" in german
    assert "weiterlesen auf spd.de" in german
    assert "Press releases" in english
    assert "read more on spd.de" in english
    assert "Zum Inhalt springen" not in english


def test_chapter_team_cannot_explore_other_chapters_in_any_language(
    region, english, wustermark_editor
):
    # Rights in two language trees make the root the team's common ancestor in Wagtail.
    falkensee = region["falkensee"]
    wustermark = region["wustermark"]
    for page in (falkensee, falkensee.get_translation(english), falkensee.news_index):
        for url in (f"/admin/pages/{page.pk}/", f"/admin/pages/{page.pk}/results/"):
            response = wustermark_editor.get(url)
            assert response.status_code == 302, url
            assert "Falkensee" not in wustermark_editor.get(response["Location"]).text
    for page in (wustermark, wustermark.get_translation(english), wustermark.news_index):
        response = wustermark_editor.get(f"/admin/pages/{page.pk}/")
        assert response.status_code == 200
        assert "Aktuelles" in response.text


def test_page_chooser_offers_other_chapters_live_pages_but_not_their_drafts(
    region, wustermark_editor
):
    falkensee = region["falkensee"]
    article_in(falkensee, slug="live", title="Öffentlicher Artikel")
    article_in(falkensee, slug="entwurf", title="Geheimer Entwurf", live=False)
    article_in(region["wustermark"], slug="eigener-entwurf", title="Eigener Entwurf", live=False)
    browse = wustermark_editor.get(f"/admin/choose-page/{falkensee.news_index.pk}/").json()["html"]
    assert "Öffentlicher Artikel" in browse
    assert "Geheimer Entwurf" not in browse
    found = wustermark_editor.get("/admin/choose-page/search/?q=Entwurf").text
    assert "Geheimer Entwurf" not in found
    assert "Eigener Entwurf" in found


def test_editor_creates_and_publishes_an_article_in_a_multilingual_region(
    region, english, wustermark_editor, anonymous
):
    index = region["wustermark"].news_index
    response = wustermark_editor.post(
        f"/admin/pages/add/news/newsarticlepage/{index.pk}/",
        article_form_data("Neuer Spielplatz", "neuer-spielplatz", action="action-publish"),
    )
    assert response.status_code == 302
    article = NewsArticlePage.objects.get(slug="neuer-spielplatz", locale__language_code="de")
    assert article.live
    assert anonymous.get("/wustermark/aktuelles/neuer-spielplatz/").status_code == 200
    assert anonymous.get("/en/wustermark/aktuelles/neuer-spielplatz/").status_code == 200
    assert Page.objects.filter(translation_key=article.translation_key).count() == 2


def test_trees_are_kept_in_step_without_wagtail_localize_synchronisation(english, region):
    """translations/sync.py keeps the trees in step itself. With a LocaleSynchronization
    row, wagtail-localize's after_create_page hook would create the aliases of every page
    created in the admin a second time (a 500 on "Veröffentlichen", see the test above)."""
    assert not LocaleSynchronization.objects.exists()
    german = region["wustermark"]
    assert german.get_translation(english).alias_of_id == german.pk


def test_english_page_older_than_its_german_source_says_so(region, english, anonymous):
    current = article_in(region["wustermark"], title="Aktuell", slug="aktuell")
    translate_with(current, english, {"Aktuell": "Current"})
    outdated = article_in(region["wustermark"], title="Alt", slug="alt")
    translate_with(outdated, english, {"Alt": "Old"})
    outdated.title = "Alt, aber geändert"
    outdated.save_revision().publish()

    note = 'class="translation-note"'
    html = anonymous.get("/en/wustermark/aktuelles/alt/").text
    assert note in html
    assert 'href="/wustermark/aktuelles/alt/" hreflang="de"' in html
    assert note not in anonymous.get("/en/wustermark/aktuelles/aktuell/").text
    assert note not in anonymous.get("/wustermark/aktuelles/alt/").text
    assert note not in anonymous.get("/en/falkensee/").text  # an alias: German text anyway
