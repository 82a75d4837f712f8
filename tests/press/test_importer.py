"""Importing press releases from RSS/Atom feeds served by a real HTTP server on 127.0.0.1."""

import datetime
import itertools
import re

import pytest

from press.importer import import_feed
from press.models import PressRelease, PressReleaseFeed
from tests.feedserver import Response, unused_port
from tests.security.test_xss import inspect

pytestmark = pytest.mark.django_db

UTC = datetime.UTC

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
  <title>SPD Pressemitteilungen</title>
  <link>https://www.spd.de/</link>
  <description>Pressemitteilungen</description>
  <item>
    <title>Heil nimmt Arbeitgeber in die Pflicht</title>
    <link>https://www.spd.de/aktuelles/heil</link>
    <guid isPermaLink="false">spd-1001</guid>
    <pubDate>Fri, 22 Jan 2021 08:49:00 GMT</pubDate>
    <description>Mehr Homeoffice und mehr Sicherheit am Arbeitsplatz.</description>
  </item>
  <item>
    <title>Sommerfest der Fraktion</title>
    <link>https://www.spd.de/aktuelles/sommerfest</link>
    <guid isPermaLink="false">spd-1002</guid>
    <pubDate>Wed, 15 Jul 2020 12:30:00 +0200</pubDate>
    <description>&lt;p&gt;Wir laden &lt;b&gt;herzlich&lt;/b&gt; ein.&lt;/p&gt;</description>
  </item>
</channel>
</rss>
"""

RSS1 = b"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://www.spdfraktion.de/">
    <title>SPD-Fraktion</title>
    <link>https://www.spdfraktion.de/</link>
    <description>Pressemitteilungen der Fraktion</description>
  </channel>
  <item rdf:about="https://www.spdfraktion.de/presse/oers">
    <title>SPD fordert Freispruch f\xc3\xbcr G\xc3\xb6n\xc3\xbcl \xc3\x96rs</title>
    <link>https://www.spdfraktion.de/presse/oers</link>
    <dc:date>2021-01-20T18:57:00+01:00</dc:date>
    <description>Beim morgigen Prozess wird erneut verhandelt.</description>
  </item>
</rdf:RDF>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Landtagsfraktion</title>
  <link href="https://www.spd-fraktion-brandenburg.de/"/>
  <id>urn:uuid:feed</id>
  <updated>2021-01-12T07:59:00+01:00</updated>
  <entry>
    <title>Katja Mast zur SGB II-Reform</title>
    <link href="https://www.spd-fraktion-brandenburg.de/presse/sgb2"/>
    <id>urn:uuid:sgb2</id>
    <published>2021-01-12T07:59:00+01:00</published>
    <updated>2021-01-12T08:10:00+01:00</updated>
    <summary>Mehr Sicherheit beim Arbeitslosengeld II.</summary>
    <content type="html">&lt;p&gt;Bundesarbeitsminister Heil zieht die
      &lt;a href="https://example.org/x"&gt;richtigen&lt;/a&gt; Konsequenzen.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def rss(*items):
    return (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        b"<title>Test</title><link>https://example.org/</link><description>x</description>"
        + b"".join(items)
        + b"</channel></rss>"
    )


def item(title, guid, date="Fri, 22 Jan 2021 08:49:00 GMT", description="Text"):
    return (
        f"<item><title>{title}</title><link>https://example.org/{guid}</link>"
        f"<guid isPermaLink='false'>{guid}</guid><pubDate>{date}</pubDate>"
        f"<description>{description}</description></item>"
    ).encode()


@pytest.fixture
def feed(feed_server):
    url = feed_server.serve("/feed.xml", RSS2)
    return PressReleaseFeed.objects.create(name="spd.de", url=url)


def snapshot():
    return list(
        PressRelease.objects.order_by("pk").values_list(
            "pk", "guid", "title", "teaser", "body", "source_url", "published_at", "hidden"
        )
    )


def test_rss2_imports_with_utc_times_shown_in_berlin_time(feed, home, anonymous):
    result = import_feed(feed)

    assert result.ok, result.error
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    heil = PressRelease.objects.get(guid="spd-1001")
    assert heil.feed == feed
    assert heil.source_name == "spd.de"
    assert heil.source_url == "https://www.spd.de/aktuelles/heil"
    assert heil.published_at == datetime.datetime(2021, 1, 22, 8, 49, tzinfo=UTC)
    summer = PressRelease.objects.get(guid="spd-1002")
    assert summer.published_at == datetime.datetime(2020, 7, 15, 10, 30, tzinfo=UTC)
    assert summer.teaser == "Wir laden herzlich ein."
    feed.refresh_from_db()
    assert feed.last_error == ""
    assert feed.last_success_at is not None
    assert feed.last_created == 2

    html = anonymous.get("/pressemitteilungen/").content.decode()
    assert "22.01.2021 09:49" in html  # winter: UTC+1
    assert "15.07.2020 12:30" in html  # summer: UTC+2
    assert 'href="https://www.spd.de/aktuelles/heil" rel="noopener"' in html
    assert "weiterlesen auf spd.de" in html


def test_rss1_imports(feed_server):
    feed = PressReleaseFeed.objects.create(
        name="spdfraktion.de", url=feed_server.serve("/rdf", RSS1)
    )

    result = import_feed(feed)

    assert result.ok, result.error
    release = PressRelease.objects.get()
    assert release.title == "SPD fordert Freispruch für Gönül Örs"
    assert release.guid == "https://www.spdfraktion.de/presse/oers"
    assert release.published_at == datetime.datetime(2021, 1, 20, 17, 57, tzinfo=UTC)
    assert release.teaser == "Beim morgigen Prozess wird erneut verhandelt."


def test_atom_imports_with_sanitised_body(feed_server):
    feed = PressReleaseFeed.objects.create(
        name="Landtagsfraktion",
        url=feed_server.serve("/atom", ATOM, headers={"Content-Type": "application/atom+xml"}),
    )

    result = import_feed(feed)

    assert result.ok, result.error
    release = PressRelease.objects.get()
    assert release.guid == "urn:uuid:sgb2"
    assert release.published_at == datetime.datetime(2021, 1, 12, 6, 59, tzinfo=UTC)
    assert release.teaser == "Mehr Sicherheit beim Arbeitslosengeld II."
    assert release.source_url == "https://www.spd-fraktion-brandenburg.de/presse/sgb2"
    assert 'href="https://example.org/x"' in release.body
    assert 'rel="noopener noreferrer"' in release.body


def test_second_import_changes_nothing(feed):
    import_feed(feed)
    before = snapshot()

    result = import_feed(feed)

    assert result.ok
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert snapshot() == before


def test_changed_entries_update_and_vanished_ones_stay(feed_server, feed):
    import_feed(feed)
    PressRelease.objects.filter(guid="spd-1002").update(hidden=True)
    feed_server.serve(
        "/feed.xml",
        rss(
            item("Heil nimmt Arbeitgeber stärker in die Pflicht", "spd-1001"),
            item("Ganz neu", "spd-1003", date="Sat, 23 Jan 2021 10:00:00 GMT"),
        ),
    )

    result = import_feed(feed)

    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    assert PressRelease.objects.count() == 3
    assert (
        PressRelease.objects.get(guid="spd-1001").title
        == "Heil nimmt Arbeitgeber stärker in die Pflicht"
    )
    vanished = PressRelease.objects.get(guid="spd-1002")
    assert vanished.title == "Sommerfest der Fraktion"
    assert vanished.hidden, "hiding is the editors' decision and survives imports"


def test_304_not_modified_sends_conditional_headers_and_keeps_everything(feed_server):
    url = feed_server.serve(
        "/cond.xml",
        RSS2,
        etag='"v1"',
        headers={
            "Content-Type": "application/rss+xml",
            "Last-Modified": "Fri, 22 Jan 2021 09:00:00 GMT",
        },
    )
    feed = PressReleaseFeed.objects.create(name="spd.de", url=url)
    import_feed(feed)
    feed.refresh_from_db()
    assert feed.etag == '"v1"'
    before = snapshot()

    result = import_feed(feed)

    assert result.ok and result.not_modified
    assert "HTTP 304" in result.summary()
    second_request = feed_server.requests_for("/cond.xml")[1]
    assert second_request["If-None-Match"] == '"v1"'
    assert second_request["If-Modified-Since"] == "Fri, 22 Jan 2021 09:00:00 GMT"
    assert snapshot() == before
    feed.refresh_from_db()
    assert feed.last_error == ""
    assert feed.last_unchanged == 2


def stalled_body(server):
    return Response(
        body=RSS2[:200], headers={"Content-Length": str(len(RSS2))}, stall_after_headers=True
    )


def billion_laughs():
    """Nine levels of ten references each: 10**9 "lol"s once expanded (about 3 GB)."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n' + "\n".join(entities) + "\n]>\n"
        '<rss version="2.0"><channel><title>&lol9;</title>'
        "<item><title>&lol9;</title><guid>x</guid></item></channel></rss>"
    ).encode()


def fifty_megabytes():
    chunk = b"<!-- " + b"x" * (64 * 1024 - 9) + b" -->"
    return itertools.repeat(chunk, 50 * 16)


FAILURES = {
    "404": (lambda server: Response(b"<h1>Not Found</h1>", status=404), "(404)"),
    "500": (lambda server: Response(b"Internal Server Error", status=500), "(500)"),
    "connection-refused": (None, "nicht (rechtzeitig) mit einer gültigen Antwort"),
    "timeout-before-headers": (
        lambda server: Response(stall_before_headers=True),
        "nicht (rechtzeitig)",
    ),
    "timeout-in-body": (stalled_body, "nicht (rechtzeitig)"),
    "html-page": (
        lambda server: Response(
            b"<!DOCTYPE html><html><head><title>SPD</title></head><body>Hallo</body></html>",
            headers={"Content-Type": "text/html; charset=utf-8"},
        ),
        "HTML-Seite, kein RSS- oder Atom-Feed",
    ),
    "html-page-served-as-xml": (
        lambda server: Response(b"<html><body><p>Hallo<br></p></body></html>"),
        "HTML-Seite",
    ),
    "xml-but-no-feed": (
        lambda server: Response(b'<?xml version="1.0"?><note><to>Tove</to></note>'),
        "keinen RSS- oder Atom-Feed",
    ),
    "truncated-xml": (lambda server: Response(RSS2[: len(RSS2) // 2]), "kein gültiges XML"),
    "billion-laughs": (lambda server: Response(billion_laughs()), "XML-Entitäten"),
    "external-entity": (
        lambda server: Response(
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<rss version="2.0"><channel><title>&x;</title></channel></rss>'
        ),
        "XML-Entitäten",
    ),
    "50mb-with-content-length": (
        lambda server: Response(
            body=None,
            headers={"Content-Type": "application/rss+xml", "Content-Length": str(50 * 2**20)},
            chunks=fifty_megabytes(),
        ),
        "größer als 5,0\xa0MB",
    ),
    "50mb-streamed-without-length": (
        lambda server: Response(body=None, chunks=fifty_megabytes()),
        "größer als 5,0\xa0MB",
    ),
}


@pytest.mark.parametrize("case", FAILURES)
def test_failure_is_recorded_in_german_and_nothing_is_lost(
    case, feed_server, feed, settings, caplog
):
    assert import_feed(feed).ok
    # Short only for the failing import, so a busy machine cannot fail the good one.
    settings.CHAPTERHOUSE_FEED_TIMEOUT = 1.0
    feed.refresh_from_db()
    succeeded_at = feed.last_success_at
    before = snapshot()
    make_response, expected = FAILURES[case]
    if make_response is None:
        feed.url = f"http://127.0.0.1:{unused_port()}/feed.xml"
        feed.save()
    else:
        feed_server.serve("/feed.xml", make_response(feed_server))
    feed_server.finished.clear()

    result = import_feed(feed)

    assert not result.ok
    assert expected in result.error
    assert result.summary().startswith("spd.de: FEHLER – ")
    feed.refresh_from_db()
    assert feed.last_error == result.error
    assert feed.last_success_at == succeeded_at
    assert feed.last_checked_at > succeeded_at
    assert snapshot() == before
    logged = [r for r in caplog.records if r.name == "press.importer" and r.levelname == "WARNING"]
    assert [r.getMessage() for r in logged] == [
        f"Press-release feed spd.de ({feed.url}): {result.error}"
    ]
    if case.startswith("50mb"):
        # The importer hung up at the limit; the server could not push all 50 MB.
        assert feed_server.finished.wait(10)
        assert feed_server.bytes_sent.get("/feed.xml", 0) < 50 * 2**20


def test_a_failed_feed_recovers_on_the_next_good_import(feed_server, feed):
    feed_server.serve("/feed.xml", Response(b"", status=503))
    assert not import_feed(feed).ok
    feed_server.serve("/feed.xml", RSS2)

    result = import_feed(feed)

    assert result.ok
    feed.refresh_from_db()
    assert feed.last_error == ""
    assert PressRelease.objects.count() == 2


HOSTILE = rss(
    b"<item><title>&lt;script&gt;alert('xss-title')&lt;/script&gt;Sicherer Titel</title>"
    b"<link>javascript:alert('xss-entrylink')</link><guid>hostile-1</guid>"
    b"<pubDate>Fri, 22 Jan 2021 08:49:00 GMT</pubDate>"
    b"<description>&lt;p&gt;Harmloser Text&lt;script&gt;alert('xss-script')&lt;/script&gt;"
    b'&lt;img src="x" onerror="alert(\'xss-onerror\')"&gt;&lt;/p&gt;</description>'
    b'<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA['
    b"<p onclick=\"alert('xss-click')\">Absatz</p>"
    b"<a href=\"javascript:alert('xss-link')\">klick</a>"
    b"<img src=x onerror=\"alert('xss-onerror2')\">"
    b"<script>alert('xss-script2')</script>]]></content:encoded></item>"
)


def test_hostile_markup_is_imported_but_harmless(feed_server, chapter, anonymous):
    feed = PressReleaseFeed.objects.create(
        name="Fremder Feed", url=feed_server.serve("/hostile.xml", HOSTILE)
    )

    result = import_feed(feed)

    assert result.ok, result.error
    release = PressRelease.objects.get()
    assert release.title == "Sicherer Titel"
    assert release.teaser == "Harmloser Text"
    assert release.source_url.startswith("https://example.org/")
    for field in (release.title, release.teaser, release.body, release.source_url):
        assert "xss" not in field
        assert "javascript:" not in field
    assert "Absatz" in release.body
    for url in ("/pressemitteilungen/", "/wustermark/"):
        html = anonymous.get(url).content.decode()
        assert "Sicherer Titel" in html, url
        assert "Harmloser Text" in html, url
        findings, _text = inspect(html)
        assert findings == [], (url, findings)  # JSON-LD data blocks are fine
        markup = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
        for bad in ("xss", "javascript:", "onerror", "onclick", "<script"):
            assert bad not in markup, (url, bad)


QUIRKS = (
    '<?xml version="1.0" encoding="windows-1252"?>'
    '<rss version="2.0"><channel><title>Quirks</title><link>https://example.org/</link>'
    "<description>x</description>"
    "<item><title>Größere Förderung für Kitas – „Qualität“</title>"
    "<link>https://example.org/kitas</link><guid>q-1</guid>"
    "<pubDate>Fri, 22 Jan 2021 08:49:00 GMT</pubDate><description>Übergänge</description></item>"
    "<item><title>Doppelte Kennung</title><link>https://example.org/dup</link><guid>q-1</guid>"
    "<pubDate>Fri, 22 Jan 2021 08:50:00 GMT</pubDate></item>"
    "<item><title>Ohne Datum</title><link>https://example.org/ohne-datum</link><guid>q-2</guid>"
    "</item>"
    "<item><link>https://example.org/ohne-titel</link><guid>q-3</guid>"
    "<pubDate>Fri, 22 Jan 2021 08:50:00 GMT</pubDate><description>Kein Titel</description></item>"
    "<item><title>Ohne Kennung</title><link>https://example.org/nur-link</link>"
    "<pubDate>Fri, 22 Jan 2021 08:51:00 GMT</pubDate></item>"
    "</channel></rss>"
).encode("cp1252")


def test_quirky_feed_imports_what_it_can_and_says_what_it_skipped(feed_server):
    feed = PressReleaseFeed.objects.create(
        name="Quirks", url=feed_server.serve("/quirks.xml", QUIRKS)
    )

    result = import_feed(feed)

    assert result.ok, result.error
    assert result.created == 3
    assert PressRelease.objects.get(guid="q-1").title == "Größere Förderung für Kitas – „Qualität“"
    assert PressRelease.objects.get(guid="q-1").teaser == "Übergänge"
    assert PressRelease.objects.get(guid="https://example.org/nur-link").title == "Ohne Kennung"
    assert not PressRelease.objects.filter(guid="q-3").exists()
    feed.refresh_from_db()
    assert feed.last_import_partial
    assert feed.error_text.startswith("Teilweise importiert: ")
    assert "q-3 hat keinen Titel" in feed.last_error
    assert "Die Kennung q-1 kommt mehrfach vor" in feed.last_error
    assert "1 Eintrag ohne Datum" in feed.last_error
    undated = PressRelease.objects.get(guid="q-2")
    first_seen = undated.published_at

    again = import_feed(feed)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    undated.refresh_from_db()
    assert undated.published_at == first_seen, "an undated entry keeps its first-seen time"


def test_invalid_url_is_reported():
    feed = PressReleaseFeed.objects.create(name="Kaputt", url="ftp://example.org/feed.xml")

    result = import_feed(feed)

    assert "Nur Adressen mit http:// oder https://" in result.error


def test_charset_from_http_header_when_the_document_declares_none(feed_server):
    body = (
        '<rss version="2.0"><channel><title>Alt</title><link>https://example.org/</link>'
        "<description>x</description><item><title>Größere Förderung – „Qualität“</title>"
        "<guid>alt-1</guid><pubDate>Fri, 22 Jan 2021 08:49:00 GMT</pubDate></item>"
        "</channel></rss>"
    ).encode("cp1252")
    url = feed_server.serve(
        "/alt.xml", body, headers={"Content-Type": "text/xml; charset=windows-1252"}
    )
    feed = PressReleaseFeed.objects.create(name="Alt", url=url)

    result = import_feed(feed)

    assert result.ok, result.error
    assert PressRelease.objects.get().title == "Größere Förderung – „Qualität“"


def test_rss091_with_public_doctype_is_accepted(feed_server):
    body = (
        b'<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
        b' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        b'<rss version="0.91"><channel><title>Alt</title><link>https://example.org/</link>'
        b"<description>x</description><language>de</language>"
        b"<item><title>Stra\xdfenbau</title><link>https://example.org/strasse</link>"
        b"<description>Mehr Geld</description></item></channel></rss>"
    )
    feed = PressReleaseFeed.objects.create(name="Alt", url=feed_server.serve("/091", body))

    result = import_feed(feed)

    assert result.ok, result.error
    release = PressRelease.objects.get()
    assert release.title == "Straßenbau"
    assert release.guid == "https://example.org/strasse"
