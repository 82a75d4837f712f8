"""manage.py import_calendars: external .ics over real HTTP (a loopback server), through
core.fetch's address policy; one page per UID, updated in place, published on change."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from core.fetch import FetchRefused
from events.importer import import_calendar
from events.models import EventPage
from tests.events.conftest import berlin

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]
LOOPBACK = ["127.0.0.1"]

CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//DE
BEGIN:VEVENT
UID:stammtisch@example.org
DTSTAMP:20291101T000000Z
SUMMARY:Stammtisch
LOCATION:Zum Krug
DTSTART;TZID=Europe/Berlin:20291204T190000
DTEND;TZID=Europe/Berlin:20291204T210000
RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4
EXDATE;TZID=Europe/Berlin:20291211T190000
END:VEVENT
BEGIN:VEVENT
UID:vorstand@example.org
DTSTAMP:20291101T000000Z
SUMMARY:Vorstandssitzung
DTSTART;TZID=Europe/Berlin:20300107T180000
RRULE:FREQ=MONTHLY;BYDAY=1MO;UNTIL=20300630T215959Z
END:VEVENT
BEGIN:VEVENT
UID:vorstand@example.org
DTSTAMP:20291101T000000Z
SUMMARY:Vorstandssitzung
RECURRENCE-ID;TZID=Europe/Berlin:20300204T180000
DTSTART;TZID=Europe/Berlin:20300204T180000
STATUS:CANCELLED
END:VEVENT
BEGIN:VEVENT
UID:fest@example.org
DTSTAMP:20291101T000000Z
SUMMARY:Dorffest
DTSTART;VALUE=DATE:20300614
DTEND;VALUE=DATE:20300616
END:VEVENT
BEGIN:VEVENT
UID:jahr@example.org
DTSTAMP:20291101T000000Z
SUMMARY:Jahreshauptversammlung
DTSTART;TZID=Europe/Berlin:20300301T190000
RRULE:FREQ=YEARLY
END:VEVENT
BEGIN:VEVENT
DTSTAMP:20291101T000000Z
SUMMARY:Ohne UID
DTSTART;TZID=Europe/Berlin:20300301T190000
END:VEVENT
END:VCALENDAR
"""


def serve(feed_server, text):
    return feed_server.serve(
        "/kalender.ics",
        body=text.replace("\n", "\r\n").encode(),
        headers={"Content-Type": "text/calendar"},
    )


def test_import_and_reimport(feed_server, event_index, anonymous):
    url = serve(feed_server, CALENDAR)
    created, updated, warnings = import_calendar(event_index, url, allowlist=LOOPBACK)
    assert (created, updated) == (4, 0)
    assert len(warnings) == 2  # the yearly rule, the event without UID
    weekly = EventPage.objects.get(source_uid="stammtisch@example.org")
    assert weekly.rrule == "FREQ=WEEKLY;BYDAY=TU;COUNT=4" and weekly.live
    assert [(e.date, e.kind) for e in weekly.exceptions.all()] == [
        (datetime.date(2029, 12, 11), "omitted")
    ]
    monthly = EventPage.objects.get(source_uid="vorstand@example.org")
    assert monthly.rrule == "FREQ=MONTHLY;BYDAY=1MO;UNTIL=20300630T215959Z"
    assert monthly.exceptions.get().kind == "cancelled"
    fest = EventPage.objects.get(source_uid="fest@example.org")
    assert fest.all_day and fest.end == berlin(2030, 6, 15)

    html = anonymous.get(event_index.url, {"monat": "2029-12"}).content.decode()
    assert html.count("Stammtisch") == 3

    assert import_calendar(event_index, url, allowlist=LOOPBACK)[:2] == (0, 0)
    serve(feed_server, CALENDAR.replace("Zum Krug", "Gasthof Linde"))
    assert import_calendar(event_index, url, allowlist=LOOPBACK)[:2] == (0, 1)
    assert EventPage.objects.get(source_uid="stammtisch@example.org").place == "Gasthof Linde"


def test_the_address_policy_applies(feed_server, event_index, settings):
    url = serve(feed_server, CALENDAR)
    with pytest.raises(FetchRefused):
        import_calendar(event_index, url)
    settings.OUTBOUND_ALLOWLIST = LOOPBACK
    call_command("import_calendars", str(event_index.pk), url, stdout=None, stderr=None)
    assert EventPage.objects.count() == 4
    with pytest.raises(CommandError):
        call_command("import_calendars", str(event_index.pk), feed_server.url("/fehlt.ics"))
