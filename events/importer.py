"""Import the calendar subscriptions (.ics by URL) into their "Termine" pages.

`import_subscription(subscription)` fetches through core.fetch (deadline, size limit
CALENDAR_MAX_BYTES, address policy), refuses files that are not UTF-8 or are cut off,
parses with icalendar, cleans every text with nh3 (press.cleaning) and upserts one EventPage
per UID inside one transaction, published only when something changed. Events without UID
get a stable one derived from start and title; a rule the recurrence form cannot say is
imported as its first date with a note; times in other zones (or floating) become
Europe/Berlin; all-day events stay all-day. Whatever goes wrong is recorded as a German
message on the subscription; it never raises and never changes the stored events.
`import_subscriptions()` runs all active subscriptions, each on its own.
"""

import datetime
import hashlib
import logging
import re
from dataclasses import dataclass, field

import icalendar
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.fetch import FetchError, fetch
from press.cleaning import clean_text

from . import recurrence
from .models import CalendarSubscription, EventException, EventPage, EventStatus

logger = logging.getLogger(__name__)
TIMEOUT = 10
END = re.compile(r"^END:VCALENDAR\s*$", re.IGNORECASE | re.MULTILINE)
DAYS = {code: number for number, code in enumerate(recurrence.BYDAY)}
_uid_max = EventPage._meta.get_field("source_uid").max_length


class CalendarError(Exception):
    """A calendar that cannot be imported; the message is German, for editors."""


@dataclass
class ImportResult:
    subscription: CalendarSubscription
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    error: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self):
        return not self.error

    def summary(self):
        """One German line for the command output and the admin message."""
        name = self.subscription.name
        if self.error:
            return _("%(name)s: FEHLER – %(error)s") % {"name": name, "error": self.error}
        text = _(
            "%(name)s: %(created)d neu, %(updated)d aktualisiert, %(unchanged)d unverändert"
        ) % {
            "name": name,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.warnings:
            text += " – " + _("Hinweise: %(warnings)s") % {"warnings": " ".join(self.warnings)}
        return text


# --- Reading -------------------------------------------------------------------------------


def read_calendar(content):
    """The parsed calendar of a fetched body, or CalendarError."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CalendarError(
            _("Die Datei ist nicht lesbar (keine UTF-8-Kodierung). Ist es wirklich ein Kalender?")
        ) from None
    stripped = text.strip()
    if not stripped.upper().startswith("BEGIN:VCALENDAR"):
        raise CalendarError(_("Die Adresse liefert keinen Kalender (.ics), sondern etwas anderes."))
    # A line after the end (a trailing comment) is fine; no end at all means cut off.
    if not END.search(stripped):
        raise CalendarError(_("Die Kalenderdatei ist unvollständig (abgeschnitten)."))
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except ValueError:
        raise CalendarError(_("Die Kalenderdatei ist beschädigt und nicht lesbar.")) from None
    if not calendars:
        raise CalendarError(_("Die Kalenderdatei enthält keinen Kalender."))
    return calendars[0]


def _moment(value):
    """(aware datetime in Berlin, all_day) of a DTSTART/DTEND value; floating is Berlin."""
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, recurrence.berlin())
        return timezone.localtime(value, recurrence.berlin()), False
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
    if rule or len(byday) > 1 or not 0 < fields["repeat_interval"] < 100:
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
        "title": clean_text(str(vevent.get("SUMMARY", "")))[:255] or _("Termin"),
        "start": start,
        "all_day": all_day,
        "end": None,
        "place": clean_text(str(vevent.get("LOCATION", "")))[:200],
        "teaser": clean_text(str(vevent.get("DESCRIPTION", ""))),
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
        if values["end"] < start or (values["end"] == start and not all_day):
            values["end"] = None
    bad_rules = [error for name, error in getattr(vevent, "errors", []) if name == "RRULE"]
    # An empty "RRULE:" line (Calendar Labs exports) means no repetition.
    fields = _form_fields(vevent["RRULE"]) if vevent.get("RRULE") else {}
    if fields is None or bad_rules:
        rule = vevent["RRULE"].to_ical().decode() if fields is None else bad_rules[0]
        warnings.append(
            _("„%(title)s“: Wiederholung nicht übernommen (%(rule)s), nur der erste Termin.")
            % {"title": values["title"], "rule": rule[:80]}
        )
    else:
        values.update(fields)
    return values


def _exdates(vevent):
    values = vevent.get("EXDATE", [])
    for entry in values if isinstance(values, list) else [values]:
        for moment in entry.dts:
            yield _moment(moment.dt)[0].date()


def _uid(vevent):
    """The event's UID, or one derived from start and title (stable across imports)."""
    uid = clean_text(str(vevent.get("UID", "")))
    if not uid:
        seed = f"{vevent['DTSTART'].to_ical().decode()}|{vevent.get('SUMMARY', '')}"
        return "derived:" + hashlib.sha256(seed.encode()).hexdigest()[:32], True
    if len(uid) > _uid_max:
        uid = "sha256:" + hashlib.sha256(uid.encode()).hexdigest()
    return uid, False


def events_from(calendar):
    """{uid: (values, exceptions)} and German notes about what was left out or changed."""
    warnings, events, exceptions = [], {}, {}
    derived = skipped = 0
    for vevent in calendar.walk("VEVENT"):
        if "DTSTART" not in vevent:
            skipped += 1
            continue
        uid, was_derived = _uid(vevent)
        try:
            if "RECURRENCE-ID" in vevent:
                if str(vevent.get("STATUS", "")).upper() == "CANCELLED":
                    day = _moment(vevent.decoded("RECURRENCE-ID"))[0].date()
                    exceptions.setdefault(uid, set()).add((day, EventException.CANCELLED))
                continue
            if uid in events:
                continue
            events[uid] = _values(vevent, warnings)
            omitted = {(day, EventException.OMITTED) for day in _exdates(vevent)}
            exceptions.setdefault(uid, set()).update(omitted)
        except (ValueError, TypeError, KeyError, AttributeError):
            skipped += 1
            events.pop(uid, None)
            continue
        derived += was_derived
    if derived:
        warnings.append(
            ngettext(
                "%(count)d Termin ohne UID; die Kennung wurde aus Beginn und Titel gebildet.",
                "%(count)d Termine ohne UID; die Kennung wurde aus Beginn und Titel gebildet.",
                derived,
            )
            % {"count": derived}
        )
    if skipped:
        warnings.append(
            ngettext(
                "%(count)d Termin ohne gültigen Beginn wurde übersprungen.",
                "%(count)d Termine ohne gültigen Beginn wurden übersprungen.",
                skipped,
            )
            % {"count": skipped}
        )
    return {uid: (values, exceptions.get(uid, set())) for uid, values in events.items()}, warnings


# --- Storing -------------------------------------------------------------------------------


def _apply(page, values, wanted):
    for name, value in values.items():
        setattr(page, name, value)
    page.exceptions = [EventException(date=day, kind=kind) for day, kind in sorted(wanted)]


def _changed(page, values, wanted):
    have = {(exception.date, exception.kind) for exception in page.exceptions.all()}
    return have != wanted or any(getattr(page, name) != value for name, value in values.items())


def store(index, events, result):
    """Upsert the events under *index* by UID; counts go to *result*."""
    existing = {
        page.source_uid: page
        for page in EventPage.objects.child_of(index).filter(source_uid__in=list(events))
    }
    for uid, (values, wanted) in events.items():
        page = existing.get(uid)
        if page is None:
            digest = hashlib.sha256(uid.encode()).hexdigest()[:8]
            slug = f"{slugify(values['title'])[:40] or 'termin'}-{digest}"
            page = EventPage(source_uid=uid, slug=slug)
            _apply(page, values, wanted)
            index.add_child(instance=page)
            result.created += 1
        elif _changed(page, values, wanted):
            _apply(page, values, wanted)
            result.updated += 1
        else:
            result.unchanged += 1
            continue
        page.save_revision().publish()


def _record(subscription, **fields):
    for name, value in fields.items():
        setattr(subscription, name, value)
    CalendarSubscription.objects.filter(pk=subscription.pk).update(**fields)


def import_subscription(subscription, *, timeout=None, max_bytes=None):
    """Fetch and store one calendar. Never raises; the outcome is recorded and returned."""
    timeout = timeout or TIMEOUT
    max_bytes = max_bytes or settings.CALENDAR_MAX_BYTES
    result = ImportResult(subscription=subscription)
    now = timezone.now()
    try:
        fetched = fetch(subscription.url, timeout=timeout, max_bytes=max_bytes)
        events, result.warnings = events_from(read_calendar(fetched.content))
        with transaction.atomic():
            CalendarSubscription.objects.select_for_update().filter(pk=subscription.pk).exists()
            store(subscription.target.specific, events, result)
            _record(
                subscription,
                last_checked_at=now,
                last_success_at=now,
                last_error=" ".join(result.warnings),
                last_created=result.created,
                last_updated=result.updated,
                last_unchanged=result.unchanged,
            )
    except (FetchError, CalendarError) as exc:
        result.error = str(exc)
    except Exception as exc:
        # One broken calendar must never stop the others; the traceback goes to the log.
        logger.exception("Import of calendar %s (%s) failed", subscription.name, subscription.url)
        result.error = _(
            "Unerwarteter Fehler beim Import (%(type)s). Einzelheiten stehen im Server-Protokoll."
        ) % {"type": type(exc).__name__}
    if result.error:
        result.created = result.updated = result.unchanged = 0
        _record(subscription, last_checked_at=now, last_error=result.error)
        logger.warning("Calendar %s (%s): %s", subscription.name, subscription.url, result.error)
    return result


def import_subscriptions(subscriptions=None, **kwargs):
    """Import every active subscription (or the given ones), each on its own."""
    if subscriptions is None:
        subscriptions = CalendarSubscription.objects.filter(active=True).order_by("name")
    return [import_subscription(subscription, **kwargs) for subscription in subscriptions]
