"""Lighthouse (the pinned CLI from .ci/install-lighthouse, offline) keeps SEO, accessibility
and best practices at 100 on an article and a chapter home of the demo region."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_site"),
]

LIGHTHOUSE = Path(__file__).resolve().parents[2] / "var/lighthouse/node_modules/.bin/lighthouse"
CATEGORIES = ("seo", "accessibility", "best-practices")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "lighthouse"
ARTICLE_PATH = (
    "/wustermark/aktuelles/wustermark-will-zweckverband-digitale-kommunen-brandenburg-beitreten/"
)


def lighthouse(url, name):
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse fehlt: .ci/install-lighthouse (make test-browser) ausführen")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = ARTIFACTS / f"{name}.json"
    subprocess.run(  # noqa: S603 (our pinned CLI, fixed arguments)
        [
            str(LIGHTHOUSE),
            url,
            "--only-categories=" + ",".join(CATEGORIES),
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        timeout=180,
    )
    return json.loads(report.read_text())


def failing_audits(report, category):
    audits = report["audits"]
    return [
        f"{audits[ref['id']]['title']} ({ref['id']})"
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] and audits[ref["id"]]["score"] not in (1, None)
    ]


@pytest.fixture
def chapter_with_titelbild():
    """Wustermark with a Titelbild, so Lighthouse also judges the responsive picture."""
    from chapters.models import ChapterPage
    from tests import factories

    chapter = ChapterPage.objects.get(slug="wustermark", locale__language_code="de")
    chapter.lead_image = factories.ImageFactory(
        title="Der Vorstand am Havelufer", file__width=1600, file__height=900
    )
    chapter.save_revision().publish()


@pytest.mark.parametrize(
    ("path", "titelbild"),
    [("/wustermark/", False), ("/wustermark/", True), (ARTICLE_PATH, False)],
    ids=["chapter", "chapter-with-titelbild", "article"],
)
def test_lighthouse_scores_100(live_server, request, path, titelbild):
    if titelbild:
        request.getfixturevalue("chapter_with_titelbild")
    # live_server listens on http://localhost, which Lighthouse (like Chromium) treats as a
    # secure context: is-on-https passes without TLS, as it would behind the HTTPS proxy.
    report = lighthouse(live_server.url + path, request.node.callspec.id)
    assert not report.get("runtimeError"), report["runtimeError"]
    scores = {category: report["categories"][category]["score"] for category in CATEGORIES}
    failures = {
        category: failing_audits(report, category)
        for category, score in scores.items()
        if score != 1
    }
    assert scores == dict.fromkeys(CATEGORIES, 1.0), failures
