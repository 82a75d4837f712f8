"""Feeds and press releases in Wagtail's admin, exercised over HTTP with the test client."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from press.models import PressRelease, PressReleaseFeed
from tests import factories
from tests.feedserver import Response
from tests.press.test_importer import RSS2

pytestmark = pytest.mark.django_db

FEEDS = "/admin/snippets/press/pressreleasefeed/"
RELEASES = "/admin/snippets/press/pressrelease/"


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def feed(feed_server):
    return PressReleaseFeed.objects.create(name="spd.de", url=feed_server.serve("/feed.xml", RSS2))


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_listing_and_edit_view_offer_import_now(admin_client, feed):
    listing = admin_client.get(FEEDS).content.decode()
    edit = admin_client.get(f"{FEEDS}edit/{feed.pk}/").content.decode()

    import_url = f"{FEEDS}import/{feed.pk}/"
    assert import_url in listing
    assert import_url in edit
    assert "Jetzt importieren" in listing
    assert "Jetzt importieren" in edit


def test_import_now_imports_and_reports(admin_client, feed, feed_server):
    confirm = admin_client.get(f"{FEEDS}import/{feed.pk}/")
    assert confirm.status_code == 200
    assert "Die Pressemitteilungen aus dem Feed „spd.de“" in confirm.content.decode()
    assert feed_server.requests == [], "GET only asks; it must not fetch"

    response = admin_client.post(f"{FEEDS}import/{feed.pk}/", follow=True)

    assert response.redirect_chain[-1][0] == f"{FEEDS}edit/{feed.pk}/"
    assert "spd.de: 2 neu, 0 aktualisiert, 0 unverändert" in messages_of(response)
    assert PressRelease.objects.filter(feed=feed).count() == 2


def test_import_now_shows_the_error_and_the_listing_keeps_it(admin_client, feed, feed_server):
    feed_server.serve("/feed.xml", Response(b"oops", status=500))

    response = admin_client.post(f"{FEEDS}import/{feed.pk}/", {"next": FEEDS}, follow=True)

    assert response.redirect_chain[-1][0] == FEEDS
    [message] = messages_of(response)
    assert message.startswith("spd.de: FEHLER – Der Server meldet einen Fehler (500)")
    assert "Der Server meldet einen Fehler (500)" in response.content.decode()
    assert not PressRelease.objects.exists()


def test_import_now_needs_change_permission(client, feed, feed_server):
    user = get_user_model().objects.create_user("redaktion", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    get = client.get(f"{FEEDS}import/{feed.pk}/")
    post = client.post(f"{FEEDS}import/{feed.pk}/")

    assert get.status_code in (302, 403)
    assert post.status_code in (302, 403)
    assert feed_server.requests == []
    assert not PressRelease.objects.exists()


def test_import_now_ignores_foreign_next_urls(admin_client, feed):
    response = admin_client.post(f"{FEEDS}import/{feed.pk}/", {"next": "https://evil.example/"})

    assert response.status_code == 302
    assert response["Location"] == f"{FEEDS}edit/{feed.pk}/"


@pytest.fixture
def release():
    return PressRelease.objects.create(
        title="Heil nimmt Arbeitgeber in die Pflicht",
        teaser="Mehr Homeoffice.",
        source_name="spd.de",
        source_url="https://www.spd.de/heil",
        published_at=datetime.datetime(2021, 1, 22, 8, 49, tzinfo=datetime.UTC),
    )


def test_regional_admin_hides_a_single_press_release(admin_client, release, home, anonymous):
    other = PressRelease.objects.create(
        title="Bleibt sichtbar",
        source_name="spd.de",
        source_url="https://www.spd.de/other",
        published_at=datetime.datetime(2021, 1, 21, 8, 0, tzinfo=datetime.UTC),
    )
    assert release.title in anonymous.get("/pressemitteilungen/").content.decode()

    response = admin_client.post(
        f"{RELEASES}edit/{release.pk}/",
        {
            "published_at": "2021-01-22 09:49",
            "title": release.title,
            "teaser": release.teaser,
            "body": '{"blocks": [], "entityMap": {}}',
            "source_name": release.source_name,
            "source_url": release.source_url,
            "hidden": "on",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    release.refresh_from_db()
    assert release.hidden
    assert release.published_at == datetime.datetime(2021, 1, 22, 8, 49, tzinfo=datetime.UTC)
    for url in ("/pressemitteilungen/", "/"):
        html = anonymous.get(url).content.decode()
        assert release.title not in html
        assert other.title in html
    hidden_only = admin_client.get(RELEASES, {"hidden": "true"}).content.decode()
    assert release.title in hidden_only
    assert other.title not in hidden_only
    listing = admin_client.get(RELEASES).content.decode()
    assert "ausgeblendet" in listing


def test_one_click_hide_and_show_again(admin_client, release, home, anonymous):
    listing = admin_client.get(RELEASES).content.decode()
    hide_url = f"{RELEASES}hide/{release.pk}/"
    assert hide_url in listing
    assert "Ausblenden" in listing
    confirm = admin_client.get(hide_url).content.decode()
    assert "auf allen Seiten aller Ortsvereine und im Archiv ausblenden?" in confirm
    assert not PressRelease.objects.get().hidden, "GET only asks"

    response = admin_client.post(hide_url, follow=True)

    assert response.redirect_chain[-1][0] == RELEASES
    assert messages_of(response) == ["„Heil nimmt Arbeitgeber in die Pflicht“ ist ausgeblendet."]
    assert "Wieder anzeigen" in response.content.decode()
    assert release.title not in anonymous.get("/pressemitteilungen/").content.decode()

    admin_client.post(hide_url)

    assert not PressRelease.objects.get().hidden
    assert release.title in anonymous.get("/pressemitteilungen/").content.decode()


def test_hiding_needs_change_permission(client, release):
    user = get_user_model().objects.create_user("redaktion", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.post(f"{RELEASES}hide/{release.pk}/")

    assert response.status_code in (302, 403)
    assert not PressRelease.objects.get().hidden


def test_archive_paginates_twenty_per_page_in_german(home, anonymous):
    start = datetime.datetime(2021, 1, 1, 12, 0, tzinfo=datetime.UTC)
    for number in range(25):
        PressRelease.objects.create(
            title=f"Mitteilung {number:02d}",
            source_name="spd.de",
            source_url=f"https://www.spd.de/{number}",
            published_at=start + datetime.timedelta(hours=number),
        )

    first = anonymous.get("/pressemitteilungen/").content.decode()
    second = anonymous.get("/pressemitteilungen/?page=2").content.decode()
    beyond = anonymous.get("/pressemitteilungen/?page=99")

    assert "<h1>Pressemitteilungen</h1>" in first
    assert "Mitteilung 24" in first and "Mitteilung 05" in first
    assert "Mitteilung 04" not in first.split("press-release-archive")[1]
    assert first.count('class="press-release__source"') >= 20
    assert "Seite 1 von 2" in first
    assert 'rel="next">Weiter</a>' in first
    assert "Mitteilung 04" in second and "Mitteilung 00" in second
    assert "Seite 2 von 2" in second
    assert 'rel="prev">Zurück</a>' in second
    assert beyond.status_code == 200
    assert "Seite 2 von 2" in beyond.content.decode()
    home_html = anonymous.get("/").content.decode()
    assert 'href="/pressemitteilungen/"' in home_html


def test_a_long_archive_links_its_ends_and_neighbours_not_every_page(home, anonymous, settings):
    settings.CHAPTERHOUSE_PRESS_RELEASES_PER_PAGE = 2
    factories.PressReleaseFactory.create_batch(25)  # 13 pages

    html = anonymous.get("/pressemitteilungen/?page=7").content.decode()
    navigation = html.split('class="pagination"')[1].split("</nav>")[0]
    linked = [int(n) for n in re.findall(r'href="\?page=(\d+)"><span', navigation)]
    assert linked == [1, 2, 5, 6, 8, 9, 12, 13]
    assert '<span aria-current="page"><span class="visually-hidden">Seite </span>7</span>' in (
        navigation
    )
    assert navigation.count('class="pagination__gap"') == 2
    # A page number that is not one is not a page, as in every other list.
    assert anonymous.get("/pressemitteilungen/?page=sieben").status_code == 404


def test_every_chapter_page_links_the_archive(chapter, anonymous, release):
    html = anonymous.get(chapter.url).content.decode()

    assert "Heil nimmt Arbeitgeber in die Pflicht" in html
    assert '<a href="/pressemitteilungen/">Alle Pressemitteilungen</a>' in html
