"""Plain-text fields carry no markup or invisible characters; URLs lose tracking noise."""

import pytest

from press.cleaning import clean_html, clean_text, normalize_url, safe_url
from press.importer import import_feed
from press.models import PressRelease, PressReleaseFeed
from tests.feedserver import Response


def escaped(text, times):
    for _round in range(times):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


@pytest.mark.parametrize("times", [0, 1, 2, 3, 5, 9])
def test_no_markup_survives_however_often_it_was_escaped(times):
    value = escaped('<b>Fett</b> <script>alert("x")</script><img src=x onerror=alert(1)>', times)
    cleaned = clean_text(value)
    assert "<" not in cleaned and ">" not in cleaned
    assert "script" not in cleaned and "onerror" not in cleaned
    assert cleaned.startswith("Fett")


def test_endless_escaping_is_bounded_and_still_not_markup():
    cleaned = clean_text(escaped("<b>x</b>", 40))
    assert "<" not in cleaned and ">" not in cleaned


def test_plain_text_with_ampersands_stays_readable():
    assert clean_text("Bildung &amp; Forschung: 3 &lt; 4") == "Bildung & Forschung: 3 < 4"


INVISIBLE = "\u202e\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u200e\u200f"


def test_bidi_and_invisible_characters_are_removed_from_text():
    value = f"Wahl{INVISIBLE}ergebnis\x00\x07\x1b[31m\x85\x9f ok"
    assert clean_text(value) == "Wahlergebnis[31m ok"


def test_html_bodies_lose_invisible_characters_but_keep_line_breaks():
    assert clean_html("<p>A\u202eB\nC\tD</p>") == "<p>AB\nC\tD</p>"


def test_urls_lose_invisible_characters_and_tracking_parameters():
    url = "https://Example.org/a\u202e/b?id=3&utm_source=x&UTM_Medium=y&fbclid=1&gclid=2&mc_cid=3"
    assert safe_url(url, "https://example.org/", 500) == "https://example.org/a/b?id=3"


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "java\u200bscript:alert(1)", "data:text/html,x", "http://[::1"],
)
def test_unsafe_urls_are_dropped(url):
    assert safe_url(url, "https://example.org/", 500) == ""


def test_normalized_urls_compare_equal():
    assert normalize_url("https://example.org/a?utm_source=nl&x=1") == normalize_url(
        "https://EXAMPLE.org/a?x=1&utm_campaign=y"
    )


@pytest.mark.django_db
def test_a_link_gaining_utm_parameters_is_the_same_release(feed_server):
    def body(link):
        return (
            '<rss version="2.0"><channel><title>K</title><item><title>Eins</title>'
            f"<link>{link}</link></item></channel></rss>"
        ).encode()

    url = feed_server.serve("/feed.xml", Response(body("https://example.org/eins")))
    feed = PressReleaseFeed.objects.create(name="Ohne GUID", url=url)
    assert import_feed(feed).created == 1
    feed_server.serve(
        "/feed.xml", Response(body("https://example.org/eins?utm_source=rss&amp;fbclid=1"))
    )

    result = import_feed(feed)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert PressRelease.objects.get().source_url == "https://example.org/eins"
