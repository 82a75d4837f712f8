"""iCalendar (RFC 5545) for events, built with the icalendar library: one VEVENT per event
with its RRULE and EXDATEs, a cancelled single date as an override with STATUS:CANCELLED."""

import datetime

import icalendar
from django.db.models import Count
from django.http import HttpResponse
from django.utils import timezone
from wagtail.models import Revision

from core.urls import absolute_url

from .occurrences import exceptions_of

PRODID = "-//Chapterhouse//Termine//DE"


def revision_counts(events):
    """SEQUENCE per event: how often it was saved (one query for all of them)."""
    ids = [str(event.pk) for event in events]
    counts = Revision.page_revisions.filter(object_id__in=ids)
    rows = counts.values("object_id").annotate(total=Count("pk"))
    return {int(row["object_id"]): row["total"] for row in rows}


def occurrence_value(event, moment):
    """DTSTART-like value of *moment*: a date for all-day events, else Berlin time."""
    local = timezone.localtime(moment)
    return local.date() if event.all_day else local


def uid(event, host):
    return f"event-{event.translation_key}@{host}"


def event_components(event, host, sequence, url):
    start = event.local_start
    end = start + event.duration
    vevent = icalendar.Event()
    vevent.add("uid", uid(event, host))
    vevent.add("dtstamp", (event.last_published_at or timezone.now()).astimezone(datetime.UTC))
    vevent.add("sequence", sequence)
    vevent.add("summary", event.title)
    vevent.add("dtstart", occurrence_value(event, start))
    vevent.add("dtend", occurrence_value(event, end))
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    if event.teaser:
        vevent.add("description", event.teaser)
    location = ", ".join(part for part in (event.place, event.address) if part)
    if location:
        vevent.add("location", location)
    if url:
        vevent.add("url", url)
    if event.category_id:
        vevent.add("categories", [event.category.name])
    vevent.add("organizer", event.organiser_name, parameters={"CN": event.organiser_name})
    overrides = []
    if event.rrule:
        rule = icalendar.vRecur.from_ical(event.rrule)
        if event.all_day and "UNTIL" in rule:
            rule["UNTIL"] = [timezone.localtime(rule["UNTIL"][0]).date()]
        vevent.add("rrule", rule)
        for exception in exceptions_of(event):
            moment = datetime.datetime.combine(exception.date, start.timetz())
            moment = moment.replace(tzinfo=start.tzinfo)
            value = occurrence_value(event, moment)
            if exception.kind == exception.OMITTED:
                vevent.add("exdate", value)
                continue
            override = icalendar.Event()
            override.add("uid", uid(event, host))
            override.add("dtstamp", vevent["dtstamp"].dt)
            override.add("sequence", sequence)
            override.add("recurrence-id", value)
            override.add("summary", event.title)
            override.add("dtstart", value)
            override.add("dtend", occurrence_value(event, moment + event.duration))
            override.add("status", "CANCELLED")
            overrides.append(override)
    return [vevent, *overrides]


def build_calendar(events, host, name, url_for=None):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    sequences = revision_counts(events)
    for event in events:
        url = url_for(event) if url_for else None
        for component in event_components(event, host, sequences.get(event.pk, 1), url):
            calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar


def calendar_response(request, events, filename, name):
    calendar = build_calendar(
        events, request.get_host().split(":")[0], name, lambda e: absolute_url(e, request)
    )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
