"""The recurrence form builds and checks its RRULE; day boundaries are Berlin's, also on
the days the clocks change (2026-03-29 and 2026-10-25)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events import recurrence
from events.models import EventPage
from events.occurrences import next_day_boundary, next_midnight
from pagecache.cache import next_time_boundary
from tests import factories
from tests.events.conftest import berlin

UTC = datetime.UTC


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def test_rules_from_the_form():
    assert recurrence.build_rule("", 1, 1, 1, None, None) == ""
    assert recurrence.build_rule("weekly", 2, 2, 1, None, 10) == (
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=10"
    )
    # "jeden letzten Freitag im Monat bis Ende Juli 2027" (summer time: UNTIL 21:59:59 UTC)
    assert recurrence.build_rule("monthly", 1, 4, -1, datetime.date(2027, 7, 31), None) == (
        "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270731T215959Z"
    )


def test_dateutil_refuses_a_broken_rule_with_a_german_message():
    (message,) = recurrence.check_rule("FREQ=SOMETIMES", berlin(2030, 1, 1, 19))
    assert str(message).startswith("Die Wiederholung ist ungültig")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"repeat": "monthly"}, "repeat_nth", "der wievielte"),
        (
            {"repeat": "weekly", "repeat_until": datetime.date(2030, 2, 1), "repeat_count": 3},
            "repeat_count",
            "nicht beides",
        ),
        ({"repeat": "weekly", "repeat_until": datetime.date(2029, 1, 1)}, "repeat_until", "vor"),
        ({"end": berlin(2030, 1, 1, 18)}, "end", "vor dem Beginn"),
    ],
)
def test_clean_explains_in_german(fields, field, message):
    event = EventPage(title="Sitzung", slug="sitzung", start=berlin(2030, 1, 1, 19), **fields)
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert message in " ".join(error.value.message_dict[field])


def test_clean_builds_the_rule():
    event = EventPage(
        title="Sitzung",
        slug="sitzung",
        start=berlin(2030, 1, 1, 19),
        repeat="monthly",
        repeat_nth=1,
        repeat_count=12,
    )
    event.clean()
    assert event.rrule == "FREQ=MONTHLY;BYDAY=1TU;COUNT=12"


@pytest.mark.parametrize(
    ("now", "midnight"),
    [
        # 29 March 2026: 23 hours long, the night before is still winter time.
        (utc(2026, 3, 28, 22, 30), utc(2026, 3, 28, 23)),
        (utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 22)),
        (utc(2026, 3, 29, 21, 59), utc(2026, 3, 29, 22)),
        # 25 October 2026: 25 hours long.
        (utc(2026, 10, 24, 21, 30), utc(2026, 10, 24, 22)),
        (utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 23)),
        (utc(2026, 10, 25, 22, 59), utc(2026, 10, 25, 23)),
    ],
)
def test_next_midnight_is_berlins(now, midnight):
    assert next_midnight(now) == midnight


@pytest.mark.django_db
def test_an_event_without_end_leaves_the_list_at_berlin_midnight(
    anonymous, event_index, monkeypatch
):
    factories.EventPageFactory(
        parent=event_index, title="Frühlingsfest", start=berlin(2026, 3, 29, 15)
    )
    for now, listed in (
        (utc(2026, 3, 29, 21, 59), True),
        (utc(2026, 3, 29, 22, 0, 1), False),
    ):
        monkeypatch.setattr(timezone, "now", lambda now=now: now)
        assert ("Frühlingsfest" in anonymous.get(event_index.url).content.decode()) is listed


@pytest.mark.django_db
def test_the_page_cache_expires_at_an_event_end_or_midnight(event_index, monkeypatch):
    now = utc(2026, 10, 25, 12)
    monkeypatch.setattr(timezone, "now", lambda: now)
    assert next_day_boundary(now) == utc(2026, 10, 25, 23)
    factories.EventPageFactory(
        parent=event_index, start=berlin(2026, 10, 25, 14), end=berlin(2026, 10, 25, 16)
    )
    assert next_day_boundary(now) == utc(2026, 10, 25, 15)
    assert next_time_boundary("test") == utc(2026, 10, 25, 15)


def test_rules_in_words():
    assert recurrence.describe("weekly", 1, 3, 1, None, None) == "jeden Donnerstag"
    assert recurrence.describe("weekly", 2, 0, 1, datetime.date(2030, 6, 30), None) == (
        "alle 2 Wochen am Montag bis 30.06.2030"
    )
    assert recurrence.describe("monthly", 1, 1, -1, None, None) == (
        "jeden letzten Dienstag im Monat"
    )


@pytest.mark.django_db
def test_a_date_published_in_a_chapter_leaves_cached_lists_when_it_ends(
    anonymous, chapter, event_index, settings, monkeypatch
):
    """Publishing in a chapter purges only its scope; the moment the new date ends must
    still cut short what is cached after it (not midnight, computed before the publish)."""
    settings.PAGE_CACHE_ENABLED = settings.FRAGMENT_CACHE_ENABLED = True
    clock = {"now": utc(2026, 10, 20, 13, 55)}  # 15:55 in Berlin
    monkeypatch.setattr(timezone, "now", lambda: clock["now"])
    urls = [chapter.url, event_index.url]
    for url in urls:
        assert "Infostand" not in anonymous.get(url).content.decode()
    factories.EventPageFactory(
        parent=event_index,
        title="Infostand am Bahnhof",
        start=berlin(2026, 10, 20, 14),
        end=berlin(2026, 10, 20, 16),
    )
    for url in urls:
        assert "Infostand" in anonymous.get(url).content.decode(), url
    clock["now"] = utc(2026, 10, 20, 14, 1)  # 16:01 in Berlin
    for url in urls:
        assert "Infostand" not in anonymous.get(url).content.decode(), url
