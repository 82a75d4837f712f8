"""The small recurrence form of an event, turned into an RFC 5545 RRULE (and back checked
with dateutil), so editors never type a rule by hand."""

import datetime
import zoneinfo

from dateutil import rrule as dateutil_rrule
from django.conf import settings
from django.utils.translation import gettext_lazy as _

NONE, WEEKLY, MONTHLY = "", "weekly", "monthly"
FREQUENCY_CHOICES = [
    (NONE, _("Einmalig")),
    (WEEKLY, _("Wöchentlich")),
    (MONTHLY, _("Monatlich an einem Wochentag (z. B. jeden ersten Dienstag)")),
]
WEEKDAY_CHOICES = [
    (0, _("Montag")),
    (1, _("Dienstag")),
    (2, _("Mittwoch")),
    (3, _("Donnerstag")),
    (4, _("Freitag")),
    (5, _("Samstag")),
    (6, _("Sonntag")),
]
NTH_CHOICES = [
    (1, _("ersten")),
    (2, _("zweiten")),
    (3, _("dritten")),
    (4, _("vierten")),
    (-1, _("letzten")),
]
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def berlin():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def build_rule(frequency, interval, weekday, nth, until, count):
    """The RRULE (without "RRULE:") for the form's values, or "" for a one-off event.
    *until* is a date (inclusive, Berlin), written as UTC as RFC 5545 requires."""
    if frequency == NONE:
        return ""
    parts = [f"FREQ={'WEEKLY' if frequency == WEEKLY else 'MONTHLY'}"]
    if interval and interval > 1:
        parts.append(f"INTERVAL={interval}")
    day = BYDAY[weekday]
    parts.append(f"BYDAY={nth}{day}" if frequency == MONTHLY else f"BYDAY={day}")
    if until:
        last_moment = datetime.datetime.combine(until, datetime.time(23, 59, 59), berlin())
        utc = last_moment.astimezone(datetime.UTC)
        parts.append(f"UNTIL={utc:%Y%m%dT%H%M%SZ}")
    elif count:
        parts.append(f"COUNT={count}")
    return ";".join(parts)


def parse_rule(rule, dtstart):
    """dateutil's rule for *rule* starting at *dtstart* (aware, Berlin wall time)."""
    return dateutil_rrule.rrulestr(rule, dtstart=dtstart)


def check_rule(rule, dtstart):
    """A list of German error messages (empty when dateutil accepts the rule)."""
    try:
        parse_rule(rule, dtstart)
    except (ValueError, TypeError) as error:
        return [_("Die Wiederholung ist ungültig (%(error)s).") % {"error": error}]
    return []


def describe(frequency, interval, weekday, nth, until, count):
    """The rule in German words, e.g. "jeden ersten Dienstag im Monat" ("" for one-offs)."""
    if frequency == NONE:
        return ""
    day = dict(WEEKDAY_CHOICES)[weekday]
    if frequency == WEEKLY:
        if interval > 1:
            text = _("alle %(n)s Wochen am %(day)s") % {"n": interval, "day": day}
        else:
            text = _("jeden %(day)s") % {"day": day}
    else:
        which = dict(NTH_CHOICES)[nth]
        if interval > 1:
            text = _("alle %(n)s Monate am %(nth)s %(day)s") % {
                "n": interval,
                "nth": which,
                "day": day,
            }
        else:
            text = _("jeden %(nth)s %(day)s im Monat") % {"nth": which, "day": day}
    if until:
        text += " " + _("bis %(date)s") % {"date": until.strftime("%d.%m.%Y")}
    elif count:
        text += " " + _("(%(count)s Termine)") % {"count": count}
    return text
