"""Editors keep the last word; future dates, second feed addresses and hidden releases."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.test.utils.form_data import rich_text

from press.importer import import_feed
from press.models import PressRelease, PressReleaseFeed
from tests.feedserver import Response
from tests.press.test_importer import RSS2

pytestmark = pytest.mark.django_db

RELEASES = "/admin/snippets/press/pressrelease/"


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def feed(feed_server):
    return PressReleaseFeed.objects.create(name="spd.de", url=feed_server.serve("/feed.xml", RSS2))


def edit(admin_client, release, **changes):
    data = {
        "published_at": timezone.localtime(release.published_at).strftime("%Y-%m-%d %H:%M"),
        "title": release.title,
        "teaser": release.teaser,
        "body": rich_text(release.body or "<p></p>"),
        "source_name": release.source_name,
        "source_url": release.source_url,
        **changes,
    }
    response = admin_client.post(f"{RELEASES}edit/{release.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    release.refresh_from_db()
    return release


def test_a_title_corrected_by_an_editor_survives_the_next_import(admin_client, feed, feed_server):
    import_feed(feed)
    release = PressRelease.objects.get(guid="spd-1001")

    form = admin_client.get(f"{RELEASES}edit/{release.pk}/").content.decode()
    assert "Beim nächsten Import wieder überschreiben" in form
    release = edit(admin_client, release, title="Heil nimmt Arbeitgeber in die Pflicht (korr.)")

    assert "title" in release.locked_fields
    listing = admin_client.get(RELEASES).content.decode()
    assert "von Redaktion geändert" in listing
    changed_feed = RSS2.replace(b"Mehr Homeoffice", b"Noch mehr Homeoffice").replace(
        b"Heil nimmt", b"Heil nimmt jetzt"
    )
    feed_server.serve("/feed.xml", changed_feed)

    result = import_feed(feed)

    assert result.ok and result.updated == 1
    release.refresh_from_db()
    assert release.title == "Heil nimmt Arbeitgeber in die Pflicht (korr.)"
    assert release.teaser == "Noch mehr Homeoffice und mehr Sicherheit am Arbeitsplatz."

    release = edit(admin_client, release, reimport="on")

    assert release.locked_fields == []
    import_feed(feed)
    release.refresh_from_db()
    assert release.title == "Heil nimmt jetzt Arbeitgeber in die Pflicht"


@pytest.mark.parametrize("guid", ["spd-1001", "spd-1002"])
def test_saving_without_changes_locks_nothing(admin_client, feed, guid):
    import_feed(feed)
    release = PressRelease.objects.get(guid=guid)
    release = edit(admin_client, release)
    assert release.locked_fields == []


def future_feed(days):
    date = (timezone.now() + datetime.timedelta(days=days)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    return (
        '<rss version="2.0"><channel><title>K</title><item><title>Zukunft</title>'
        f"<guid>f-1</guid><pubDate>{date}</pubDate></item></channel></rss>"
    ).encode()


def test_dates_far_in_the_future_are_capped_and_noted(feed, feed_server):
    feed_server.serve("/feed.xml", future_feed(30))
    before = timezone.now()

    result = import_feed(feed)

    assert result.ok and result.created == 1
    release = PressRelease.objects.get()
    assert before <= release.published_at <= timezone.now()
    feed.refresh_from_db()
    assert feed.last_import_partial
    assert "in die Zukunft datiert" in feed.error_text
    first_date = release.published_at
    assert import_feed(feed).unchanged == 1, "a capped date does not move on every import"
    release.refresh_from_db()
    assert release.published_at == first_date


def test_tomorrow_is_not_capped(feed, feed_server):
    feed_server.serve("/feed.xml", future_feed(0.5))
    assert import_feed(feed).warnings == []


def test_the_same_feed_under_a_second_address_is_refused(feed, feed_server):
    import_feed(feed)
    PressRelease.objects.filter(guid="spd-1002").update(hidden=True)
    before = list(PressRelease.objects.values_list("pk", "feed", "hidden", "title"))
    second = PressReleaseFeed.objects.create(
        name="spd.de (www)", url=feed_server.serve("/www/feed.xml", RSS2)
    )

    result = import_feed(second)

    assert not result.ok
    assert "derselbe zu sein wie der Feed „spd.de“" in result.error
    assert "2 von 2 Einträgen" in result.error
    assert list(PressRelease.objects.values_list("pk", "feed", "hidden", "title")) == before


def test_a_release_hidden_under_another_feed_is_not_brought_back(feed, feed_server):
    import_feed(feed)
    PressRelease.objects.filter(guid="spd-1002").update(hidden=True)
    other = (
        RSS2.replace(b"spd-1001", b"own-1")
        .replace(b"<channel>", b"<channel><item><title>Zwei</title><guid>own-2</guid></item>")
        .replace(b"</channel>", b"<item><title>Drei</title><guid>own-3</guid></item></channel>")
    )
    second = PressReleaseFeed.objects.create(
        name="Andere", url=feed_server.serve("/other.xml", Response(other))
    )

    result = import_feed(second)

    assert result.ok and result.created == 3
    assert "ausgeblendet" in " ".join(result.warnings)
    assert not PressRelease.objects.filter(feed=second, guid="spd-1002").exists()
    assert PressRelease.objects.filter(guid="spd-1002", hidden=False).count() == 0
