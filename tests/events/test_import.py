"""Calendar subscriptions imported over real HTTP (a loopback server) through core.fetch's
address policy: one page per UID, updated in place, published on change; every failure a
German message on the subscription that changes no stored event."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from events.importer import import_subscription
from events.models import CalendarSubscription, EventPage
from tests.events.conftest import berlin
from tests.feedserver import Response

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]
ICS = Path(__file__).parent / "ics"


@pytest.fixture(autouse=True)
def loopback_allowed(settings):
    settings.OUTBOUND_ALLOWLIST = ["127.0.0.1"]


def serve(feed_server, name, body=None, path=None):
    body = (ICS / name).read_bytes() if body is None else body
    return feed_server.serve(
        path or f"/{name}", body=body, headers={"Content-Type": "text/calendar"}
    )


def subscribe(index, url, name="Ortsverein"):
    return CalendarSubscription.objects.create(name=name, url=url, target=index)


def test_import_and_reimport(feed_server, event_index, anonymous):
    subscription = subscribe(event_index, serve(feed_server, "ortsverein.ics"))
    result = import_subscription(subscription)
    assert result.ok and (result.created, result.updated, result.unchanged) == (5, 0, 0)
    assert "FREQ=YEARLY" in result.summary() and "ohne UID" in result.summary()
    subscription.refresh_from_db()
    assert subscription.last_created == 5 and subscription.last_success_at
    weekly = EventPage.objects.get(source_uid="stammtisch@example.org")
    assert weekly.rrule == "FREQ=WEEKLY;BYDAY=TU;COUNT=4" and weekly.live
    assert weekly.teaser == "Wir treffen uns im Nebenraum."  # no markup, no script
    assert [(e.date, e.kind) for e in weekly.exceptions.all()] == [
        (datetime.date(2029, 12, 11), "omitted")
    ]
    monthly = EventPage.objects.get(source_uid="vorstand@example.org")
    assert monthly.rrule == "FREQ=MONTHLY;BYDAY=1MO;UNTIL=20300630T215959Z"
    assert monthly.exceptions.get().kind == "cancelled"
    fest = EventPage.objects.get(source_uid="fest@example.org")
    assert fest.all_day and fest.end == berlin(2030, 6, 15)
    yearly = EventPage.objects.get(source_uid="jahr@example.org")
    assert yearly.repeat == "" and yearly.start == berlin(2030, 3, 1, 19)
    derived = EventPage.objects.get(title="Ohne UID").source_uid
    assert derived.startswith("derived:")

    html = anonymous.get(event_index.url, {"monat": "2029-12"}).content.decode()
    assert html.count("Stammtisch") == 3

    again = import_subscription(subscription)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert EventPage.objects.get(title="Ohne UID").source_uid == derived
    serve(
        feed_server,
        "ortsverein.ics",
        (ICS / "ortsverein.ics").read_bytes().replace(b"Zum Krug", b"Gasthof Linde"),
    )
    changed = import_subscription(subscription)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 4)
    assert EventPage.objects.get(source_uid="stammtisch@example.org").place == "Gasthof Linde"


def test_time_zones_all_day_and_bad_rules(feed_server, event_index):
    result = import_subscription(subscribe(event_index, serve(feed_server, "zeitzonen.ics")))
    assert result.ok and result.created == 6  # a comment after END:VCALENDAR is fine
    assert "Leere Regel" not in result.summary()  # an empty RRULE line is no repetition
    pages = {page.source_uid.split("@")[0]: page for page in EventPage.objects.all()}
    assert pages["new-york"].local_start.replace(tzinfo=None) == datetime.datetime(2030, 1, 15, 18)
    assert pages["new-york"].local_start.tzname() == "CET"
    assert pages["utc"].local_start.hour == 18  # summer time
    assert pages["schwebend"].start == berlin(2030, 1, 16, 19)
    assert pages["kaputt"].repeat == "" and pages["kaputt"].start == berlin(2030, 1, 17, 19)
    assert "Kaputte Regel" in result.summary() and "Wiederholung nicht übernommen" in (
        result.summary()
    )
    assert pages["ganztags"].all_day and pages["ganztags"].end is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ((ICS / "abgeschnitten.ics").read_bytes(), "unvollständig"),
        ((ICS / "latin1.ics").read_bytes(), "UTF-8"),
        (b"<html><body>Nicht gefunden</body></html>", "keinen Kalender"),
        (b"BEGIN:VCALENDAR\r\n" + b"X" * (10 * 1024 * 1024), "größer als 2,0"),
    ],
    ids=["truncated", "latin1", "html", "10mb"],
)
def test_a_failure_changes_nothing(feed_server, event_index, body, message):
    subscription = subscribe(event_index, serve(feed_server, "ortsverein.ics", path="/k.ics"))
    assert import_subscription(subscription).created == 5
    before = sorted(EventPage.objects.values_list("source_uid", "place", "latest_revision_id"))
    serve(feed_server, "x", body, path="/k.ics")
    result = import_subscription(subscription)
    assert not result.ok and message in result.error, result.error
    assert result.summary().startswith("Ortsverein: FEHLER – ")
    subscription.refresh_from_db()
    assert message in subscription.last_error and subscription.last_created == 5
    after = sorted(EventPage.objects.values_list("source_uid", "place", "latest_revision_id"))
    assert after == before


def test_the_address_policy_applies(feed_server, event_index, settings):
    settings.OUTBOUND_ALLOWLIST = []
    result = import_subscription(subscribe(event_index, serve(feed_server, "ortsverein.ics")))
    assert not result.ok and not EventPage.objects.exists()


def test_command_one_line_each_and_a_trickling_server_blocks_nobody(
    feed_server, event_index, chapter
):
    subscribe(event_index, serve(feed_server, "ortsverein.ics"), name="A gut")
    stalled = Response(body=b"BEGIN:VCALENDAR\r\n", stall_after_headers=True)
    subscribe(event_index, feed_server.serve("/haengt.ics", stalled), name="B hängt")
    subscribe(event_index, serve(feed_server, "zeitzonen.ics"), name="C gut")
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_calendars", "--timeout", "1", stdout=out)
    assert raised.value.returncode == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("A gut: 5 neu, 0 aktualisiert, 0 unverändert")
    assert lines[1].startswith("B hängt: FEHLER – ")
    assert lines[2].startswith("C gut: 6 neu")

    out = io.StringIO()
    call_command("import_calendars", "--calendar", "A gut", stdout=out)
    assert out.getvalue().startswith("A gut: 0 neu, 0 aktualisiert, 5 unverändert")
    with pytest.raises(CommandError):
        call_command("import_calendars", "--calendar", "gibt es nicht")


def test_command_creates_a_subscription_for_a_chapter(feed_server, event_index, chapter):
    url = serve(feed_server, "zeitzonen.ics", path="/neu.ics")
    out = io.StringIO()
    call_command("import_calendars", "--url", url, "--chapter", chapter.slug, stdout=out)
    subscription = CalendarSubscription.objects.get()
    assert subscription.target_id == event_index.pk and "angelegt" in out.getvalue()
    assert EventPage.objects.child_of(event_index).count() == 6
    with pytest.raises(CommandError):
        call_command("import_calendars", "--url", url, "--chapter", "unbekannt")
