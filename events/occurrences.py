"""Occurrences of events in a time window: one-off events as they are, repeating ones
expanded with dateutil (bounded), exceptions applied. Plain functions over querysets."""

import datetime
import heapq
import itertools
from dataclasses import dataclass

from django.apps import apps
from django.db.models import DateTimeField, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.chapter import attach_chapters, chapter_model
from core.visibility import public

from . import recurrence

MAX_PER_EVENT = 500
# The page-cache scope of cached lists of next dates (pagecache.scopes).
DATES_SCOPE = "dates"


@dataclass(frozen=True)
class Occurrence:
    event: object
    start: datetime.datetime
    end: datetime.datetime
    cancelled: bool

    @property
    def moved(self):
        return self.event.is_moved

    @property
    def all_day(self):
        return self.event.all_day

    @property
    def last_day(self):
        """The calendar day the occurrence ends on (an all-day end is exclusive)."""
        end = timezone.localtime(self.end)
        return (end - datetime.timedelta(microseconds=1)).date()


def event_model():
    return apps.get_model("events.EventPage")


def public_events(queryset=None):
    """Live, public events with what a list shows (category, exceptions) loaded at once."""
    queryset = event_model().objects.all() if queryset is None else queryset
    return (
        public(queryset.live())
        .select_related("category")
        .prefetch_related(Prefetch("exceptions", to_attr=LOADED_EXCEPTIONS))
        .order_by("start", "pk")
    )


LOADED_EXCEPTIONS = "loaded_exceptions"


def exceptions_of(event):
    """*event*'s exceptions: as public_events() loaded them (a plain list: asking the
    related manager of each of hundreds of events costs more than expanding them), else
    from its relation (a single event page, or its preview with the editor's form)."""
    loaded = getattr(event, LOADED_EXCEPTIONS, None)
    return event.exceptions.all() if loaded is None else loaded


def overlapping(queryset, start, end):
    """Narrow *queryset* in the database to events that may have an occurrence in the window:
    repeating events whose first date is before *end*, one-offs that are not over yet."""
    # Generous by two days: without an end an event lasts its day, an all-day end is the
    # last day's midnight; expand_event() then keeps exactly what overlaps.
    earliest = start - datetime.timedelta(days=2)
    one_off = Q(rrule="") & (Q(end__gte=earliest) | Q(end__isnull=True, start__gte=earliest))
    repeating = ~Q(rrule="") & (Q(repeat_until__isnull=True) | Q(repeat_until__gte=earliest))
    return queryset.filter(start__lt=end).filter(one_off | repeating)


def expand_event(event, start, end, limit=MAX_PER_EVENT):
    """The occurrences of *event* that end after *start* and begin before *end*, in order."""
    duration = event.duration
    first = event.local_start
    exceptions = {exception.date: exception.kind for exception in exceptions_of(event)}
    if event.rrule:
        rule = recurrence.parse_rule(event.rrule, first)
        after = (start - duration).astimezone(first.tzinfo)
        starts = rule.xafter(after, count=limit, inc=False)
    else:
        starts = iter([first])
    result = []
    here = timezone.get_current_timezone()  # once: asking for it costs a context lookup
    for begin in itertools.takewhile(lambda moment: moment < end, starts):
        begin = begin.astimezone(here)
        if begin + duration <= start:
            continue
        kind = exceptions.get(begin.date())
        if kind == "omitted":
            continue
        cancelled = event.is_cancelled or kind == "cancelled"
        result.append(Occurrence(event, begin, begin + duration, cancelled))
        if len(result) >= limit:
            break
    return result


def occurrences_between(events, start, end, limit=MAX_PER_EVENT, reverse=False, chapters=()):
    """All occurrences of *events* (a queryset) in the window, merged in start order.
    Two queries (events and their exceptions) whatever the number of events, and one for
    their chapters unless all are below the *chapters* already loaded."""
    events = list(public_events(overlapping(events, start, end)))
    attach_chapters(events, known=chapters)
    per_event = [expand_event(event, start, end, limit) for event in events]
    merged = heapq.merge(*per_event, key=lambda occurrence: (occurrence.start, occurrence.event.pk))
    occurrences = list(itertools.islice(merged, limit))
    if reverse:
        occurrences.reverse()
    return occurrences


def upcoming_occurrences(events, start=None, end=None, limit=MAX_PER_EVENT, chapters=()):
    """Occurrences that have not ended at *start* (now), up to a year ahead by default."""
    start = start or timezone.now()
    end = end or start + datetime.timedelta(days=366)
    if limit < MAX_PER_EVENT:
        events = events.filter(start__lte=Coalesce(last_needed_start(events, start, limit), end))
    return occurrences_between(events, start, end, limit, chapters=chapters)


def last_needed_start(events, start, limit):
    """For a list of the next *limit* dates (a home page's): the start of the *limit*-th
    one-off event beginning after *start* (a subquery, NULL if there are fewer). Each of
    them is on the list, so no event that begins later can be: only the others are read
    and expanded, however many dates the region has. (A one-off with a date left out is
    not counted: it may not be on the list.)"""
    one_offs = (
        public_events(events)
        .prefetch_related(None)
        .filter(rrule="", start__gte=start)
        .exclude(exceptions__kind="omitted")
        .order_by("start", "pk")
        .values("start")[limit - 1 : limit]
    )
    return Subquery(one_offs, output_field=DateTimeField())


def past_occurrences(events, year, now=None, chapters=()):
    """Occurrences of *year* (Berlin) that have ended by *now*, newest first."""
    now = now or timezone.now()
    tz = recurrence.berlin()
    start = datetime.datetime(year, 1, 1, tzinfo=tz)
    end = min(datetime.datetime(year + 1, 1, 1, tzinfo=tz), now)
    if end <= start:
        return []
    occurrences = occurrences_between(events, start, end, chapters=chapters)
    return [occurrence for occurrence in occurrences if occurrence.end <= now][::-1]


def label_regional(occurrences, region_title):
    """Events of neither a chapter nor an organiser are the region's: name it (no query)."""
    label_events([occurrence.event for occurrence in occurrences], region_title)
    return occurrences


def label_events(events, region_title):
    """Each event knows its chapter and organiser's name, one query for all of them."""
    attach_chapters([event for event in events if "chapter" not in event.__dict__])
    for event in events:
        if not event.organiser and event.chapter is None:
            event.__dict__["organiser_name"] = region_title
    return events


def upcoming_under(ancestor, limit, region_title=None, chapters=()):
    """The next *limit* occurrences of events anywhere below *ancestor* (e.g. a home page);
    *chapters*: those already loaded."""
    events = event_model().objects.descendant_of(ancestor)
    occurrences = upcoming_occurrences(events, limit=limit, chapters=chapters)
    return label_regional(occurrences, region_title or ancestor.title)


def dates_scopes(page):
    """Lists of next dates change with an event, a Termine page or a chapter (whose title
    names its dates' organiser) anywhere, and not with the news or other pages."""
    models = (event_model(), apps.get_model("events.EventIndexPage"), chapter_model())
    return [DATES_SCOPE] if issubclass(page.specific_class or type(page), models) else []


def next_midnight(now):
    """The next midnight in Berlin after *now* (aware, in Berlin time)."""
    tz = recurrence.berlin()
    tomorrow = now.astimezone(tz).date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(tomorrow, datetime.time(), tz)


def next_day_boundary(now):
    """For the page cache: when an "upcoming" list changes by itself, i.e. the next midnight
    (Berlin) or the end of an event still running today, whichever comes first."""
    midnight = next_midnight(now)
    ends = [
        occurrence.end
        for occurrence in occurrences_between(event_model().objects.all(), now, midnight)
        if now < occurrence.end < midnight
    ]
    return min([midnight, *ends])
