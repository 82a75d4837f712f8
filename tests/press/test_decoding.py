"""Feeds in other encodings, with sloppy declarations or HTML entities are read; entity
declarations are refused in every encoding before anything is expanded (issue 11)."""

import pytest

from press.importer import import_feed
from press.models import PressRelease, PressReleaseFeed
from tests.feedserver import Response

pytestmark = pytest.mark.django_db

TITLE = "Pressemitteilung"


def document(title, *, declaration='<?xml version="1.0" encoding="{encoding}"?>', encoding=""):
    head = declaration.format(encoding=encoding) if declaration else ""
    return (
        f'{head}\n<rss version="2.0"><channel><title>Kanal</title>'
        f"<link>https://example.org/</link><item><title>{title}</title>"
        "<link>https://example.org/a</link><guid>a-1</guid>"
        "<description>Text</description></item></channel></rss>"
    )


def imported(feed_server, body, content_type="application/rss+xml"):
    url = feed_server.serve("/feed.xml", Response(body, headers={"Content-Type": content_type}))
    feed = PressReleaseFeed.objects.create(name="Kodierung", url=url)
    result = import_feed(feed)
    return result, list(PressRelease.objects.values_list("title", flat=True))


MULTIBYTE = {
    "big5": "新聞稿 台北",
    "shift_jis": "プレスリリース 東京",
    "euc-kr": "보도 자료 서울",
    "gb2312": "新闻稿 北京",
}


@pytest.mark.parametrize("encoding", MULTIBYTE)
def test_multibyte_encodings_declared_in_the_document(feed_server, encoding):
    title = MULTIBYTE[encoding]
    result, titles = imported(feed_server, document(title, encoding=encoding).encode(encoding))
    assert result.ok, result.error
    assert titles == [title]


@pytest.mark.parametrize("encoding", MULTIBYTE)
def test_multibyte_encodings_named_only_in_the_http_header(feed_server, encoding):
    title = MULTIBYTE[encoding]
    body = document(title, declaration="").encode(encoding)
    result, titles = imported(feed_server, body, f"application/rss+xml; charset={encoding}")
    assert result.ok, result.error
    assert titles == [title]


def test_utf16_with_byte_order_mark(feed_server):
    body = document("Grüße aus Köln", encoding="utf-16").encode("utf-16")
    result, titles = imported(feed_server, body)
    assert result.ok, result.error
    assert titles == ["Grüße aus Köln"]


@pytest.mark.parametrize("declared", ["utf8", "UTF_8", "bogus-encoding", "iso-8859-1"])
def test_wrong_or_misspelled_declarations(feed_server, declared):
    body = document("Grüße", encoding=declared).encode("utf-8")
    result, titles = imported(feed_server, body)
    assert result.ok, result.error
    assert len(titles) == 1 and titles[0].startswith("Gr")


def test_undeclared_html_entities(feed_server):
    body = document("Gr&uuml;&szlig;e&nbsp;aus &Auml;gypten &amp; mehr", encoding="utf-8")
    result, titles = imported(feed_server, body.encode())
    assert result.ok, result.error
    assert titles == ["Grüße aus Ägypten & mehr"]


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "text/plain", ""])
def test_a_feed_served_with_the_wrong_content_type(feed_server, content_type):
    body = document("Grüße", encoding="utf-8").encode()
    result, titles = imported(feed_server, body, content_type)
    assert result.ok, result.error
    assert titles == ["Grüße"]


BOMB = (
    '<?xml version="1.0" encoding="{encoding}"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    '<rss version="2.0"><channel><title>&b;</title></channel></rss>'
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-be", "big5", "shift_jis"])
def test_entity_declarations_are_refused_in_every_encoding(feed_server, encoding):
    result, titles = imported(feed_server, BOMB.format(encoding=encoding).encode(encoding))
    assert "XML-Entitäten" in result.error
    assert titles == []


def test_a_public_doctype_without_declarations_is_read(feed_server):
    body = document("Netscape", encoding="utf-8").replace(
        "<rss",
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss',
        1,
    )
    result, titles = imported(feed_server, body.encode())
    assert result.ok, result.error
    assert titles == ["Netscape"]


@pytest.mark.parametrize(
    "body",
    [b"\x00\x01\x02 binary", b"", b"just words, no markup at all"],
    ids=["binary", "empty", "plain-text"],
)
def test_unreadable_documents_get_a_german_reason(feed_server, body):
    result, titles = imported(feed_server, body)
    assert not result.ok
    assert "Unerwarteter Fehler" not in result.error
    assert result.error.startswith(("Der Feed konnte nicht gelesen werden", "Die Adresse liefert"))
    assert titles == []
