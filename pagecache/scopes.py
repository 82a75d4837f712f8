"""Which scope a page belongs to (see pagecache/cache.py): the chapter it is in, or REGION.

The chapter page model is named by label (core.chapter), never imported: pagecache sits
below chapters.
"""

from wagtail.models import Page

from core.chapter import ChapterMixin, chapter_model

from .cache import REGION, chapter_scope

SCOPE_ATTRIBUTE = "_page_cache_scope"


def served_scope(page):
    """The scope of a page being served. Uses the page's own `chapter` (which its template
    shows anyway, so no extra query); pages that do not know their chapter are REGION, which
    every page change purges, so that is never wrong, only less warm."""
    chapter = page.chapter if isinstance(page, ChapterMixin) else None
    if chapter is None:
        return REGION
    return chapter_scope(chapter.translation_key)


def chapter_scope_of_path(path):
    """The scope of the chapter whose subtree holds the page at tree *path* (the chapter
    itself included), read fresh from the database; None if no chapter holds it."""
    steplen = Page.steplen
    prefixes = [path[: steplen * depth] for depth in range(1, len(path) // steplen + 1)]
    key = (
        chapter_model()
        .objects.filter(path__in=prefixes)
        .values_list("translation_key", flat=True)
        .first()
    )
    return None if key is None else chapter_scope(key)


_dependents = []


def register_dependent_chapters(func):
    """*func(paths)* returns the translation keys of chapters whose pages also show the pages
    at tree *paths* (an article shared with them): a change purges those chapters too."""
    _dependents.append(func)
    return func


def changed_scopes(*paths):
    """The scopes to purge when the pages at tree *paths* change (a move names the old and
    the new place): their chapters and REGION. None - purge everything - when one of them is
    outside every chapter (the regional home and its pages show on more than their scope)."""
    scopes = {REGION}
    for path in paths:
        scope = chapter_scope_of_path(path)
        if scope is None:
            return None
        scopes.add(scope)
    for func in _dependents:
        scopes.update(chapter_scope(key) for key in func(paths))
    return scopes


_page_scopes = []


def register_page_scopes(func):
    """*func(page)* returns scopes of the app's own (besides the chapters') that a change
    to *page* purges: fragments kept under them outlive the other changes in a chapter."""
    _page_scopes.append(func)
    return func


def scopes_of_page(page):
    if page is None:
        return set()
    return {scope for func in _page_scopes for scope in func(page)}
