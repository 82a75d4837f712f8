"""Draftail's HTML-to-editor conversion made safe for gunicorn's threads.

Wagtail 8.0's ContentstateConverter keeps one HTMLParser per rich-text widget and reuses
it for every from_database_format() call, and Django copies form widgets shallowly, so all
forms of a model in one process share that parser. Two editors opening an edit view at the
same moment (gthread, GUNICORN_THREADS) interleave their parses: "Unmatched tags" /
"unexpected call to parse_endtag" and a 500 (wagtail/wagtail#14573; found by
tests/config/test_sqlite_concurrency.py). One lock serialises the parse, which is short
and holds the GIL anyway. Drop this once the installed Wagtail parses with a fresh parser
per call.
"""

import functools
import threading

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

_parse_lock = threading.RLock()


def serialise_contentstate_parsing():
    original = ContentstateConverter.from_database_format
    if getattr(original, "chapterhouse_serialised", False):
        return

    @functools.wraps(original)
    def from_database_format(self, html):
        with _parse_lock:
            return original(self, html)

    from_database_format.chapterhouse_serialised = True
    ContentstateConverter.from_database_format = from_database_format
