"""What visitors see: the board on Kontakt and "Über uns", the chairs on the regional home,
the legal pages of a new chapter, and the footer of every page type."""

import re

import pytest
from wagtail.models import Page

from chapters.models import ChapterPage, ContentPage
from chapters.provisioning import add_standard_pages, provision_chapter
from home.models import PlatformSettings
from people.models import MANDATE, ContactPage, Role
from tests import factories
from tests.admin_helpers import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def chapter_a(home):
    chapter = provision_chapter(
        home,
        "SPD Wustermark",
        slug="wustermark",
        contact_name="Erika Muster",
        contact_address="Hauptstraße 1\n14641 Wustermark",
        contact_email="vorstand@wustermark.example.org",
        mastodon_url="https://social.example/@spdwustermark",
    )
    chair = Role.objects.get(name="Vorsitzende/r")
    treasurer = Role.objects.get(name="Kassierer/in")
    council = Role.objects.get(name="Gemeindevertreter/in")
    photo = make_image("Foto Erika", chapter.team.collection)
    factories.PersonFactory(
        chapter=chapter, name="Erika Muster", photo=photo, roles=[chair, council], sort_order=1
    )
    factories.PersonFactory(chapter=chapter, name="Karl Kasse", roles=[treasurer], sort_order=2)
    factories.PersonFactory(chapter=chapter, name="Greta Gemeinde", roles=[council])
    return chapter


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


def test_kontakt_shows_board_and_representatives_with_photos(anonymous, chapter_a):
    kontakt = ContactPage.objects.child_of(chapter_a).get()
    html = html_of(anonymous, kontakt)
    board = html[html.index('id="people-board-heading"') : html.index('id="people-mandate')]
    assert "Erika Muster" in board and "Karl Kasse" in board
    assert "Greta Gemeinde" not in board
    mandates = html[html.index('id="people-mandate-heading"') :]
    assert "Greta Gemeinde" in mandates and "Erika Muster" in mandates
    assert board.index("Erika Muster") < board.index("Karl Kasse")
    [img] = re.findall(r"<img [^>]*person__photo[^>]*>", html)[:1]
    # fill-160x160 crops square (never upscaling the 64×48 test image), sizes given.
    assert 'width="48"' in img and 'height="48"' in img and 'alt="Erika Muster"' in img
    assert "fill-160x160" in img
    assert "Vorsitzende/r, Gemeindevertreter/in" in html
    # No third-party requests: every src is our own.
    assert not re.search(r'src="(https?:)?//', html)


def test_chapter_page_has_an_about_us_section(anonymous, chapter_a, home):
    html = html_of(anonymous, chapter_a)
    assert "Über uns" in html and "Karl Kasse" in html
    empty = provision_chapter(home, "SPD Falkensee", slug="falkensee")
    assert "Über uns" not in html_of(anonymous, empty)


def test_regional_home_names_each_chapters_chair(anonymous, chapter_a, home):
    provision_chapter(home, "SPD Falkensee", slug="falkensee")
    html = html_of(anonymous, home)
    card = html[html.index("SPD Wustermark") :]
    assert "Vorsitz:" in card and "Erika Muster" in card
    assert html.count("Vorsitz:") == 1  # Falkensee has no chair yet


def test_new_chapters_legal_pages_name_the_chapter(anonymous, chapter_a):
    imprint = ContentPage.objects.child_of(chapter_a).get(slug="impressum")
    privacy = ContentPage.objects.child_of(chapter_a).get(slug="datenschutz")
    for page in (imprint, privacy):
        html = html_of(anonymous, page)
        assert "SPD Wustermark" in html
        assert "Erika Muster" in html
        assert "vorstand@wustermark.example.org" in html
        assert "{ortsverein}" not in html


def test_legal_pages_follow_the_platform_templates(anonymous, home):
    platform = PlatformSettings.load()
    platform.imprint_template = "<p>Impressum von {ortsverein}, Anschrift: {anschrift}</p>"
    platform.privacy_template = "<p>Datenschutz bei {ortsverein} – {email}</p>"
    platform.save()
    chapter = provision_chapter(
        home,
        "SPD <Nauen>",
        slug="nauen",
        contact_address="Markt 2\n14641 Nauen",
        contact_email="nauen@example.org",
    )
    imprint = html_of(anonymous, ContentPage.objects.child_of(chapter).get(slug="impressum"))
    assert "Impressum von SPD &lt;Nauen&gt;, Anschrift: Markt 2<br>14641 Nauen" in imprint
    privacy = html_of(anonymous, ContentPage.objects.child_of(chapter).get(slug="datenschutz"))
    assert "Datenschutz bei SPD &lt;Nauen&gt; – nauen@example.org" in privacy


def test_region_gets_its_own_legal_pages(anonymous, home):
    add_standard_pages(home, ortsverein="SPD Havelland", email="havelland@example.org")
    add_standard_pages(home, ortsverein="SPD Havelland")  # again: nothing new
    slugs = sorted(Page.objects.child_of(home).values_list("slug", flat=True))
    assert slugs == ["datenschutz", "impressum", "kontakt", "termine"]  # Termine: migration
    assert "SPD Havelland" in html_of(anonymous, Page.objects.get(slug="impressum").specific)


def footer_of(html):
    return html[html.index('<footer class="site-footer">') :]


def test_every_page_type_links_legal_pages_social_profiles_and_joining(anonymous, chapter_a, home):
    platform = PlatformSettings.load()
    platform.join_url = "https://mitgliedwerden.example.org/"
    platform.save()
    add_standard_pages(home, ortsverein="SPD Havelland")
    news_index = chapter_a.news_index
    article = factories.NewsArticlePageFactory(parent=news_index)
    content = factories.ContentPageFactory(parent=chapter_a, title="Geschichte")
    kontakt = ContactPage.objects.child_of(chapter_a).get()
    chapter_pages = [chapter_a, news_index, article, content, kontakt]
    region_pages = [home, ContactPage.objects.child_of(home).get()]
    covered = {type(page.specific) for page in chapter_pages + region_pages}
    assert covered >= {
        ChapterPage,
        type(news_index.specific),
        type(article),
        ContentPage,
        ContactPage,
        type(home.specific),
    }
    for page in chapter_pages:
        footer = footer_of(html_of(anonymous, page))
        for slug in ("impressum", "datenschutz", "kontakt"):
            assert f'href="/wustermark/{slug}/"' in footer, (page, slug)
        assert 'href="https://social.example/@spdwustermark"' in footer
        assert 'href="https://mitgliedwerden.example.org/"' in footer
        assert "Mitglied werden" in footer
    for page in region_pages:
        footer = footer_of(html_of(anonymous, page))
        for slug in ("impressum", "datenschutz", "kontakt"):
            assert f'href="/{slug}/"' in footer, (page, slug)
        assert "social.example" not in footer
        assert "Mitglied werden" in footer


def test_representatives_only_group_is_shown_alone(anonymous, home):
    chapter = provision_chapter(home, "SPD Falkensee", slug="falkensee")
    role = factories.RoleFactory(name="Ortsbeirat Nord", group=MANDATE)
    factories.PersonFactory(chapter=chapter, name="Olga Ort", roles=[role])
    html = html_of(anonymous, ContactPage.objects.child_of(chapter).get())
    assert "Olga Ort" in html
    assert 'id="people-board-heading"' not in html


def test_english_pages_show_translated_roles_and_english_footer_links(anonymous, chapter_a):
    from wagtail.models import Locale

    from translations.sync import sync_locales

    sync_locales()
    english = Locale.objects.get(language_code="en")
    chair = Role.objects.get(name="Vorsitzende/r")
    translated = chair.copy_for_translation(english)
    translated.name = "Chair"
    translated.save()
    kontakt = ContactPage.objects.get(slug="kontakt", locale=english, url_path__contains="wust")
    response = anonymous.get(kontakt.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chair, Gemeindevertreter/in" in html  # untranslated roles stay German
    assert "Your name" in html and "Send message" in html and "Board" in html
    assert "Legal notice" in footer_of(html)
    assert f'action="/kontakt/senden/{kontakt.pk}/"' in html
    for slug in ("impressum", "datenschutz", "kontakt"):
        assert f'href="/en/wustermark/{slug}/"' in footer_of(html)


def test_changing_people_purges_the_page_cache(anonymous, chapter_a, settings):
    settings.PAGE_CACHE_ENABLED = True
    kontakt = ContactPage.objects.child_of(chapter_a).get()
    assert anonymous.get(kontakt.url)["X-Page-Cache"] == "miss"
    assert anonymous.get(kontakt.url)["X-Page-Cache"] == "hit"
    person = factories.PersonFactory(
        chapter=chapter_a, name="Neue Beisitzerin", roles=[Role.objects.get(name="Beisitzer/in")]
    )
    response = anonymous.get(kontakt.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Neue Beisitzerin" in response.content.decode()
    anonymous.get(kontakt.url)
    person.delete()
    response = anonymous.get(kontakt.url)
    assert "Neue Beisitzerin" not in response.content.decode()


def test_create_region_pages_command(anonymous, home):
    import io

    from django.core.management import call_command

    platform = PlatformSettings.load()
    platform.office_name = "SPD-Regionalgeschäftsstelle Havelland"
    platform.office_email = "havelland@example.org"
    platform.save()
    call_command("create_region_pages", stdout=io.StringIO())
    call_command("create_region_pages", stdout=io.StringIO())
    assert sorted(Page.objects.child_of(home).values_list("slug", flat=True)) == [
        "datenschutz",
        "impressum",
        "kontakt",
        "termine",
    ]
    html = html_of(anonymous, Page.objects.get(slug="datenschutz").specific)
    assert "SPD-Regionalgeschäftsstelle Havelland" in html and "havelland@example.org" in html
