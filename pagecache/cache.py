"""The anonymous page cache and the cached sidebar fragments.

Whole responses to anonymous GET/HEAD requests are kept in the default cache, keyed by
host, path, query string and language. Every entry also carries the *generation* current
when its rendering began: a random token that changes whenever something a public page can
show changes (a page is published, unpublished, moved or deleted; a press release, banner,
category or the platform settings change; a feed import changed rows), and an entry is
served only while its token is the current one. Changing the token makes every old entry
stale at once; the entries themselves are replaced by the next rendering or expire by their
time-out. (Fragments carry the generation in their keys.)

Why a generation and not deleting the affected keys one by one: what a change touches
cannot be listed. An article shows on its own page, on every page of its news index
(pagination shifts by one), on the filtered indexes, in the chapter home, on the regional
home, in search results, feeds and the sitemap; its title appears in menus; press releases
and banners appear on every page of every host. Tracking that per response would cost
more than re-rendering each page once after a publish. The purge itself is one cache
write, works the same with Redis for several app servers, and cannot forget a page.

The generation lives in the "default" cache alias (Redis in production) so that every
worker process sees a purge at once. A locmem cache is per process: with several worker
processes and no Redis the other processes would keep serving their copies until they
expire, so base.py keeps the generation in files then (token_cache.py, PAGE_CACHE_*).

*Scopes* keep a change from purging what cannot show it. Every cached page is tagged with
the scope of the page it serves: its chapter (all language versions of a chapter share one
scope, named by the chapter's translation key) or REGION for pages outside any chapter and for
views that are not pages (sitemap, robots.txt). Each scope has a generation of its own next
to the global one, and an entry is served only while both are unchanged. A page changing in
chapter A replaces A's generation and REGION's (the regional home, search and archive list
every chapter's articles); chapter B's pages stay warm. Changes to pages outside any chapter
and to shared content (press releases, banners, categories, settings, sites, locales, media)
replace the global generation: everything. Sidebar fragments only use the global one; an
app may name scopes of its own that changes to some page types replace as well
(scopes.register_page_scopes), for fragments that other changes in a chapter leave valid.

Some content switches on and off by time without anybody publishing (a banner's display
window); the app that owns it registers a *time boundary* (register_time_boundary) and no
entry lives past the next one: its expiry is capped at that moment. The expiry is checked
against django.utils.timezone.now(), which tests move forward.
"""

import logging
import threading
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

GENERATION_KEY = "chapterhouse:page-cache:generation"
SCOPE_GENERATION_KEY = "chapterhouse:page-cache:generation:{scope}"
REGION = "region"
BOUNDARY_KEY = "chapterhouse:page-cache:time-boundary:{generation}:{region_generation}"
NO_BOUNDARY = "none"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def generation_cache():
    alias = settings.PAGE_CACHE_GENERATION_ALIAS
    return caches[alias if alias in settings.CACHES else settings.PAGE_CACHE_ALIAS]


def current_generation():
    generation = generation_cache().get(GENERATION_KEY)
    if generation is None:
        generation = _store_new_generation()
    return generation


def _store_new_generation():
    generation = _new_token()
    generation_cache().set(GENERATION_KEY, generation, timeout=None)
    return generation


def _new_token():
    # A random token rather than a counter: two processes purging at the same moment can
    # never write the same value back, so no purge is lost without an atomic increment.
    return uuid.uuid4().hex[:16]


def chapter_scope(translation_key):
    """The scope of every language version of the chapter with this translation key."""
    return f"chapter:{translation_key}"


def scope_generations(*scopes):
    """{scope: generation} for *scopes*, in one cache read (tokens made where missing)."""
    keys = {SCOPE_GENERATION_KEY.format(scope=scope): scope for scope in scopes}
    found = generation_cache().get_many(list(keys))
    result = {keys[key]: value for key, value in found.items()}
    missing = [scope for scope in scopes if scope not in result]
    if missing:
        result.update(_store_new_scope_generations(missing))
    return result


def _store_new_scope_generations(scopes):
    tokens = {scope: _new_token() for scope in scopes}
    generation_cache().set_many(
        {SCOPE_GENERATION_KEY.format(scope=scope): token for scope, token in tokens.items()},
        timeout=None,
    )
    return tokens


def generations_unchanged(generation, scope, scope_generation):
    """Whether the global generation and *scope*'s are still *generation* and
    *scope_generation*: one read of the generation cache (one round trip to Redis) for
    both. A missing token counts as changed."""
    scope_key = SCOPE_GENERATION_KEY.format(scope=scope)
    found = generation_cache().get_many([GENERATION_KEY, scope_key])
    return found.get(GENERATION_KEY) == generation and found.get(scope_key) == scope_generation


class AfterCommitOnce:
    """Run *func* once after the current transaction commits, however often it was asked
    for in it: a feed import saving fifty rows purges once at its end, not fifty times.

    Every request schedules a callback; the first one to run does the work for all that
    were pending in this thread. Requests of a rolled-back transaction stay pending and are
    served by the next commit (one purge too many, never one too few).
    """

    def __init__(self, func):
        self.func = func
        self.local = threading.local()

    def __call__(self):
        self.local.pending = getattr(self.local, "pending", 0) + 1
        transaction.on_commit(self.run)

    def run(self):
        if getattr(self.local, "pending", 0):
            self.local.pending = 0
            self.func()


purge_after_commit = AfterCommitOnce(_store_new_generation)


def purge_page_cache(reason=""):
    """Make every cached page and fragment stale.

    Purges now (so a test transaction or the rest of a request sees it) and again after
    the surrounding transaction commits, so nothing rendered from the old rows in between
    can survive under the new generation.
    """
    logger.debug("page cache purged: %s", reason)
    _store_new_generation()
    purge_after_commit()


class ScopesAfterCommit:
    """Like AfterCommitOnce for scoped purges: the scopes asked for in a transaction are
    collected and each is purged once after it commits."""

    def __init__(self):
        self.local = threading.local()

    def __call__(self, scopes):
        pending = getattr(self.local, "pending", None)
        if pending is None:
            pending = self.local.pending = set()
        pending.update(scopes)
        transaction.on_commit(self.run)

    def run(self):
        pending = getattr(self.local, "pending", None)
        if pending:
            self.local.pending = set()
            _store_new_scope_generations(sorted(pending))


purge_scopes_after_commit = ScopesAfterCommit()


def purge_scopes(scopes, reason=""):
    """Make the cached pages of *scopes* stale (now and after the commit, as above); pages
    of other scopes and the fragments stay."""
    scopes = sorted(set(scopes))
    logger.debug("page cache scopes %s purged: %s", scopes, reason)
    _store_new_scope_generations(scopes)
    purge_scopes_after_commit(scopes)


# --- time boundaries --------------------------------------------------------------------

_time_boundaries = []


def register_time_boundary(func):
    """*func(now)* returns the next moment after *now* at which some public content switches
    on or off by itself (or None). No cached entry lives past the earliest of them."""
    _time_boundaries.append(func)
    return func


def next_time_boundary(generation=None):
    """The earliest registered time boundary, computed once per generation and REGION's
    (every page change renews one of them, a date published in a chapter too) and kept
    until that moment passes."""
    now = timezone.now()
    generation = generation or current_generation()
    region_generation = scope_generations(REGION)[REGION]
    key = BOUNDARY_KEY.format(generation=generation, region_generation=region_generation)
    cached = page_cache().get(key)
    if cached is not None and (cached == NO_BOUNDARY or cached > now):
        return None if cached == NO_BOUNDARY else cached
    moments = [moment for func in _time_boundaries if (moment := func(now)) is not None]
    boundary = min(moments) if moments else None
    page_cache().set(key, boundary or NO_BOUNDARY, timeout=settings.PAGE_CACHE_TIMEOUT)
    return boundary


def expiry(timeout, generation):
    """When an entry stored now must stop being served: after *timeout* seconds, or at
    the next time boundary if that comes first."""
    now = timezone.now()
    expires_at = now + timezone.timedelta(seconds=timeout)
    boundary = next_time_boundary(generation)
    if boundary is not None and boundary < expires_at:
        expires_at = boundary
    return expires_at


def store(cache, key, value, expires_at):
    seconds = (expires_at - timezone.now()).total_seconds()
    if seconds <= 0:
        return
    # The backend's own time-out only frees memory; validity is checked against
    # expires_at, so tests can move the clock.
    cache.set(key, (expires_at, value), timeout=int(seconds) + 1)


def load(cache, key):
    entry = cache.get(key)
    if entry is None:
        return None
    expires_at, value = entry
    if timezone.now() >= expires_at:
        return None
    return value


# --- fragments --------------------------------------------------------------------------


def cached_value(name, compute, *, parts=(), scope=None):
    """*compute()*'s value (picklable: model instances, lists of them), cached per
    generation, language and *parts* like a fragment (with a *scope*, also per that scope's
    generation); for what a render reads that changes only when content changes (the
    platform's texts, a news index's filters), so a render needs no query for it."""
    if not settings.FRAGMENT_CACHE_ENABLED:
        return compute()
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = ":".join(["chapterhouse:value", name, *_generations(scope), language, *map(str, parts)])
    cache = page_cache()
    found = load(cache, key)
    if found is None:
        found = (compute(),)  # a tuple, so a None value is cached too
        expires_at = timezone.now() + timezone.timedelta(seconds=settings.PAGE_CACHE_TIMEOUT)
        store(cache, key, found, expires_at)
    return found[0]


def _generations(scope):
    """The global generation, and *scope* with its generation if there is one; each read
    once per request (`generations_read_once`)."""
    generations = [_read_once(None, current_generation)]
    if scope is not None:
        generations += [scope, _read_once(scope, lambda: scope_generations(scope)[scope])]
    return generations


def _read_once(scope, read):
    kept = getattr(_request_generations, "kept", None)
    if kept is None:
        return read()
    if scope not in kept:
        kept[scope] = read()
    return kept[scope]


_request_generations = threading.local()


@contextmanager
def generations_read_once():
    """While a page renders, the fragments' generations are read from the generation cache
    once each (a page's fragments asked for them some fifteen times: a file read each, or
    a round trip to Redis). Read before the rows a fragment is made of, as without it; a
    purge during the request leaves this request's fragments under the old generation,
    which no later request reads."""
    _request_generations.kept = {}
    try:
        yield
    finally:
        _request_generations.kept = None


def cached_fragment(name, render, *, parts=(), time_dependent=False, scope=None):
    """Return *render()*'s string, cached per generation, language and *parts*; with a
    *scope* (a chapter's furniture) also per that scope's generation, so that a change in
    the chapter renders it anew.

    *render* renders a template (auto-escaped), so its output is safe HTML.
    """
    if not settings.FRAGMENT_CACHE_ENABLED:
        return render()
    generations = _generations(scope)
    generation = generations[0]
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = ":".join(
        ["chapterhouse:fragment", name, *generations, language, *(str(part) for part in parts)]
    )
    cache = page_cache()
    value = load(cache, key)
    if value is None:
        value = render()
        if time_dependent:
            expires_at = expiry(settings.PAGE_CACHE_TIMEOUT, generation)
        else:
            expires_at = timezone.now() + timezone.timedelta(seconds=settings.PAGE_CACHE_TIMEOUT)
        store(cache, key, str(value), expires_at)
    return mark_safe(value)  # noqa: S308 - a rendered template, see docstring


# --- a chapter as routing read it ------------------------------------------------------

CHAPTER_SLUG_KEY = "chapterhouse:route-chapter:{start}:{slug}"


class ChapterStore:
    """Keeps the chapter that routing found below a language tree's home and its children
    (core.routing.use_chapter_store) until something in that chapter changes, or anything
    shared: every page of the chapter is then routed without reading them again.

    The chapter's scope is only known once it has been read, so the slug first names its
    translation key; an entry is kept only when that key was known before the read, so the
    generation it is stored under was read before the rows (a purge in between makes it
    stale at once). A wrong or missing key costs a read, never a stale page."""

    def lookup(self, start, slug):
        if not settings.FRAGMENT_CACHE_ENABLED:
            return None, None
        cache = page_cache()
        translation_key = cache.get(CHAPTER_SLUG_KEY.format(start=start.pk, slug=slug))
        if translation_key is None:
            return None, None
        generations = _generations(chapter_scope(translation_key))
        key = ":".join(["chapterhouse:route", *generations, str(start.pk), slug])
        return load(cache, key), (translation_key, key)

    def keep(self, token, start, slug, chapter, entry):
        if not settings.FRAGMENT_CACHE_ENABLED:
            return
        cache = page_cache()
        slug_key = CHAPTER_SLUG_KEY.format(start=start.pk, slug=slug)
        cache.set(slug_key, chapter.translation_key, timeout=settings.PAGE_CACHE_TIMEOUT)
        if token is not None and token[0] == chapter.translation_key:
            expires_at = timezone.now() + timezone.timedelta(seconds=settings.PAGE_CACHE_TIMEOUT)
            store(cache, token[1], entry(), expires_at)
