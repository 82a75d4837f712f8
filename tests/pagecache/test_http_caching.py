"""Anonymous HTML over HTTP: compressed when the browser asks for it (brotli for readers,
gzip otherwise), revalidated with an ETag, and marked public for readers and private for
editors (issue 12)."""

import gzip

import brotli
import pytest
from django.test import Client
from django.utils.cache import get_max_age

from pagecache.middleware import HIT_HEADER
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True
    settings.PAGE_CACHE_TIMEOUT = 600
    settings.PAGE_CACHE_BROWSER_MAX_AGE = 60


GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate"}
BROTLI = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br, zstd"}  # what Chromium sends


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


def test_gzip_when_accepted_and_identity_otherwise(anonymous, article):
    for _ in ("miss", "hit"):
        compressed = anonymous.get(article.url, **GZIP)
        assert compressed["Content-Encoding"] == "gzip"
        assert "accept-encoding" in vary(compressed)
        html = gzip.decompress(compressed.content).decode()
        assert article.title in html
        assert int(compressed["Content-Length"]) == len(compressed.content) < len(html)

        plain = anonymous.get(article.url)
        assert "Content-Encoding" not in plain
        assert "accept-encoding" in vary(plain)
        assert article.title in plain.content.decode()
    assert compressed[HIT_HEADER] == plain[HIT_HEADER] == "hit"


def test_brotli_for_readers_whose_browser_accepts_it(anonymous, article):
    gzipped = len(anonymous.get(article.url, **GZIP).content)
    for state in ("miss", "hit"):
        response = anonymous.get(article.url, **BROTLI)
        assert response[HIT_HEADER] == state
        assert response["Content-Encoding"] == "br"
        assert "accept-encoding" in vary(response)
        html = brotli.decompress(response.content).decode()
        assert article.title in html
        assert int(response["Content-Length"]) == len(response.content) < gzipped
    plain = anonymous.get(article.url)["ETag"]
    assert response["ETag"] == "W/" + plain[:-1] + '-br"'
    not_modified = anonymous.get(article.url, HTTP_IF_NONE_MATCH=response["ETag"], **BROTLI)
    assert not_modified.status_code == 304


def test_editors_get_gzip_with_its_random_padding_even_when_brotli_is_accepted(article):
    """Pages of a session may hold something secret: gzip, whose random padding Django adds
    against BREACH-style guessing, rather than brotli."""
    editor = Client()
    editor.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    first, second = (editor.get(article.url, **BROTLI) for _ in range(2))
    assert first["Content-Encoding"] == second["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.content) == gzip.decompress(second.content)
    assert first.content != second.content  # the padding differs


def test_hit_and_miss_carry_etag_and_public_cache_control(anonymous, article):
    miss = anonymous.get(article.url, **GZIP)
    hit = anonymous.get(article.url, **GZIP)
    assert (miss[HIT_HEADER], hit[HIT_HEADER]) == ("miss", "hit")
    for response in (miss, hit):
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert cache_control == {"public", "max-age=60", "s-maxage=600"}
        assert response["ETag"] == miss["ETag"]
    plain = anonymous.get(article.url)["ETag"]
    assert plain.startswith('"')  # strong: the page's bytes
    # One ETag per page and encoding whichever worker compressed it; weak, as gzip output
    # differs from one compression to the next.
    assert miss["ETag"] == "W/" + plain[:-1] + '-gzip"'


def test_matching_if_none_match_gets_304_and_a_change_a_new_etag(anonymous, article):
    etag = anonymous.get(article.url, **GZIP)["ETag"]

    not_modified = anonymous.get(article.url, HTTP_IF_NONE_MATCH=etag, **GZIP)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert anonymous.get(article.url, HTTP_IF_NONE_MATCH='"other"', **GZIP).status_code == 200
    # The other conditions count on a hit as well (RFC 9110: a failed If-Match is 412;
    # it compares strongly, so only the uncompressed page's ETag can match).
    plain_etag = anonymous.get(article.url)["ETag"]
    assert anonymous.get(article.url, HTTP_IF_MATCH='"other"').status_code == 412
    assert anonymous.get(article.url, HTTP_IF_MATCH=plain_etag).status_code == 200

    article.title = "Neuer Radweg nach Elstal"
    article.save_revision().publish()
    changed = anonymous.get(article.url, HTTP_IF_NONE_MATCH=etag, **GZIP)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Neuer Radweg nach Elstal" in gzip.decompress(changed.content).decode()


def test_editor_pages_are_private_and_never_cached(anonymous, article):
    editor = Client()
    editor.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    anonymous.get(article.url)  # a cached copy exists for readers

    response = editor.get(article.url, **GZIP)
    assert response.status_code == 200
    assert HIT_HEADER not in response
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-cache" in cache_control
    assert "public" not in cache_control
    assert get_max_age(response) is None
    assert "wagtail-userbar" in gzip.decompress(response.content).decode()


def test_head_is_served_from_the_cache(anonymous, article):
    anonymous.get(article.url)
    response = anonymous.head(article.url)
    assert response.status_code == 200
    assert response[HIT_HEADER] == "hit"


SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
)


def test_a_hit_carries_every_header_of_the_miss_that_stored_it(settings, anonymous, article):
    """The page cache sits outside SecurityMiddleware and the CSP middleware: a hit skips
    them and must still send what they gave the stored response."""
    settings.SECURE_HSTS_SECONDS = 3600
    miss = anonymous.get(article.url, secure=True, **BROTLI)
    hit = anonymous.get(article.url, secure=True, **BROTLI)
    assert (miss[HIT_HEADER], hit[HIT_HEADER]) == ("miss", "hit")
    for name in SECURITY_HEADERS:
        assert miss[name], name
    assert "script-src 'self'" in miss["Content-Security-Policy"]
    assert dict(hit.items()) == {**dict(miss.items()), HIT_HEADER: "hit"}
    assert hit.content == miss.content


def test_plain_http_is_redirected_to_https_and_never_served_from_the_cache(settings, article):
    # SecurityMiddleware reads its settings once: every setting gets a client of its own.
    settings.SECURE_SSL_REDIRECT = False
    reader = Client()
    reader.get(article.url)
    assert reader.get(article.url)[HIT_HEADER] == "hit"  # an http:// copy exists

    settings.SECURE_SSL_REDIRECT = True
    reader = Client()
    for _ in range(2):
        response = reader.get(article.url)
        assert response.status_code == 301
        assert response["Location"] == "https://testserver" + article.url
        assert HIT_HEADER not in response
    reader.get(article.url, secure=True)
    assert reader.get(article.url, secure=True)[HIT_HEADER] == "hit"


def test_a_disallowed_host_is_refused_not_served_from_the_cache(settings, anonymous, article):
    anonymous.get(article.url)
    assert anonymous.get(article.url)[HIT_HEADER] == "hit"
    settings.ALLOWED_HOSTS = ["example.org"]
    assert anonymous.get(article.url).status_code == 400


@pytest.mark.parametrize("prefix", ["STATIC_URL", "MEDIA_URL"])
def test_static_and_media_files_are_neither_looked_up_nor_stored(
    settings, monkeypatch, anonymous, prefix
):
    import pagecache.middleware

    calls = []
    for name in ("load", "store", "current_generation"):
        original = getattr(pagecache.middleware, name)
        monkeypatch.setattr(
            pagecache.middleware,
            name,
            lambda *args, name=name, original=original: calls.append(name) or original(*args),
        )
    for _ in range(2):
        response = anonymous.get(getattr(settings, prefix) + "css/site.css", **BROTLI)
        assert HIT_HEADER not in response
    # An editor's browser sends the session cookie along; whitenoise's Cache-Control stays.
    anonymous.cookies[settings.SESSION_COOKIE_NAME] = "editor-session"
    response = anonymous.get(getattr(settings, prefix) + "css/site.css")
    assert "private" not in response.get("Cache-Control", "")
    assert calls == []
