"""Import the shared press releases from the publishers' RSS/Atom feeds.

`import_feed(feed)` fetches one feed over HTTP (time-out, size limit, conditional GET),
refuses documents that declare XML entities (billion laughs) *before* feedparser sees
them, parses RSS 2.0 / RSS 1.0 / Atom with feedparser, sanitises every text and HTML field
with nh3 and upserts the entries by (feed, guid) inside one transaction. Whatever goes
wrong is recorded as a readable German message on the feed and logged; it never raises and
never touches the press releases already stored. `import_feeds()` runs all active feeds.
"""

import calendar
import datetime
import hashlib
import html
import logging
import re
import time
import xml.sax
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from xml.parsers import expat

import feedparser
import nh3
import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from urllib3.exceptions import ReadTimeoutError
from wagtail.models import Locale

from .models import PressRelease, PressReleaseFeed

logger = logging.getLogger(__name__)

USER_AGENT = "Chapterhouse-Pressemitteilungen/1.0 (+https://github.com/chapterhouse)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
)
CHUNK_SIZE = 64 * 1024
# Prefix of `last_error` when the feed itself was imported but some entries were not.
PARTIAL_PREFIX = "Teilweise importiert: "

BODY_TAGS = {
    "a",
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
}
URL_SCHEMES = {"http", "https", "mailto"}

_title_max = PressRelease._meta.get_field("title").max_length
_url_max = PressRelease._meta.get_field("source_url").max_length
_guid_max = PressRelease._meta.get_field("guid").max_length


class FeedError(Exception):
    """A failure of one feed; the message is shown to the regional admin as is."""


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


@dataclass
class FetchedFeed:
    content: bytes
    etag: str
    last_modified: str
    content_type: str


# --- Fetching ------------------------------------------------------------------------------


def _host(url):
    return urlsplit(url).netloc or url


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").replace(",0", "")


def _status_message(status):
    if status == 404:
        reason = _("die Adresse gibt es dort nicht (mehr)")
    elif status == 410:
        reason = _("der Feed wurde entfernt")
    elif status in (401, 403):
        reason = _("der Zugriff wird verweigert")
    elif status == 429:
        reason = _("zu viele Anfragen, der Server bittet um Geduld")
    elif status >= 500:
        reason = _("Fehler auf dem Server des Anbieters")
    else:
        reason = _("die Anfrage wurde abgelehnt")
    return _("Der Server antwortete mit HTTP-Status %(status)d: %(reason)s.") % {
        "status": status,
        "reason": reason,
    }


def _timeout_message(url, timeout):
    return _(
        "Der Server %(host)s hat nicht innerhalb von %(seconds)s Sekunden geantwortet "
        "(Zeitüberschreitung)."
    ) % {"host": _host(url), "seconds": f"{timeout:g}".replace(".", ",")}


def _oversize_message(max_bytes):
    return _(
        "Der Feed ist größer als %(limit)s MB; der Abruf wurde abgebrochen, "
        "damit der Server nicht überlastet wird."
    ) % {"limit": _megabytes(max_bytes)}


def fetch_feed(feed, *, timeout, max_bytes):
    """GET the feed; None when the server answers 304 Not Modified. Raises FeedError."""
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    # A server dripping one byte at a time never trips the read time-out; this does.
    deadline = time.monotonic() + 3 * timeout
    try:
        with requests.get(
            feed.url, headers=headers, timeout=timeout, stream=True, allow_redirects=True
        ) as response:
            if response.status_code == 304:
                return None
            if response.status_code >= 400:
                raise FeedError(_status_message(response.status_code))
            if response.status_code != 200:
                raise FeedError(
                    _("Der Server antwortete mit HTTP-Status %(status)d statt mit einem Feed.")
                    % {"status": response.status_code}
                )
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FeedError(_oversize_message(max_bytes))
            chunks, size = [], 0
            for chunk in response.iter_content(CHUNK_SIZE):
                size += len(chunk)
                if size > max_bytes:
                    raise FeedError(_oversize_message(max_bytes))
                if time.monotonic() > deadline:
                    raise FeedError(_timeout_message(feed.url, timeout))
                chunks.append(chunk)
            return FetchedFeed(
                content=b"".join(chunks),
                etag=response.headers.get("ETag", "")[:255],
                last_modified=response.headers.get("Last-Modified", "")[:255],
                content_type=response.headers.get("Content-Type", ""),
            )
    except requests.exceptions.Timeout as exc:
        raise FeedError(_timeout_message(feed.url, timeout)) from exc
    except requests.exceptions.TooManyRedirects as exc:
        raise FeedError(_("Die Feed-Adresse leitet endlos weiter.")) from exc
    except (
        requests.exceptions.MissingSchema,
        requests.exceptions.InvalidSchema,
        requests.exceptions.InvalidURL,
    ) as exc:
        raise FeedError(
            _(
                "Die Feed-Adresse „%(url)s“ ist ungültig; "
                "sie muss mit http:// oder https:// beginnen."
            )
            % {"url": feed.url}
        ) from exc
    except requests.exceptions.ConnectionError as exc:
        # A stall in the middle of the body surfaces as ConnectionError(ReadTimeoutError).
        if exc.args and isinstance(exc.args[0], ReadTimeoutError):
            raise FeedError(_timeout_message(feed.url, timeout)) from exc
        text = str(exc)
        if "refused" in text.lower():
            reason = _("die Verbindung wurde abgelehnt")
        elif "resolve" in text.lower() or "name or service not known" in text.lower():
            reason = _("der Servername ist unbekannt")
        else:
            reason = _("die Verbindung ist fehlgeschlagen")
        raise FeedError(
            _("Der Server %(host)s ist nicht erreichbar: %(reason)s.")
            % {"host": _host(feed.url), "reason": reason}
        ) from exc
    except requests.exceptions.RequestException as exc:
        raise FeedError(
            _("Der Feed konnte nicht abgerufen werden (%(type)s).") % {"type": type(exc).__name__}
        ) from exc


# --- Parsing -------------------------------------------------------------------------------

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.I | re.S)


def _refuse_html(fetched):
    if "html" in fetched.content_type.lower() and "xml" not in fetched.content_type.lower():
        looks_like_html = True
    else:
        looks_like_html = bool(_HTML_START.match(fetched.content[:4096].lstrip(b"\xef\xbb\xbf")))
    if looks_like_html:
        raise FeedError(
            _(
                "Unter der Adresse liegt eine HTML-Seite, kein RSS- oder Atom-Feed. "
                "Bitte die Adresse des Feeds selbst eintragen."
            )
        )


_DECLARED_ENCODING = re.compile(rb"^(\xef\xbb\xbf)?\s*<\?xml[^>]*encoding\s*=", re.I)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def _expat_encoding(content, content_type):
    """The HTTP charset, for documents that do not declare their own encoding."""
    match = _CHARSET.search(content_type or "")
    if (
        not match
        or _DECLARED_ENCODING.match(content[:512])
        or content[:2] in (b"\xff\xfe", b"\xfe\xff")
    ):
        return None
    return match.group(1)


def ensure_safe_xml(content, content_type=""):
    """Check the document with expat before feedparser sees it.

    Any entity declaration (the billion-laughs bomb, external entities) is refused as soon
    as expat reads it, before anything is expanded; so is a document that is not
    well-formed XML (truncated downloads, broken feeds).
    """

    def refuse_entities(*args):
        raise FeedError(
            _(
                "Der Feed deklariert eigene XML-Entitäten (DTD). Solche Dokumente werden aus "
                "Sicherheitsgründen nicht verarbeitet (Schutz vor „Entity-Bomben“)."
            )
        )

    def parse(encoding):
        parser = expat.ParserCreate(encoding)
        parser.EntityDeclHandler = refuse_entities
        parser.UnparsedEntityDeclHandler = refuse_entities
        parser.ExternalEntityRefHandler = refuse_entities
        parser.Parse(content, True)

    try:
        try:
            parse(_expat_encoding(content, content_type))
        except LookupError:  # a charset Python does not know: let the document decide
            parse(None)
    except expat.ExpatError as exc:
        raise FeedError(
            _(
                "Der Feed ist kein gültiges XML (Zeile %(line)d, Spalte %(column)d: "
                "%(reason)s). Vielleicht wurde er unvollständig übertragen."
            )
            % {
                "line": exc.lineno,
                "column": exc.offset + 1,
                "reason": expat.ErrorString(exc.code),
            }
        ) from exc


def parse_feed(fetched):
    _refuse_html(fetched)
    ensure_safe_xml(fetched.content, fetched.content_type)
    parsed = feedparser.parse(
        fetched.content,
        response_headers={"content-type": fetched.content_type or "application/xml"},
        sanitize_html=True,
        resolve_relative_uris=False,
    )
    if parsed.get("bozo") and isinstance(parsed.get("bozo_exception"), xml.sax.SAXException):
        raise FeedError(_("Der Feed ist kein gültiges XML."))
    if not parsed.get("version"):
        raise FeedError(
            _(
                "Die Adresse liefert XML, aber keinen RSS- oder Atom-Feed. "
                "Bitte die Adresse des Feeds prüfen."
            )
        )
    return parsed


# --- Cleaning ------------------------------------------------------------------------------


def clean_text(value):
    """Plain text from a feed field that may carry HTML: no tags, no script content."""
    # Unescape first as well: a title like "&lt;script&gt;…" must not come back as markup text.
    text = html.unescape(nh3.clean(html.unescape(value or ""), tags=set(), attributes={}))
    return re.sub(r"\s+", " ", text).strip()


def clean_html(value):
    return nh3.clean(
        value or "",
        tags=BODY_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


def safe_url(value, base):
    """An absolute http(s) URL or "" — never javascript:, data: or similar."""
    value = (value or "").strip()
    if not value:
        return ""
    url = urljoin(base, value)
    if urlsplit(url).scheme.lower() not in {"http", "https"} or len(url) > _url_max:
        return ""
    return url


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
    feed_link = safe_url(parsed.feed.get("link"), feed.url) or feed.url
    for position, entry in enumerate(parsed.entries, 1):
        link = safe_url(entry.get("link"), feed.url)
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
        changed = [name for name, value in values.items() if getattr(release, name) != value]
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
            keep = feed.last_error if feed.last_error.startswith(PARTIAL_PREFIX) else ""
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
                    last_error=(PARTIAL_PREFIX + " ".join(result.warnings))
                    if result.warnings
                    else "",
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
        _record(feed, last_checked_at=now, last_error=result.error)
        logger.warning("Press-release feed %s (%s): %s", feed.name, feed.url, result.error)
    else:
        logger.info("%s", result.summary())
    return result


def import_feeds(feeds=None, **kwargs):
    """Import every active feed (or the given ones), each on its own."""
    if feeds is None:
        feeds = PressReleaseFeed.objects.filter(active=True).order_by("name")
    return [import_feed(feed, **kwargs) for feed in feeds]
