"""Every absolute link a reader, crawler or feed reader gets names the host and scheme the
request came in with (issue 15.1), not the Site record's `http://localhost`."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from chapters.provisioning import provision_chapter
from tests import factories
from translations.sync import sync_locales

pytestmark = pytest.mark.django_db

HOST = "spd-wustermark.example"
HTTPS = {"HTTP_HOST": HOST, "HTTP_X_FORWARDED_PROTO": "https"}
# Namespaces and vocabularies, not links.
NOT_LINKS = ("http://www.w3.org/", "http://www.sitemaps.org/", "https://schema.org")


@pytest.fixture
def proxied(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.fixture
def chapter_site(home, proxied):
    chapter = provision_chapter(home, "SPD Wustermark", slug="wustermark", host_name=HOST)
    sync_locales()
    article = factories.NewsArticlePageFactory(
        parent=chapter.news_index, title="Radweg kommt", slug="radweg-kommt"
    )
    return chapter, article


def ours(link):
    """A link to this platform (not to a press release's source on spd.de)."""
    return link.startswith("http://") or any(
        f"//{host}" in link for host in ("localhost", "testserver", HOST, "region.example")
    )


def absolute_links(text):
    links = re.findall(r"""(?:href|src|content|url)=["'](https?://[^"']+)""", text)
    links += re.findall(r"<(?:loc|link|id|guid)>(https?://[^<]+)<", text)
    links += re.findall(r"\bhttps?://[^\s\"'<>]+", text) if "BEGIN:VCALENDAR" in text else []
    return [link for link in links if not link.startswith(NOT_LINKS) and ours(link)]


CHAPTER_URLS = [
    "/",
    "/aktuelles/",
    "/aktuelles/radweg-kommt/",
    "/kontakt/",
    "/termine/",
    "/suche/?q=Radweg",
    "/aktuelles/rss/",
    "/aktuelles/atom/",
    "/termine/ical/",
    "/en/",
    "/en/aktuelles/",
    "/en/aktuelles/radweg-kommt/",
    "/sitemap.xml",
]


@pytest.mark.parametrize("url", CHAPTER_URLS)
def test_links_on_a_chapter_host_over_https_name_that_host(chapter_site, url):
    response = Client().get(url, **HTTPS)
    assert response.status_code == 200, url
    links = absolute_links(response.content.decode())
    assert links or url.startswith(("/suche/", "/termine/ical/")), f"{url}: no absolute links"
    wrong = [link for link in links if not link.startswith(f"https://{HOST}/")]
    assert not wrong, f"{url}: {wrong}"


def test_canonical_og_url_and_hreflang_of_an_article(chapter_site):
    html = Client().get("/aktuelles/radweg-kommt/", **HTTPS).content.decode()
    url = f"https://{HOST}/aktuelles/radweg-kommt/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert f'<link rel="alternate" hreflang="de" href="{url}">' in html
    english = f"https://{HOST}/en/aktuelles/radweg-kommt/"
    assert f'<link rel="alternate" hreflang="en" href="{english}">' in html


def test_robots_names_the_sitemap_on_the_same_host(chapter_site):
    body = Client().get("/robots.txt", **HTTPS).content.decode()
    assert f"Sitemap: https://{HOST}/sitemap.xml" in body


def test_provisioning_with_a_host_name_creates_an_https_site(chapter_site):
    from wagtail.models import Site

    site = Site.objects.get(hostname=HOST)
    assert site.port == 443
    assert site.root_url == f"https://{HOST}"


REGIONAL_URLS = ["/", "/pressemitteilungen/", "/en/", "/en/pressemitteilungen/", "/sitemap.xml"]


@pytest.mark.parametrize("url", REGIONAL_URLS)
def test_regional_pages_over_https_name_the_requested_host(home, proxied, url):
    factories.PressReleaseFactory()
    sync_locales()
    response = Client().get(url, HTTP_HOST="region.example", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200, url
    links = absolute_links(response.content.decode())
    assert links
    wrong = [link for link in links if not link.startswith("https://region.example/")]
    assert not wrong, f"{url}: {wrong}"


SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(client, **headers):
    root = ET.fromstring(client.get("/sitemap.xml", **headers).content)  # noqa: S314
    return {
        url.find("s:loc", SITEMAP).text: {
            "lastmod": getattr(url.find("s:lastmod", SITEMAP), "text", None),
            "alternates": {
                link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP)
            },
        }
        for url in root.findall("s:url", SITEMAP)
    }


def test_sitemap_lists_every_language_with_alternates_and_the_press_archive(home, proxied):
    chapter = factories.ChapterPageFactory(parent=home, title="SPD Falkensee", slug="falkensee")
    factories.NewsIndexPageFactory(parent=chapter)
    factories.PressReleaseFactory()
    sync_locales()
    entries = sitemap_entries(Client(), HTTP_HOST="region.example", HTTP_X_FORWARDED_PROTO="https")
    base = "https://region.example"
    for path in ("/", "/falkensee/", "/falkensee/aktuelles/", "/pressemitteilungen/"):
        assert f"{base}{path}" in entries, path
        assert f"{base}/en{path}" in entries, path
        assert entries[f"{base}{path}"]["alternates"] == {
            "de": f"{base}{path}",
            "en": f"{base}/en{path}",
            "x-default": f"{base}{path}",
        }
        assert entries[f"{base}{path}"]["lastmod"]
