"""The regional office's view of every chapter: the overview page, the dashboard panel and
the weekly digest, over HTTP, on quiet, busy, retired and multilingual chapters."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Locale

from chapters.provisioning import provision_chapter, retire_chapter
from chapters.roles import REGIONAL_ADMIN_GROUP
from events.models import EventPage
from events.subscriptions import CalendarSubscription
from news.models import NewsArticlePage
from tests import factories
from tests.admin_helpers import refused
from translations.sync import sync_locales, translate_with

pytestmark = pytest.mark.django_db
OVERVIEW = "/admin/ortsvereine/uebersicht/"


@pytest.fixture
def regio(client, db):
    user = factories.UserFactory(username="regio", email="regio@example.org")
    user.groups.add(Group.objects.get(name=REGIONAL_ADMIN_GROUP))
    client.force_login(user)
    return client


def article(chapter, title, days_ago):
    page = factories.NewsArticlePageFactory(parent=chapter.news_index, title=title)
    published = timezone.now() - datetime.timedelta(days=days_ago)
    NewsArticlePage.objects.filter(pk=page.pk).update(
        first_published_at=published, last_published_at=published
    )
    return NewsArticlePage.objects.get(pk=page.pk)


@pytest.fixture
def region(home):
    sync_locales()
    busy = provision_chapter(home, "SPD Busy", slug="busy", host_name="busy.example")
    quiet = provision_chapter(home, "SPD Quiet", slug="quiet")
    retired = provision_chapter(home, "SPD Retired", slug="retired")
    editor = factories.UserFactory(username="busy-editor")
    editor.groups.add(busy.team.editors)
    author = factories.UserFactory(username="busy-author")
    author.groups.add(busy.team.authors)

    article(busy, "Neu", days_ago=3)
    article(busy, "Auch neu", days_ago=10)
    article(busy, "Alt", days_ago=200)
    article(quiet, "Lange her", days_ago=120)  # more than 8 weeks: quiet
    eventful = provision_chapter(home, "SPD Eventful", slug="eventful")
    article(eventful, "Auch lange her", days_ago=120)
    event = factories.EventPageFactory(parent=eventful.event_index, title="Sommerfest")
    EventPage.objects.filter(pk=event.pk).update(last_published_at=timezone.now())
    retire_chapter(retired)

    english = Locale.objects.get(language_code="en")
    translated = article(busy, "Übersetzt", days_ago=1)
    translate_with(translated, english, {"Übersetzt": "Translated"})
    outdated = article(busy, "Veraltet", days_ago=1)
    translate_with(outdated, english, {"Veraltet": "Outdated"})
    outdated.title = "Veraltet, geändert"
    outdated.save_revision().publish()  # the German text moved on after the translation

    draft = factories.NewsArticlePageFactory(parent=busy.news_index, title="Zur Freigabe")
    draft.save_revision(user=author)
    busy.team.workflow.start(draft, author)

    factories.PressReleaseFeedFactory(name="kaputt.example", last_error="Server antwortet 500")
    failed_at = timezone.now()
    CalendarSubscription.objects.create(
        name="Gemeindekalender",
        url="https://example.org/rat.ics",
        target=busy.event_index,
        last_checked_at=failed_at,
        last_success_at=failed_at - datetime.timedelta(days=1),
        last_error="Die Datei ist kein Kalender.",
    )
    CalendarSubscription.objects.create(  # imported, with a note: no failure
        name="Vereinskalender",
        url="https://example.org/verein.ics",
        target=busy.event_index,
        last_checked_at=failed_at,
        last_success_at=failed_at,
        last_error="1 Termin ohne Kennung.",
    )
    return {"busy": busy, "quiet": quiet, "retired": retired, "eventful": eventful}


def row_of(html, slug):
    row = html[html.index(f'data-chapter="{slug}"') :]
    return row[: row.index("</tr>")]


def cell(row, name):
    start = row.index(f"data-{name}>") + len(f"data-{name}>")
    return strip_tags(row[start : row.index("</td>", start)]).strip()


def test_overview_shows_every_figure_per_chapter(regio, region):
    html = regio.get(OVERVIEW).content.decode()
    assert html.count("data-chapter=") == 4  # German chapters only, once each
    busy, quiet, retired = (row_of(html, slug) for slug in ("busy", "quiet", "retired"))

    assert "busy-editor" in busy and "busy.example" in busy
    assert cell(busy, "recent") == "5"  # three in 90 days plus the two translated ones
    assert cell(busy, "pending") == "1"
    german_pages = region["busy"].get_descendants(inclusive=True).count()
    assert cell(busy, "translation") == f"{german_pages - 2} / 1"
    assert "data-quiet" not in busy

    assert "data-quiet" in quiet and "ruhig" in quiet
    assert "stillgelegt" in retired and "data-quiet" not in retired
    eventful = row_of(html, "eventful")  # an event published lately: not quiet
    assert "data-quiet" not in eventful
    assert cell(eventful, "last-event") == timezone.localdate().strftime("%d.%m.%Y")
    assert "busy-editor" not in retired
    # Quiet chapters come first.
    assert html.index('data-chapter="quiet"') < html.index('data-chapter="busy"')
    assert "kaputt.example" in html and "Server antwortet 500" in html
    assert "Gemeindekalender" in html and "Die Datei ist kein Kalender." in html
    assert "Vereinskalender" not in html


def test_overview_sorts_by_any_column(regio, region):
    html = regio.get(OVERVIEW + "?ordering=-artikel").content.decode()
    assert html.index('data-chapter="busy"') < html.index('data-chapter="quiet"')
    html = regio.get(OVERVIEW + "?ordering=name").content.decode()
    assert html.index('data-chapter="busy"') < html.index('data-chapter="quiet"')
    assert html.index('data-chapter="quiet"') < html.index('data-chapter="retired"')


def test_dashboard_panel_names_quiet_chapters_pending_approvals_and_failed_feeds(regio, region):
    html = regio.get("/admin/").content.decode()
    panel = html[html.index("data-regional-overview") :]
    assert "SPD Quiet" in panel[: panel.index("data-pending-chapters")]
    assert "SPD Busy: 1" in panel
    assert "kaputt.example" in panel


def test_chapter_editors_do_not_get_the_overview(client, region):
    editor = factories.UserFactory()
    editor.groups.add(region["busy"].team.editors)
    client.force_login(editor)
    assert refused(client.get(OVERVIEW), OVERVIEW)
    assert "data-regional-overview" not in client.get("/admin/").content.decode()


def test_overview_costs_the_same_queries_for_10_and_100_chapters(regio, home):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert regio.get(OVERVIEW).status_code == 200
        return len(captured)

    for number in range(10):
        chapter = factories.ChapterPageFactory(parent=home, slug=f"c{number}")
        factories.NewsIndexPageFactory(parent=chapter)
    small = queries()
    for number in range(10, 100):
        chapter = factories.ChapterPageFactory(parent=home, slug=f"c{number}")
        index = factories.NewsIndexPageFactory(parent=chapter)
        factories.NewsArticlePageFactory(parent=index)
    assert queries() == small


def test_weekly_digest_is_off_by_default_and_mails_the_regional_admins(regio, region, settings):
    mail.outbox.clear()  # the workflow's own notice to the chapter's editors
    call_command("send_regional_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []
    settings.CHAPTERHOUSE_DIGEST_ENABLED = True
    call_command("send_regional_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    (message,) = mail.outbox
    assert message.to == ["regio@example.org"]
    assert "SPD Quiet: zuletzt am" in message.body
    assert "SPD Busy: 5 Artikel, 1 zur Freigabe" in message.body
    assert "Feed kaputt.example: Server antwortet 500" in message.body
    assert "Kalender Gemeindekalender: Die Datei ist kein Kalender." in message.body


def test_translation_status_names_each_page_and_the_shared_snippets(regio, region):
    busy = region["busy"]
    factories.PressReleaseFactory(title="Nur deutsch")
    html = regio.get(f"/admin/ortsvereine/{busy.pk}/uebersetzungen/").content.decode()
    states = dict(re.findall(r'data-page="(\d+)" data-state="(\w+)"', html))
    pages = {page.title: str(page.pk) for page in busy.get_descendants(inclusive=True)}
    assert states[pages["Übersetzt"]] == "current"
    assert states[pages["Veraltet, geändert"]] == "outdated"
    assert states[pages["Neu"]] == "missing"
    assert len(states) == len(pages)
    assert "Pressemitteilungen: 1 von 1 noch nicht übersetzt" in html
    editor = factories.UserFactory()
    editor.groups.add(busy.team.editors)
    regio.force_login(editor)
    url = f"/admin/ortsvereine/{busy.pk}/uebersetzungen/"
    assert refused(regio.get(url), url)
