"""Import the shared press releases from the publishers' RSS/Atom feeds.

`import_feed(feed)` fetches one feed over HTTP (time-out, size limit, conditional GET),
refuses documents that declare XML entities (billion laughs) *before* feedparser sees
them, parses RSS 2.0 / RSS 1.0 / Atom with feedparser, sanitises every text and HTML field
with nh3 and upserts the entries by (feed, guid) inside one transaction. Whatever goes
wrong is recorded as a readable German message on the feed and logged; it never raises and
never touches the press releases already stored. Fields an editor changed in the admin
(`PressRelease.locked_fields`) are not overwritten; dates far in the future are capped; a
feed whose entries mostly exist under another feed is refused. `import_feeds()` runs all
active feeds, each on its own within its own deadline.
"""

import calendar
import datetime
import hashlib
import logging
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Locale

from .cleaning import clean_html, clean_text, safe_url
from .fetching import FeedError, fetch_feed
from .models import PressRelease, PressReleaseFeed
from .parsing import parse_feed

logger = logging.getLogger(__name__)


_title_max = PressRelease._meta.get_field("title").max_length
_url_max = PressRelease._meta.get_field("source_url").max_length
_guid_max = PressRelease._meta.get_field("guid").max_length


@dataclass
class ImportResult:
    feed: PressReleaseFeed
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_modified: bool = False
    error: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self):
        return not self.error

    def summary(self):
        """One German line for the command output and the admin message."""
        if self.error:
            return _("%(name)s: FEHLER – %(error)s") % {"name": self.feed.name, "error": self.error}
        if self.not_modified:
            text = _("%(name)s: unverändert (der Server meldet keine Änderung, HTTP 304)") % {
                "name": self.feed.name
            }
        else:
            text = _(
                "%(name)s: %(created)d neu, %(updated)d aktualisiert, %(unchanged)d unverändert"
            ) % {
                "name": self.feed.name,
                "created": self.created,
                "updated": self.updated,
                "unchanged": self.unchanged,
            }
        if self.warnings:
            text += " – " + _("Hinweise: %(warnings)s") % {"warnings": " ".join(self.warnings)}
        return text


def _guid_for(entry, link):
    guid = (entry.get("id") or "").strip() or link
    if len(guid) > _guid_max:
        guid = "sha256:" + hashlib.sha256(guid.encode()).hexdigest()
    return guid


def _published_at(entry):
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime.datetime.fromtimestamp(calendar.timegm(value), tz=datetime.UTC)
    return None


def _truncate(text, length):
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _entry_label(position, entry):
    title = clean_text(entry.get("title"))
    if title:
        return f"„{_truncate(title, 60)}“"
    return _("Nr. %(position)d") % {"position": position}


def entries_from(parsed, feed):
    """Cleaned field dicts keyed by guid, plus German notes about skipped entries."""
    warnings, entries = [], {}
    without_date = 0
    feed_link = safe_url(parsed.feed.get("link"), feed.url, _url_max) or feed.url
    for position, entry in enumerate(parsed.entries, 1):
        link = safe_url(entry.get("link"), feed.url, _url_max)
        guid = _guid_for(entry, link)
        title = clean_text(entry.get("title"))
        if not title:
            warnings.append(
                _("Eintrag %(entry)s hat keinen Titel und wurde übersprungen.")
                % {"entry": guid or _entry_label(position, entry)}
            )
            continue
        if not guid:
            warnings.append(
                _("Eintrag %(entry)s hat weder Kennung noch Link und wurde übersprungen.")
                % {"entry": _entry_label(position, entry)}
            )
            continue
        if guid in entries:
            warnings.append(
                _(
                    "Die Kennung %(guid)s kommt mehrfach vor; "
                    "nur der erste Eintrag wurde übernommen."
                )
                % {"guid": guid}
            )
            continue
        content = entry.get("content") or []
        body_html = content[0].get("value", "") if content else ""
        summary = entry.get("summary", "")
        if summary == body_html:
            summary = ""
        teaser = clean_text(summary) or _truncate(clean_text(body_html), 600)
        published_at = _published_at(entry)
        if published_at is None:
            without_date += 1
        entries[guid] = {
            "title": _truncate(title, _title_max),
            "teaser": teaser,
            "body": clean_html(body_html),
            "source_url": link or feed_link,
            "source_name": feed.name[:100],
            "published_at": published_at,
        }
    if without_date:
        warnings.append(
            ngettext(
                "%(count)d Eintrag ohne Datum; dafür gilt der Zeitpunkt des ersten Imports.",
                "%(count)d Einträge ohne Datum; dafür gilt der Zeitpunkt des ersten Imports.",
                without_date,
            )
            % {"count": without_date}
        )
    return entries, warnings


def cap_future_dates(entries, now):
    """Dates more than a day ahead (time zone mix-ups, typos) become the import time, so
    a release cannot stick to the top of every list; German notes for the feed."""
    limit = now + datetime.timedelta(days=1)
    capped = [guid for guid, values in entries.items() if (values["published_at"] or now) > limit]
    for guid in capped:
        # None: a new release gets the import time, a stored one keeps its date.
        entries[guid]["published_at"] = None
    if not capped:
        return []
    return [
        ngettext(
            "%(count)d Eintrag war mehr als einen Tag in die Zukunft datiert; "
            "dafür gilt der Zeitpunkt des Imports.",
            "%(count)d Einträge waren mehr als einen Tag in die Zukunft datiert; "
            "dafür gilt der Zeitpunkt des Imports.",
            len(capped),
        )
        % {"count": len(capped)}
    ]


def _elsewhere(feed, guids):
    return PressRelease.objects.filter(guid__in=list(guids), feed__isnull=False).exclude(feed=feed)


def refuse_duplicate_feed(feed, entries):
    """The same feed under a second address: most of its entries are already imported from
    another feed. Importing it would show every release twice (and bring back hidden ones)."""
    if not entries:
        return
    counts = Counter(_elsewhere(feed, entries).values_list("feed__name", flat=True))
    if not counts:
        return
    other, count = counts.most_common(1)[0]
    if count * 2 > len(entries):
        raise FeedError(
            _(
                "Dieser Feed scheint derselbe zu sein wie der Feed „%(other)s“: %(count)d von "
                "%(total)d Einträgen sind von dort schon importiert. Es wurde nichts "
                "übernommen; bitte nur einen der beiden Feeds verwenden."
            )
            % {"other": other, "count": count, "total": len(entries)}
        )


def skip_hidden_elsewhere(feed, entries):
    """Entries hidden by an editor under another feed stay hidden: no new copy of them."""
    hidden = set(_elsewhere(feed, entries).filter(hidden=True).values_list("guid", flat=True))
    for guid in hidden:
        del entries[guid]
    if not hidden:
        return []
    return [
        ngettext(
            "%(count)d Eintrag ist unter einem anderen Feed ausgeblendet und wurde nicht "
            "übernommen.",
            "%(count)d Einträge sind unter einem anderen Feed ausgeblendet und wurden nicht "
            "übernommen.",
            len(hidden),
        )
        % {"count": len(hidden)}
    ]


# --- Storing -------------------------------------------------------------------------------


def _upsert(feed, entries, now, result):
    locale = Locale.get_default()
    existing = {
        release.guid: release
        for release in PressRelease.objects.filter(feed=feed, locale=locale, guid__in=entries)
    }
    for guid, values in entries.items():
        release = existing.get(guid)
        if release is None:
            PressRelease.objects.create(
                feed=feed,
                guid=guid,
                locale=locale,
                **{**values, "published_at": values["published_at"] or now},
            )
            result.created += 1
            continue
        if values["published_at"] is None:
            values = {**values, "published_at": release.published_at}
        # What an editor corrected in the admin keeps the editor's version.
        locked = set(release.locked_fields or ())
        changed = [
            name
            for name, value in values.items()
            if name not in locked and getattr(release, name) != value
        ]
        if changed:
            for name in changed:
                setattr(release, name, values[name])
            release.save(update_fields=changed)
            result.updated += 1
        else:
            result.unchanged += 1


def _record(feed, **fields):
    for name, value in fields.items():
        setattr(feed, name, value)
    PressReleaseFeed.objects.filter(pk=feed.pk).update(**fields)


def import_feed(feed, *, timeout=None, max_bytes=None):
    """Fetch and store one feed. Never raises; the outcome is on the feed and returned."""
    timeout = timeout or settings.CHAPTERHOUSE_FEED_TIMEOUT
    max_bytes = max_bytes or settings.CHAPTERHOUSE_FEED_MAX_BYTES
    result = ImportResult(feed=feed)
    now = timezone.now()
    try:
        fetched = fetch_feed(feed, timeout=timeout, max_bytes=max_bytes)
        if fetched is None:
            result.not_modified = True
            result.unchanged = feed.press_releases.filter(locale=Locale.get_default()).count()
            # A 304 changes nothing: the notes of a partial import stay.
            keep = feed.last_error if feed.last_import_partial else ""
            _record(
                feed,
                last_checked_at=now,
                last_success_at=now,
                last_error=keep,
                last_created=0,
                last_updated=0,
                last_unchanged=result.unchanged,
            )
        else:
            parsed = parse_feed(fetched)
            entries, result.warnings = entries_from(parsed, feed)
            result.warnings += cap_future_dates(entries, now)
            refuse_duplicate_feed(feed, entries)
            result.warnings += skip_hidden_elsewhere(feed, entries)
            with transaction.atomic():
                # Two imports of one feed at once (timer and admin button) take turns here
                # on PostgreSQL instead of racing for the same (feed, guid) rows.
                PressReleaseFeed.objects.select_for_update().filter(pk=feed.pk).exists()
                _upsert(feed, entries, now, result)
                _record(
                    feed,
                    etag=fetched.etag,
                    last_modified=fetched.last_modified,
                    last_checked_at=now,
                    last_success_at=now,
                    last_error=" ".join(result.warnings),
                    last_import_partial=bool(result.warnings),
                    last_created=result.created,
                    last_updated=result.updated,
                    last_unchanged=result.unchanged,
                )
    except FeedError as exc:
        result.error = str(exc)
    except Exception as exc:
        # One broken feed must never stop the others; the traceback goes to the log.
        logger.exception("Import of press-release feed %s (%s) failed", feed.name, feed.url)
        result.error = _(
            "Unerwarteter Fehler beim Import (%(type)s). Einzelheiten stehen im Server-Protokoll."
        ) % {"type": type(exc).__name__}
    if result.error:
        result.created = result.updated = result.unchanged = 0
        _record(feed, last_checked_at=now, last_error=result.error, last_import_partial=False)
        logger.warning("Press-release feed %s (%s): %s", feed.name, feed.url, result.error)
    else:
        logger.info("%s", result.summary())
    return result


def import_feeds(feeds=None, **kwargs):
    """Import every active feed (or the given ones), each on its own."""
    if feeds is None:
        feeds = PressReleaseFeed.objects.filter(active=True).order_by("name")
    return [import_feed(feed, **kwargs) for feed in feeds]
