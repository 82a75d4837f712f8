"""The hostile-input corpus: files in tests/press/hostile/, generated documents and the
misbehaving loopback server (tests/hostile_server.py), each run through the command.

A refused case must exit 1 within the time-out plus a second, record a German message
on the feed and leave every stored press release exactly as it was."""

import io
import pathlib
import time
import unicodedata

import pytest
from django.core.management import CommandError, call_command

from press.models import PressRelease, PressReleaseFeed
from tests.feedserver import Response
from tests.hostile_server import HostileServer
from tests.press.test_importer import RSS2

pytestmark = pytest.mark.django_db

HOSTILE = pathlib.Path(__file__).parent / "hostile"
TIMEOUT = 1.0
ENTITIES = "eigene XML-Entitäten"
NO_ANSWER = "nicht (rechtzeitig) mit einer gültigen Antwort"


def laughs(encoding):
    return (HOSTILE / "billion_laughs.xml").read_text().encode(encoding)


REFUSED_DOCUMENTS = {
    "billion-laughs": (lambda: (HOSTILE / "billion_laughs.xml").read_bytes(), "", ENTITIES),
    "billion-laughs-utf16": (lambda: laughs("utf-16"), "", ENTITIES),
    "billion-laughs-utf16-header": (
        lambda: laughs("utf-16-le"),
        "application/xml; charset=utf-16le",
        ENTITIES,
    ),
    "external-entity": (lambda: (HOSTILE / "external_entity.xml").read_bytes(), "", ENTITIES),
    "parameter-entity": (lambda: (HOSTILE / "parameter_entity.xml").read_bytes(), "", ENTITIES),
    "entity-behind-comment": (
        lambda: (HOSTILE / "entity_behind_comment.xml").read_bytes(),
        "",
        ENTITIES,
    ),
    "html-page": (
        lambda: (HOSTILE / "html_page.html").read_bytes(),
        "text/html; charset=utf-8",
        "HTML-Seite, kein RSS- oder Atom-Feed",
    ),
    "not-a-feed": (
        lambda: (HOSTILE / "not_a_feed.xml").read_bytes(),
        "",
        "keinen RSS- oder Atom-Feed",
    ),
    "truncated": (
        lambda: (HOSTILE / "truncated.xml").read_bytes(),
        "",
        "endet mitten im Dokument",
    ),
    "truncated-after-html-entities": (
        lambda: (HOSTILE / "truncated_after_entities.xml").read_bytes(),
        "",
        "endet mitten im Dokument",
    ),
    "binary-garbage": (lambda: bytes(range(256)) * 4, "", "konnte nicht gelesen werden"),
}

# (HostileServer mode and options, expected message)
REFUSED_SERVERS = {
    "trickle-headers": ({"mode": "trickle_headers"}, NO_ANSWER),
    "trickle-body": ({"mode": "trickle_body"}, NO_ANSWER),
    "silent": ({"mode": "silent"}, NO_ANSWER),
    "garbage": ({"mode": "garbage"}, NO_ANSWER),
    "hang-up": ({"mode": "close"}, NO_ANSWER),
    "gzip-bomb": ({"mode": "bomb"}, "größer als"),
    "too-big": ({"mode": "too_big"}, "größer als"),
    "redirect-loop": ({"mode": "loop"}, "leitet zu oft weiter"),
    "redirect-to-metadata": (
        {"mode": "redirect", "location": "http://169.254.169.254/latest/meta-data/"},
        "nicht erlaubt",
    ),
    "redirect-to-private": ({"mode": "redirect", "location": "http://10.0.0.1/"}, "nicht erlaubt"),
    "status-500": ({"mode": "ok", "status": 500}, "(500)"),
}


@pytest.fixture
def stored(feed_server):
    """A feed with releases already imported, and a snapshot of every stored row."""
    feed = PressReleaseFeed.objects.create(name="spd.de", url=feed_server.serve("/good", RSS2))
    run_command(feed)
    assert PressRelease.objects.count() == 2
    return feed


def snapshot():
    return list(PressRelease.objects.order_by("pk").values())


def run_command(feed):
    out = io.StringIO()
    started = time.monotonic()
    try:
        call_command(
            "import_press_releases", "--feed", feed.name, "--timeout", str(TIMEOUT), stdout=out
        )
        code = 0
    except CommandError as error:
        code = error.returncode
    return code, out.getvalue().splitlines(), time.monotonic() - started


def assert_refused(feed, expected, before):
    code, lines, elapsed = run_command(feed)
    assert code == 1
    assert elapsed < TIMEOUT + 1
    [line] = lines
    assert line.startswith("spd.de: FEHLER – ")
    assert expected in line
    assert "Unerwarteter Fehler" not in line
    feed.refresh_from_db()
    assert expected in feed.last_error
    assert snapshot() == before


@pytest.mark.parametrize("case", REFUSED_DOCUMENTS)
def test_refused_documents(case, stored, feed_server):
    make_body, content_type, expected = REFUSED_DOCUMENTS[case]
    before = snapshot()
    headers = {"Content-Type": content_type} if content_type else {}
    stored.url = feed_server.serve("/hostile", Response(make_body(), headers=headers))
    stored.save()
    assert_refused(stored, expected, before)


@pytest.mark.parametrize("case", REFUSED_SERVERS)
def test_refused_servers(case, stored):
    options, expected = REFUSED_SERVERS[case]
    server = HostileServer(**options).start()
    try:
        before = snapshot()
        stored.url = server.url("/feed.xml")
        stored.save()
        assert_refused(stored, expected, before)
    finally:
        server.stop()


def test_an_internal_address_is_never_connected_to(stored):
    before = snapshot()
    stored.url = "http://169.254.169.254/latest/meta-data/"
    stored.save()
    assert_refused(stored, "nicht erlaubt", before)


def imported(feed_server, name, content_type="application/rss+xml"):
    body = (HOSTILE / name).read_bytes()
    url = feed_server.serve("/feed.xml", Response(body, headers={"Content-Type": content_type}))
    feed = PressReleaseFeed.objects.create(name="Korpus", url=url)
    code, lines, elapsed = run_command(feed)
    assert code == 0, lines
    assert elapsed < TIMEOUT + 1
    return PressRelease.objects.get(feed=feed)


def test_html_entities_are_read(feed_server):
    release = imported(feed_server, "html_entities.xml")
    assert release.title == "Grüße aus Köln – „Hallo“"
    assert release.teaser == "Straße & Platz"


def test_escaped_markup_leaves_no_markup(feed_server):
    release = imported(feed_server, "escaped_markup.xml")
    for text in (release.title, release.teaser, release.source_name):
        assert "<" not in text and ">" not in text
    assert "Titel" in release.title and "fett" in release.title
    assert "Anreißer" in release.teaser
    assert "onerror" not in release.teaser


def test_bidi_controls_and_tracking_parameters_are_removed(feed_server):
    release = imported(feed_server, "bidi_and_tracking.xml")
    assert release.title == "Wahlergebnis geheim"
    assert release.teaser.replace("…", "") == "Text mit Steuerzeichen"
    assert not any(unicodedata.category(char) in {"Cc", "Cf"} for char in release.teaser)
    assert release.source_url == "https://example.org/wahl?id=7"


def test_a_feed_served_as_html_is_read(feed_server):
    release = imported(feed_server, "served_as_html.xml", "text/html; charset=utf-8")
    assert release.title == "Trotzdem ein Feed"


def test_script_and_javascript_links_are_removed(feed_server):
    release = imported(feed_server, "javascript_links.xml")
    assert release.source_url.startswith("http://127.0.0.1:")
    assert "script" not in release.body and "onclick" not in release.body
    assert "javascript" not in release.body
