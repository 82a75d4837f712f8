"""Import an external calendar (.ics by URL) into an events index: fetched through
core.fetch (deadline, size and address policy), parsed with icalendar, one EventPage per
UID, updated in place on the next import and published only when something changed."""

import datetime
import hashlib

import icalendar
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.fetch import fetch

from . import recurrence
from .models import EventException, EventPage, EventStatus

TIMEOUT = 10
MAX_BYTES = 2 * 1024 * 1024
DAYS = {code: number for number, code in enumerate(recurrence.BYDAY)}


def _moment(value):
    """(aware datetime in Berlin, all_day) of a DTSTART/DTEND value."""
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, recurrence.berlin())
        return timezone.localtime(value), False
    return datetime.datetime.combine(value, datetime.time(), recurrence.berlin()), True


def _form_fields(rule):
    """The recurrence form's values for an RRULE, or None when the form cannot say it."""
    rule = {key: list(values) for key, values in rule.items()}
    frequency = rule.pop("FREQ", [""])[0]
    byday = [str(day) for day in rule.pop("BYDAY", [])]
    fields = {"repeat_interval": int(rule.pop("INTERVAL", [1])[0])}
    if "UNTIL" in rule:
        until, _all_day = _moment(rule.pop("UNTIL")[0])
        fields["repeat_until"] = until.date()
    if "COUNT" in rule:
        fields["repeat_count"] = int(rule.pop("COUNT")[0])
    rule.pop("WKST", None)
    if rule or len(byday) > 1:
        return None  # BYMONTH, BYSETPOS, several days …: not what editors can enter
    if frequency == "WEEKLY" and (not byday or byday[0] in DAYS):
        fields.update(repeat=recurrence.WEEKLY)
        if byday:
            fields["repeat_weekday"] = DAYS[byday[0]]
        return fields
    if frequency == "MONTHLY" and byday and byday[0][-2:] in DAYS and byday[0][:-2]:
        nth = int(byday[0][:-2])
        if nth in dict(recurrence.NTH_CHOICES):
            fields.update(
                repeat=recurrence.MONTHLY, repeat_nth=nth, repeat_weekday=DAYS[byday[0][-2:]]
            )
            return fields
    return None


def _values(vevent, warnings):
    start, all_day = _moment(vevent.decoded("DTSTART"))
    values = {
        "title": str(vevent.get("SUMMARY", "")).strip()[:255] or _("Termin"),
        "start": start,
        "all_day": all_day,
        "end": None,
        "place": str(vevent.get("LOCATION", ""))[:200],
        "teaser": str(vevent.get("DESCRIPTION", "")),
        "status": EventStatus.CANCELLED
        if str(vevent.get("STATUS", "")).upper() == "CANCELLED"
        else EventStatus.PLANNED,
        "repeat": recurrence.NONE,
        "repeat_interval": 1,
        "repeat_weekday": None,
        "repeat_nth": None,
        "repeat_until": None,
        "repeat_count": None,
    }
    if "DTEND" in vevent:
        end, _all_day = _moment(vevent.decoded("DTEND"))
        # RFC 5545 ends all-day events at the next day; ours name the last day.
        values["end"] = end - datetime.timedelta(days=1) if all_day else end
        if values["end"] <= start and not all_day:
            values["end"] = None
    if "RRULE" in vevent:
        fields = _form_fields(vevent["RRULE"])
        if fields is None:
            warnings.append(
                _("„%(title)s“: Wiederholung nicht übernommen (%(rule)s), nur der erste Termin.")
                % {"title": values["title"], "rule": vevent["RRULE"].to_ical().decode()}
            )
        else:
            values.update(fields)
    return values


def _exdates(vevent):
    values = vevent.get("EXDATE", [])
    for entry in values if isinstance(values, list) else [values]:
        for moment in entry.dts:
            yield _moment(moment.dt)[0].date()


def import_calendar(index, url, *, allowlist=None, timeout=TIMEOUT, max_bytes=MAX_BYTES):
    """Import *url* into *index*; returns (created, updated, warnings). Raises FetchError."""
    result = fetch(url, timeout=timeout, max_bytes=max_bytes, allowlist=allowlist)
    try:
        calendar = icalendar.Calendar.from_ical(result.content)
    except ValueError as error:
        return 0, 0, [_("Die Datei ist kein gültiger Kalender (%(error)s).") % {"error": error}]
    warnings, events, exceptions = [], {}, {}
    for vevent in calendar.walk("VEVENT"):
        uid = str(vevent.get("UID", ""))
        if not uid or "DTSTART" not in vevent:
            warnings.append(_("Ein Termin ohne UID oder Beginn wurde übersprungen."))
        elif "RECURRENCE-ID" in vevent:
            if str(vevent.get("STATUS", "")).upper() == "CANCELLED":
                day = _moment(vevent.decoded("RECURRENCE-ID"))[0].date()
                exceptions.setdefault(uid, set()).add((day, EventException.CANCELLED))
        else:
            events[uid] = _values(vevent, warnings)
            omitted = {(day, EventException.OMITTED) for day in _exdates(vevent)}
            exceptions.setdefault(uid, set()).update(omitted)
    created = updated = 0
    for uid, values in events.items():
        page = EventPage.objects.child_of(index).filter(source_uid=uid).first()
        wanted = exceptions.get(uid, set())
        if page is None:
            digest = hashlib.sha256(uid.encode()).hexdigest()[:8]
            page = EventPage(source_uid=uid, slug=f"{slugify(values['title'])[:40]}-{digest}")
            _apply(page, values, wanted)
            index.add_child(instance=page)
            created += 1
        elif _changed(page, values, wanted):
            _apply(page, values, wanted)
            updated += 1
        else:
            continue
        page.save_revision().publish()
    return created, updated, warnings


def _apply(page, values, wanted):
    for name, value in values.items():
        setattr(page, name, value)
    page.exceptions = [EventException(date=day, kind=kind) for day, kind in sorted(wanted)]


def _changed(page, values, wanted):
    have = {(exception.date, exception.kind) for exception in page.exceptions.all()}
    return have != wanted or any(getattr(page, name) != value for name, value in values.items())
