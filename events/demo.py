"""Demo events for `manage.py seed_demo`: a few dates per chapter (one every first Tuesday
of the month, with one cancelled date) and one regional date. Dates are relative to today
so the demo always has upcoming events; running it again changes nothing."""

import datetime

from dateutil import rrule as dateutil_rrule
from django.utils import timezone

from .models import EventException, EventIndexPage, EventPage
from .recurrence import berlin


def _at(day, hour):
    return datetime.datetime.combine(day, datetime.time(hour), berlin())


def _first_tuesday_after(day):
    rule = dateutil_rrule.rrule(
        dateutil_rrule.MONTHLY, byweekday=dateutil_rrule.TU(1), dtstart=_at(day, 19)
    )
    return rule.after(_at(day, 19), inc=True)


def _add(index, slug, **fields):
    existing = EventPage.objects.child_of(index).filter(slug=slug).first()
    if existing:
        return existing, False
    page = EventPage(slug=slug, **fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _index(parent):
    index = EventIndexPage.objects.child_of(parent).first()
    if index is None:
        index = EventIndexPage(title="Termine", slug="termine")
        parent.add_child(instance=index)
        index.save_revision().publish()
    return index


def seed_chapter_events(chapter, category=None):
    today = timezone.localdate()
    index = _index(chapter)
    first = _first_tuesday_after(today)
    meeting, created = _add(
        index,
        "mitgliederversammlung",
        title="Mitgliederversammlung",
        start=first,
        end=first + datetime.timedelta(hours=2),
        place="Bürgerhaus",
        address="Hauptstraße 1",
        teaser="Jeden ersten Dienstag im Monat: Berichte aus der Gemeindevertretung.",
        repeat="monthly",
        repeat_nth=1,
        repeat_count=12,
        category=category,
    )
    if created:
        second = _first_tuesday_after(first.date() + datetime.timedelta(days=1))
        # The date after next is cancelled (e.g. the holidays) and stays visible as such.
        third = _first_tuesday_after(second.date() + datetime.timedelta(days=1))
        EventException.objects.create(page=meeting, date=third.date(), kind="cancelled")
    _add(
        index,
        "infostand",
        title="Infostand auf dem Wochenmarkt",
        start=_at(today + datetime.timedelta(days=10), 9),
        end=_at(today + datetime.timedelta(days=10), 12),
        place="Marktplatz",
        teaser="Kommen Sie ins Gespräch mit unseren Gemeindevertreterinnen und -vertretern.",
        category=category,
    )
    _add(
        index,
        "sommerfest",
        title="Sommerfest",
        start=_at(today + datetime.timedelta(days=45), 0),
        all_day=True,
        place="Dorfanger",
        teaser="Mit Grill, Kinderprogramm und Musik.",
    )


def seed_regional_events(home):
    today = timezone.localdate()
    _add(
        _index(home),
        "regionalkonferenz",
        title="Regionalkonferenz",
        start=_at(today + datetime.timedelta(days=21), 10),
        end=_at(today + datetime.timedelta(days=21), 16),
        place="Stadthalle Nauen",
        online_url="https://konferenz.example.org/havelland",
        teaser="Delegierte aller Ortsvereine beraten das Kommunalwahlprogramm.",
    )
