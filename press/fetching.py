"""Fetching a feed through core.fetch: address policy, one overall deadline, size limit,
conditional GET. Every failure becomes a FeedError with a German message for editors."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.fetch import FetchError, FetchRefused, fetch

ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
)


class FeedError(Exception):
    """A failure of one feed; the message is shown to the regional admin as is."""


@dataclass
class FetchedFeed:
    content: bytes
    etag: str
    last_modified: str
    content_type: str  # with the charset parameter, as feedparser wants it


def fetch_feed(feed, *, timeout, max_bytes):
    """GET the feed; None when the server answers 304 Not Modified. Raises FeedError."""
    headers = {"Accept": ACCEPT}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        result = fetch(feed.url, timeout=timeout, max_bytes=max_bytes, headers=headers)
    except FetchRefused as exc:
        raise FeedError(
            _("Der Feed wurde nicht abgerufen: %(reason)s") % {"reason": str(exc)}
        ) from exc
    except FetchError as exc:
        raise FeedError(str(exc)) from exc
    if result.status == 304:
        return None
    if result.status != 200:
        raise FeedError(
            _("Der Server antwortete mit HTTP-Status %(status)d statt mit einem Feed.")
            % {"status": result.status}
        )
    content_type = result.content_type
    if content_type and result.charset:
        content_type += f"; charset={result.charset}"
    return FetchedFeed(
        content=result.content,
        etag=result.headers.get("etag", "")[:255],
        last_modified=result.headers.get("last-modified", "")[:255],
        content_type=content_type,
    )
