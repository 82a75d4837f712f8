"""Reading a fetched feed safely (no XML entities, no HTML pages) and cleaning its fields."""

import html
import re
import xml.sax
from urllib.parse import urljoin, urlsplit
from xml.parsers import expat

import feedparser
import nh3
from django.utils.translation import gettext as _

from .fetching import FeedError

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


def safe_url(value, base, max_length):
    """An absolute http(s) URL or "" — never javascript:, data: or similar."""
    value = (value or "").strip()
    if not value:
        return ""
    url = urljoin(base, value)
    if urlsplit(url).scheme.lower() not in {"http", "https"} or len(url) > max_length:
        return ""
    return url
