"""Browser tests: Playwright (Python) driving Debian's Chromium against pytest-django's
live server. Run with `make test-browser` (plain `make test` deselects them by marker)."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Playwright's sync API keeps an asyncio loop on the main thread; the ORM calls our fixtures
# make there are still ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def requested_hosts():
    """Every host any page asked for while the test ran (documents, CSS, images, XHR)."""
    return set()


@pytest.fixture
def page(browser, live_server, requested_hosts):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on(
        "request",
        lambda request: (
            requested_hosts.add(urlsplit(request.url).netloc)
            if request.url.startswith("http")
            else None
        ),
    )
    yield page
    context.close()


@pytest.fixture
def demo_site(settings, browser):
    """The demo region (seed_demo): chapters, the "Zweckverband" article, editors.

    Needs `browser` so Playwright runs before the first test restores the database: when a
    test without a browser (the Lighthouse runs) came first and Playwright started later,
    the serialized rollback no longer restored the rows and every later test found no
    Locale (seen with pytest-django 4 and Playwright's sync API)."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.DEBUG = False


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
