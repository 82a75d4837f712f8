"""Reading a fetched feed safely: no XML entity declarations, no HTML pages."""

import contextlib
import re
import xml.sax
from xml.parsers import expat

import feedparser
from django.utils.translation import gettext as _
from feedparser.encodings import convert_to_utf8
from feedparser.exceptions import CharacterEncodingUnknown
from feedparser.util import FeedParserDict

from .fetching import FeedError

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.I | re.S)
_XML_TYPES = ("xml", "rss", "atom", "rdf")


def _refuse_html(fetched):
    """An HTML page is refused by what it contains, not by its Content-Type: many servers
    send real feeds as text/html."""
    if _HTML_START.match(fetched.content[:4096].lstrip(b"\xef\xbb\xbf")):
        raise FeedError(
            _(
                "Unter der Adresse liegt eine HTML-Seite, kein RSS- oder Atom-Feed. "
                "Bitte die Adresse des Feeds selbst eintragen."
            )
        )


def feed_content_type(content_type):
    """The Content-Type to hand to feedparser: a feed served as text/html or text/plain is
    read as XML (keeping its charset), so that its own declaration counts."""
    media_type, _sep, parameters = (content_type or "").partition(";")
    if any(marker in media_type.lower() for marker in _XML_TYPES):
        return content_type
    return "application/xml" + (f";{parameters}" if parameters.strip() else "")


_SPACE = b" \t\r\n\x00\xef\xbb\xbf"
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY|\[)", re.I)


def _refuse_entities():
    raise FeedError(
        _(
            "Der Feed deklariert eigene XML-Entitäten (DTD). Solche Dokumente werden aus "
            "Sicherheitsgründen nicht verarbeitet (Schutz vor „Entity-Bomben“)."
        )
    )


def _prolog(data):
    """Everything before the root element, read the way an XML parser reads it: comments
    and processing instructions are skipped whole (an "<a>" inside a comment is no
    element), a DOCTYPE up to its end, internal subset included."""
    position = 0
    while True:
        while position < len(data) and data[position] in _SPACE:
            position += 1
        if data.startswith(b"<?", position):
            end, width = data.find(b"?>", position), 2
        elif data.startswith(b"<!--", position):
            end, width = data.find(b"-->", position + 4), 3
        elif data.startswith(b"<!", position):
            subset = data.find(b"[", position)
            close = data.find(b">", position)
            if 0 <= subset < close:
                end, width = data.find(b"]", subset), 1
                end = data.find(b">", end) if end >= 0 else -1
            else:
                end, width = close, 1
        else:
            return data[:position]
        if end < 0:
            return data  # never closed: the whole document is prolog
        position = end + width


def ensure_safe_xml(content, content_type=""):
    """Refuse entity declarations (billion laughs, external entities) before anything reads
    the document. The check sees the document as feedparser will, decoded to UTF-8 by
    feedparser's own rules, so no encoding (UTF-16, Big5, …) hides a declaration: any
    internal DTD subset or ENTITY in the prolog is refused, and expat reads the prolog
    with a stand-in root element to refuse at the first declaration it finds. A public
    DOCTYPE alone is harmless (nothing external is loaded). Well-formedness is left to
    feedparser. Returns the document as UTF-8."""
    utf8 = convert_to_utf8(
        {"content-type": feed_content_type(content_type)},
        content,
        FeedParserDict(bozo=False),
    )
    for text in (utf8, utf8.replace(b"\x00", b"")):  # also UTF-16 read as UTF-8
        prolog = _prolog(text)
        for match in _DECLARATION.finditer(prolog):
            declaration = prolog[match.start() :].split(b">", 1)[0]
            if match.group(1).upper() != b"DOCTYPE" or b"[" in declaration:
                _refuse_entities()
    parser = expat.ParserCreate("utf-8")
    parser.EntityDeclHandler = lambda *args: _refuse_entities()
    parser.UnparsedEntityDeclHandler = lambda *args: _refuse_entities()
    parser.ExternalEntityRefHandler = lambda *args: _refuse_entities()
    with contextlib.suppress(expat.ExpatError):  # not well-formed: feedparser's business
        parser.Parse(_prolog(utf8) + b"<root/>", True)
    return utf8


def _unreadable_reason(parsed):
    error = parsed.get("bozo_exception")
    if isinstance(error, xml.sax.SAXParseException):
        return _("kein gültiges XML (Zeile %(line)s, Spalte %(column)s: %(reason)s)") % {
            "line": error.getLineNumber(),
            "column": error.getColumnNumber(),
            "reason": error.getMessage(),
        }
    if isinstance(error, CharacterEncodingUnknown):
        return _("die Zeichenkodierung ist unbekannt")
    return _("das Dokument ist leer oder unlesbar")


def parse_feed(fetched):
    """The parsed feed and German notes; FeedError when it is no readable feed."""
    _refuse_html(fetched)
    utf8 = ensure_safe_xml(fetched.content, fetched.content_type)
    parsed = feedparser.parse(
        fetched.content,
        response_headers={"content-type": feed_content_type(fetched.content_type)},
        sanitize_html=True,
        resolve_relative_uris=False,
    )
    if not parsed.get("version"):
        if parsed.get("bozo") and not parsed.get("entries"):
            raise FeedError(
                _("Der Feed konnte nicht gelesen werden: %(reason)s.")
                % {"reason": _unreadable_reason(parsed)}
            )
        raise FeedError(
            _(
                "Die Adresse liefert XML, aber keinen RSS- oder Atom-Feed. "
                "Bitte die Adresse des Feeds prüfen."
            )
        )
    if _truncated(utf8):
        raise FeedError(
            _(
                "Der Feed ist kein gültiges XML: er endet mitten im Dokument. "
                "Vielleicht wurde er unvollständig übertragen."
            )
        )
    return parsed


# Named entity references other than XML's own: feedparser reads them (&auml;, &nbsp;),
# expat would stop there; for the cut-off check they stand in as "&amp;".
_NAMED_ENTITY = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos);)[A-Za-z][\w.-]*;")
_CUT_OFF = {
    expat.errors.codes[message]
    for message in (
        expat.errors.XML_ERROR_NO_ELEMENTS,
        expat.errors.XML_ERROR_UNCLOSED_TOKEN,
        expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
        expat.errors.XML_ERROR_PARTIAL_CHAR,
    )
}


def _truncated(utf8):
    """A document that ends in the middle (an interrupted download, a full disk on the
    publisher's side): importing what came before would overwrite stored releases with
    half entries."""
    parser = expat.ParserCreate("utf-8")
    try:
        parser.Parse(_NAMED_ENTITY.sub(b"&amp;", utf8), True)
    except expat.ExpatError as error:
        return error.code in _CUT_OFF
    return False
