"""What search engines and link previews read in <head> (issue 15.2-15.4): titles said
once, a description on every page type, og:locale, hreflang on routes, JSON-LD."""

import json
import re

import pytest
from django.test import Client

from chapters.provisioning import provision_chapter
from tests import factories
from translations.sync import sync_locales

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(home):
    chapter = provision_chapter(home, "SPD Wustermark", slug="wustermark")
    factories.NewsArticlePageFactory(
        parent=chapter.news_index,
        title="Radweg kommt",
        slug="radweg-kommt",
        teaser="Der Radweg nach Elstal wird gebaut.",
    )
    factories.PressReleaseFactory()
    sync_locales()
    return chapter


PAGES = [
    "/",
    "/wustermark/",
    "/wustermark/aktuelles/",
    "/wustermark/aktuelles/radweg-kommt/",
    "/wustermark/kontakt/",
    "/wustermark/termine/",
    "/pressemitteilungen/",
    "/suche/?q=Radweg",
    "/wustermark/suche/?q=Radweg",
]
ALL_PAGES = PAGES + ["/en" + url for url in PAGES]


def html_of(url):
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [
        node for block in blocks for node in json.loads(block).get("@graph", [json.loads(block)])
    ]


def of_type(nodes, type_name):
    return [node for node in nodes if node.get("@type") == type_name]


def test_the_chapter_home_says_its_name_once(region):
    assert title_of(html_of("/wustermark/")) == "SPD Wustermark"
    assert title_of(html_of("/wustermark/aktuelles/")) == "Aktuelles – SPD Wustermark"
    assert title_of(html_of("/wustermark/suche/?q=Radweg")).endswith("– SPD Wustermark")


@pytest.mark.parametrize("url", ALL_PAGES)
def test_every_page_has_a_description_og_locale_and_breadcrumbs(region, url):
    html = html_of(url)
    description = re.search(r'<meta name="description" content="([^"]+)">', html)
    assert description and len(description.group(1)) > 20, url
    locale = "en_GB" if url.startswith("/en/") else "de_DE"
    if "suche" not in url:  # search results are noindex and carry no og: tags
        assert f'<meta property="og:locale" content="{locale}">' in html
    nodes = json_ld(html)
    crumbs = of_type(nodes, "BreadcrumbList")
    assert crumbs and crumbs[0]["itemListElement"], url
    for position, item in enumerate(crumbs[0]["itemListElement"], start=1):
        assert item["position"] == position
        assert item["name"] and item["item"].startswith("http")
    organization = of_type(nodes, "Organization")[0]
    assert organization["name"] and organization["url"].startswith("http")


def test_article_is_a_news_article_with_the_required_properties(region):
    nodes = json_ld(html_of("/wustermark/aktuelles/radweg-kommt/"))
    article = of_type(nodes, "NewsArticle")[0]
    assert article["headline"] == "Radweg kommt"
    assert article["datePublished"] and article["dateModified"]
    assert article["author"]["@type"] == "Organization"
    assert article["author"]["name"] == "SPD Wustermark"
    assert article["publisher"]["name"] == "SPD Wustermark"
    assert article["publisher"]["logo"].startswith("http")
    assert article["url"] == "http://testserver/wustermark/aktuelles/radweg-kommt/"
    names = [item["name"] for item in of_type(nodes, "BreadcrumbList")[0]["itemListElement"]]
    assert names[-3:] == ["SPD Wustermark", "Aktuelles", "Radweg kommt"]


def test_chapter_organization_and_route_breadcrumb(region):
    nodes = json_ld(html_of("/pressemitteilungen/"))
    names = [item["name"] for item in of_type(nodes, "BreadcrumbList")[0]["itemListElement"]]
    assert names[-1] == "Pressemitteilungen"
    chapter = of_type(json_ld(html_of("/wustermark/")), "Organization")[0]
    assert chapter["name"] == "SPD Wustermark"


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def switcher(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav))


@pytest.mark.parametrize("url", ["/pressemitteilungen/", "/wustermark/suche/?q=Radweg"])
def test_hreflang_and_switcher_on_routes_lead_to_the_same_route(region, url):
    path = url.split("?")[0]
    html = html_of(url)
    assert switcher(html) == {path: "de", "/en" + path: "en"}
    if "suche" not in url:
        assert alternates(html) == {
            "de": "http://testserver" + path,
            "en": "http://testserver/en" + path,
            "x-default": "http://testserver" + path,
        }


def test_chapter_logo_is_the_og_image_and_the_organization_logo(region):
    region.logo = factories.ImageFactory()
    region.save_revision().publish()
    html = html_of("/wustermark/aktuelles/radweg-kommt/")
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html)
    assert image and image.group(1).startswith("http://testserver/")
    organization = of_type(json_ld(html), "Organization")[0]
    assert organization["logo"].startswith("http://testserver/")
    assert "og:image" not in html_of("/")  # no picture, no tag


def test_lead_image_in_article_teasers_og_image_and_json_ld(region):
    from news.models import NewsArticlePage

    article = NewsArticlePage.objects.get(slug="radweg-kommt", locale__language_code="de")
    article.lead_image = factories.ImageFactory(file__width=1600, file__height=900)
    article.save_revision().publish()
    html = html_of("/wustermark/aktuelles/radweg-kommt/")
    figure = re.search(r'<figure class="article__image">(.*?)</figure>', html, re.S).group(1)
    assert "format-webp" in figure and "srcset=" in figure, figure
    assert re.search(r'<img [^>]*width="\d+"[^>]*height="\d+"', figure) or re.search(
        r'<img [^>]*height="\d+"[^>]*width="\d+"', figure
    )
    assert 'loading="lazy"' not in figure  # above the fold
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image.startswith("http://testserver/")
    assert of_type(json_ld(html), "NewsArticle")[0]["image"] == [image]
    for url in ("/wustermark/aktuelles/", "/wustermark/", "/"):
        teaser = re.search(
            r'<article class="teaser teaser--with-image">(.*?)</article>', html_of(url), re.S
        )
        assert teaser and 'loading="lazy"' in teaser.group(1) and "srcset=" in teaser.group(1), url
