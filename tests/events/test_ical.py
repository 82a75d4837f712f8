"""iCal out: every generated file parses with icalendar, and the occurrences a calendar
program would expand (recurring-ical-events) are the ones the site lists."""

import datetime

import icalendar
import pytest
import recurring_ical_events

from events.models import EventException
from tests import factories
from tests.events.conftest import berlin

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


@pytest.fixture
def events(event_index):
    monthly = factories.EventPageFactory(
        parent=event_index,
        title="Mitgliederversammlung",
        start=berlin(2030, 1, 1, 19),
        end=berlin(2030, 1, 1, 21),
        repeat="monthly",
        repeat_nth=1,
        repeat_until=datetime.date(2030, 12, 31),
    )
    EventException.objects.create(page=monthly, date=datetime.date(2030, 3, 5), kind="cancelled")
    EventException.objects.create(page=monthly, date=datetime.date(2030, 4, 2), kind="omitted")
    weekly = factories.EventPageFactory(
        parent=event_index,
        title="Infostand",
        start=berlin(2030, 3, 23, 10),
        repeat="weekly",
        repeat_count=4,
    )
    all_day = factories.EventPageFactory(
        parent=event_index, title="Wahltag", start=berlin(2030, 9, 22, 0), all_day=True
    )
    cancelled = factories.EventPageFactory(
        parent=event_index, title="Grillfest", start=berlin(2030, 7, 4, 16), status="cancelled"
    )
    return monthly, weekly, all_day, cancelled


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_event_file(anonymous, events):
    monthly = events[0]
    calendar = parse(anonymous.get(monthly.url + "ical/"))
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    vevents = calendar.walk("VEVENT")
    main = vevents[0]
    assert str(main["UID"]) == f"event-{monthly.translation_key}@testserver"
    assert main["RRULE"].to_ical() == b"FREQ=MONTHLY;UNTIL=20301231T225959Z;BYDAY=1TU"
    assert main["EXDATE"].dts[0].dt == berlin(2030, 4, 2, 19)
    assert int(main["SEQUENCE"]) >= 1
    override = vevents[1]
    assert override["STATUS"] == "CANCELLED"
    assert override["RECURRENCE-ID"].dt == berlin(2030, 3, 5, 19)


def test_cancelled_event_and_all_day_event(anonymous, events):
    _monthly, _weekly, all_day, cancelled = events
    vevent = parse(anonymous.get(cancelled.url + "ical/")).walk("VEVENT")[0]
    assert vevent["STATUS"] == "CANCELLED"
    vevent = parse(anonymous.get(all_day.url + "ical/")).walk("VEVENT")[0]
    assert vevent["DTSTART"].dt == datetime.date(2030, 9, 22)
    assert vevent["DTEND"].dt == datetime.date(2030, 9, 23)


def test_feed_is_advertised_and_matches_the_list(anonymous, event_index, events):
    html = anonymous.get(event_index.url).content.decode()
    feed_url = event_index.url + "ical/"
    assert f'<link rel="alternate" type="text/calendar" title="Termine" href="{feed_url}">' in html
    calendar = parse(anonymous.get(feed_url))
    expanded = recurring_ical_events.of(calendar).between(berlin(2030, 1, 1), berlin(2031, 1, 1))
    from_ical = sorted(
        (str(e["SUMMARY"]), e["DTSTART"].dt.isoformat(), str(e.get("STATUS"))) for e in expanded
    )

    from events.models import EventPage
    from events.occurrences import occurrences_between

    listed = occurrences_between(
        EventPage.objects.child_of(event_index), berlin(2030, 1, 1), berlin(2031, 1, 1)
    )
    from_site = sorted(
        (
            o.event.title,
            (o.start.date() if o.all_day else o.start).isoformat(),
            "CANCELLED" if o.cancelled else "CONFIRMED",
        )
        for o in listed
    )
    assert from_ical == from_site
    assert len(from_site) == 11 + 4 + 1 + 1  # twelve months minus April; 4 weeks; 2 one-offs
