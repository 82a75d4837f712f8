"""One slow or refused feed never holds up the others (issue 11)."""

import io
import time

import pytest
from django.core.management import CommandError, call_command

from press.importer import import_feed
from press.models import PressRelease, PressReleaseFeed
from tests.hostile_server import HostileServer
from tests.press.test_importer import RSS2

pytestmark = pytest.mark.django_db

TIMEOUT = 1.0


@pytest.fixture
def trickling():
    server = HostileServer("trickle_body").start()
    yield server
    server.stop()


def test_a_trickling_feed_among_five_good_ones(feed_server, trickling):
    for number in range(5):
        body = RSS2.replace(b"spd-100", f"feed{number}-".encode())
        url = feed_server.serve(f"/{number}.xml", body)
        PressReleaseFeed.objects.create(name=f"Gut {number}", url=url)
    PressReleaseFeed.objects.create(name="Langsam", url=trickling.url("/feed.xml"))
    out = io.StringIO()

    started = time.monotonic()
    with pytest.raises(CommandError) as error:
        call_command("import_press_releases", "--timeout", str(TIMEOUT), stdout=out)
    elapsed = time.monotonic() - started

    assert error.value.returncode == 1
    assert "1 von 6 Feeds" in str(error.value)
    assert elapsed < (TIMEOUT + 1) + 2  # one bad feed's bound, plus the five good ones
    lines = out.getvalue().splitlines()
    assert len(lines) == 6
    assert [line.split(":")[0] for line in lines] == [
        "Gut 0",
        "Gut 1",
        "Gut 2",
        "Gut 3",
        "Gut 4",
        "Langsam",
    ]
    assert lines[-1].startswith("Langsam: FEHLER – Der Server unter 127.0.0.1")
    assert all(line.endswith("2 neu, 0 aktualisiert, 0 unverändert") for line in lines[:5])
    assert PressRelease.objects.count() == 10
    slow = PressReleaseFeed.objects.get(name="Langsam")
    assert slow.last_error and slow.last_checked_at and slow.last_success_at is None


def test_a_single_trickling_feed_ends_within_its_timeout(trickling):
    feed = PressReleaseFeed.objects.create(name="Langsam", url=trickling.url("/feed.xml"))

    started = time.monotonic()
    result = import_feed(feed, timeout=TIMEOUT)

    assert time.monotonic() - started < TIMEOUT + 1
    assert "nicht (rechtzeitig)" in result.error


def test_loopback_feeds_are_refused_by_default(feed_server, settings):
    settings.OUTBOUND_ALLOWLIST = []
    feed = PressReleaseFeed.objects.create(name="Intern", url=feed_server.serve("/a", RSS2))

    result = import_feed(feed)

    assert result.error.startswith("Der Feed wurde nicht abgerufen: Diese Adresse ist nicht")
    assert feed_server.requests == []
    assert PressRelease.objects.count() == 0
