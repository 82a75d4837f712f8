"""What a reader does, in a real Chromium: read, filter, subscribe, search; on a phone too;
and every public page type passes axe without serious or critical violations."""

from urllib.parse import urlsplit

import feedparser
import pytest

from tests.browser.conftest import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_site"),
]

ARTICLE = "Wustermark will Zweckverband Digitale Kommunen Brandenburg beitreten"
ARTICLE_PATH = (
    "/wustermark/aktuelles/wustermark-will-zweckverband-digitale-kommunen-brandenburg-beitreten/"
)

PAGE_TYPES = {
    "regional-home": "/",
    "chapter": "/wustermark/",
    "news-index": "/wustermark/aktuelles/",
    "news-index-filtered": "/wustermark/aktuelles/?kategorie=kommunalpolitik&jahr=2020",
    "article": ARTICLE_PATH,
    "content-page": "/wustermark/impressum/",
    "search": "/suche/?q=Zweckverband",
    "chapter-search": "/wustermark/suche/?q=Zweckverband",
    "press-release-archive": "/pressemitteilungen/",
    "events": "/termine/",
    "not-found": "/gibt-es-nicht/",
    "en-regional-home": "/en/",
    "en-chapter": "/en/wustermark/",
    "en-news-index": "/en/wustermark/aktuelles/",
    "en-article": "/en" + ARTICLE_PATH,
    "en-search": "/en/suche/?q=Zweckverband",
    "en-press-release-archive": "/en/pressemitteilungen/",
}


def only_our_host(live_server, requested_hosts):
    return requested_hosts == {urlsplit(live_server.url).netloc}


def test_reading_flow_home_chapter_index_filter_article_feed(page, live_server, requested_hosts):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="SPD Wustermark", exact=True).first.click()
    page.wait_for_url("**/wustermark/")
    assert page.get_by_role("heading", level=1).inner_text() == "SPD Wustermark"

    page.get_by_role("link", name="Alle Artikel").click()
    page.wait_for_url("**/wustermark/aktuelles/")
    assert page.locator(".teaser").count() == 2

    page.get_by_label("Kategorie").select_option(label="Kommunalpolitik")
    page.get_by_label("Jahr").select_option("2020")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_url("**/aktuelles/?kategorie=kommunalpolitik&jahr=2020")
    assert page.locator(".teaser__title").all_inner_texts() == [ARTICLE]

    page.get_by_role("link", name=ARTICLE).click()
    page.wait_for_url("**" + ARTICLE_PATH)
    assert page.locator(".article__kicker").inner_text() == "Initiative der SPD erfolgreich"
    page.get_by_role("link", name="Kommunalpolitik").click()
    page.wait_for_url("**/aktuelles/?kategorie=kommunalpolitik")
    page.go_back()

    rss = page.locator('head link[type="application/rss+xml"]').get_attribute("href")
    response = page.request.get(live_server.url + rss)
    assert response.ok
    feed = feedparser.parse(response.body())
    assert not feed.bozo
    assert feed.entries[0].title.startswith(ARTICLE)
    assert urlsplit(feed.entries[0].link).path == ARTICLE_PATH
    assert only_our_host(live_server, requested_hosts), requested_hosts


def test_search_from_the_header_finds_the_seed_article(page, live_server):
    page.goto(live_server.url + "/wustermark/")
    page.get_by_role("searchbox", name="Suche in SPD Wustermark").fill("Zweckverband")
    page.keyboard.press("Enter")
    page.wait_for_url("**/wustermark/suche/?q=Zweckverband")
    results = page.locator(".search-result__title")
    assert results.all_inner_texts() == [ARTICLE]
    results.first.get_by_role("link").click()
    page.wait_for_url("**" + ARTICLE_PATH)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_type_fits_a_320px_phone(page, live_server, name):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + PAGE_TYPES[name])
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    screenshot(page, f"mobile-{name}")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320px"


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_type_has_no_accessibility_violations(page, live_server, requested_hosts, name, width):
    """axe finds nothing, of any impact, on a desktop and on a phone (where the navigation
    collapses into its menu button)."""
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 900 if width > 1000 else 800})
    response = page.goto(live_server.url + PAGE_TYPES[name])
    assert response.status == (404 if name == "not-found" else 200)
    screenshot(page, f"{width}-{name}")
    results = Axe().run(page)
    violations = [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
    ]
    assert violations == []
    assert only_our_host(live_server, requested_hosts), requested_hosts


def test_menu_button_opens_the_navigation_on_a_phone_without_javascript(browser, live_server):
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, locale="de-DE", java_script_enabled=False
    )
    phone = context.new_page()
    phone.goto(live_server.url + "/wustermark/")
    link = phone.locator(".site-nav ul a").first
    assert not link.is_visible()
    phone.get_by_text("Menü").click()
    assert link.is_visible()
    screenshot(phone, "390-menu-open")
    context.close()


def test_keyboard_user_sees_the_skip_link_and_focus(page, live_server):
    page.goto(live_server.url + ARTICLE_PATH)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    assert skip.evaluate("element => element === document.activeElement")
    box = skip.bounding_box()
    assert box["y"] >= 0, "skip link stays off screen when focused"
    outline = skip.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_print_shows_the_article_without_navigation_or_sidebar(page, live_server):
    page.goto(live_server.url + ARTICLE_PATH)
    page.emulate_media(media="print")
    for selector in (".layout__aside", ".site-nav", ".search-form", ".article-nav"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.get_by_role("heading", level=1).is_visible()
    page.pdf(path="test-artifacts/screenshots/print-article.pdf")
