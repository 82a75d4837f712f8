"""Cleaning the fields of a feed entry: plain text without markup or invisible control
characters, sanitised HTML bodies, and URLs without tracking parameters."""

import html
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import nh3

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
# Rounds of unescape-and-strip for text escaped over and over ("&amp;lt;b&amp;gt;").
MAX_UNESCAPE_ROUNDS = 10
# Bidi overrides and isolates, zero-width characters and marks, the BOM, C0 and C1
# controls: they reorder or hide text ("Trojan source") and never belong in a title.
INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
TRACKING_PARAMETERS = {
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "yclid",
    "_ga",
    "_gl",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "wt_mc",
}


def strip_invisible(text):
    """Without bidi controls, zero-width and control characters; newlines and tabs stay."""
    return INVISIBLE.sub("", unicodedata.normalize("NFC", text or ""))


def clean_text(value):
    """Plain text from a feed field that may carry HTML: no tags, no script content, no
    markup however often it was escaped, no invisible characters, whitespace collapsed."""
    text = value or ""
    for _round in range(MAX_UNESCAPE_ROUNDS):
        cleaned = html.unescape(nh3.clean(html.unescape(text), tags=set(), attributes={}))
        if cleaned == text:
            break
        text = cleaned
    else:
        # Still changing after many rounds: whatever is left must not look like markup.
        text = text.replace("<", "‹").replace(">", "›")
    return re.sub(r"\s+", " ", strip_invisible(text)).strip()


def clean_html(value):
    return nh3.clean(
        strip_invisible(value),
        tags=BODY_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


def _is_tracking(name):
    name = name.lower()
    return name.startswith(("utm_", "pk_", "mtm_")) or name in TRACKING_PARAMETERS


def normalize_url(url):
    """The URL without tracking parameters and fragment-only noise, for de-duplication:
    a link that gains ?utm_source=… is still the same release."""
    parts = urlsplit(url)
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(name)
    ]
    return urlunsplit(
        (
            parts.scheme.lower(),
            parts.netloc.lower(),
            parts.path or "/",
            urlencode(query),
            "" if parts.fragment.lower().startswith(("utm_", "xtor=")) else parts.fragment,
        )
    )


def safe_url(value, base, max_length):
    """An absolute, normalised http(s) URL or "" — never javascript:, data: or similar."""
    value = re.sub(r"\s+", "", strip_invisible(value))
    if not value:
        return ""
    try:
        url = normalize_url(urljoin(base, value))
    except ValueError:  # e.g. an invalid port or IPv6 literal
        return ""
    if urlsplit(url).scheme not in {"http", "https"} or len(url) > max_length:
        return ""
    return url
