"""Every public page type in both languages is valid HTML by the Nu HTML Checker
(vnu.jar, installed by `.ci/install-vnu` into var/vnu). Marked `browser`: it needs the
installed tool, so `make test` leaves it out and `make test-browser` runs it."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

# Transactional like the browser tests it runs with: pytest-django runs plain django_db
# tests first, and a plain one there left the browser tests without their Locale rows.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VNU = Path(__file__).resolve().parents[2] / "var/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
ARTICLE = (
    "/wustermark/aktuelles/wustermark-will-zweckverband-digitale-kommunen-brandenburg-beitreten/"
)
PAGES = {
    "regional-home": "/",
    "chapter": "/wustermark/",
    "news-index": "/wustermark/aktuelles/",
    "news-index-filtered": "/wustermark/aktuelles/?kategorie=kommunalpolitik",
    "article": ARTICLE,
    "content-page": "/wustermark/impressum/",
    "events": "/termine/",
    "search": "/suche/?q=Zweckverband",
    "chapter-search": "/wustermark/suche/?q=Zweckverband",
    "press-release-archive": "/pressemitteilungen/",
    "not-found": "/gibt-es-nicht/",
}


def english_url(client, german_url):
    """The English version's address, from the German page's hreflang link (slugs may be
    translated); routes and queries are kept."""
    path, _, query = german_url.partition("?")
    html = client.get(german_url).content.decode()
    found = re.search(r'hreflang="en" href="https?://[^/]+([^"]+)"', html)
    english = found.group(1) if found else "/en" + path
    return english + ("?" + query if query else "")


@pytest.fixture
def demo_site(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.DEBUG = False


@pytest.fixture
def chapter_with_titelbild(demo_site):
    """Wustermark's home with its optional Titelbild, the <picture> included."""
    from chapters.models import ChapterPage
    from tests.factories import ImageFactory

    chapter = ChapterPage.objects.get(slug="wustermark", locale__language_code="de")
    chapter.lead_image = ImageFactory(title="Vorstand", file__width=1600, file__height=900)
    chapter.save_revision().publish()


def test_every_public_page_type_is_valid_html(demo_site, chapter_with_titelbild, tmp_path):
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run .ci/install-vnu")
    java = shutil.which("java")
    assert java, "Java is needed for vnu.jar"
    client = Client()
    pages = dict(PAGES)
    pages.update({f"en-{name}": english_url(client, url) for name, url in PAGES.items()})
    files = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == (404 if "not-found" in name else 200), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files[str(path)] = url
    result = subprocess.run(  # noqa: S603 - our own files, a fixed command
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}:"
        f"{m.get('lastLine')}: {m.get('message')} [{m.get('extract', '').strip()}]"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)
