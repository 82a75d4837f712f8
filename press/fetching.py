"""Fetching a feed over HTTP: time-out, size limit, conditional GET."""

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.utils.translation import gettext as _
from urllib3.exceptions import ReadTimeoutError

USER_AGENT = "Chapterhouse-Pressemitteilungen/1.0 (+https://github.com/chapterhouse)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
)
CHUNK_SIZE = 64 * 1024


class FeedError(Exception):
    """A failure of one feed; the message is shown to the regional admin as is."""


@dataclass
class FetchedFeed:
    content: bytes
    etag: str
    last_modified: str
    content_type: str


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
