"""The anonymous page cache and the cached sidebar fragments.

Whole responses to anonymous GET/HEAD requests are kept in the default cache, keyed by
host, path, query string and language. Every key also carries the current *generation*:
a random token that changes whenever something a public page can show changes (a page
is published, unpublished, moved or deleted; a press release, banner, category or the
platform settings change; a feed import changed rows). Changing the token makes every
old entry unreachable at once; the entries themselves expire by their time-out.

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
expire, so base.py keeps the generation in a file-based cache then (see PAGE_CACHE_*).

Banners switch on and off by time (show_from/show_until) without anybody publishing, so
no entry lives past the next banner boundary: its expiry is capped at that moment. The
expiry is checked against django.utils.timezone.now(), which tests move forward.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

GENERATION_KEY = "chapterhouse:page-cache:generation"
BOUNDARY_KEY = "chapterhouse:page-cache:banner-boundary:{generation}"
NO_BOUNDARY = "none"
HIT_HEADER = "X-Page-Cache"


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
    generation = uuid.uuid4().hex[:16]
    # A random token rather than a counter: two processes purging at the same moment can
    # never write the same value back, so no purge is lost without an atomic increment.
    generation_cache().set(GENERATION_KEY, generation, timeout=None)
    return generation


def purge_page_cache(reason=""):
    """Make every cached page and fragment stale.

    Purges now (so a test transaction or the rest of a request sees it) and again after
    the surrounding transaction commits, so nothing rendered from the old rows in between
    can survive under the new generation.
    """
    logger.debug("page cache purged: %s", reason)
    _store_new_generation()
    once_after_commit(_store_new_generation)


def once_after_commit(func):
    """transaction.on_commit(func), unless *func* already waits for this commit: a feed
    import saving fifty rows purges once at its end, not fifty times."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(entry[1] is func for entry in connection.run_on_commit):
        return
    transaction.on_commit(func)


def next_banner_boundary(generation=None):
    """The next moment a published banner starts or stops showing, or None.

    Computed once per generation (publishing a banner changes the generation) and kept
    until that moment passes.
    """
    from chapters.models import Banner

    now = timezone.now()
    generation = generation or current_generation()
    key = BOUNDARY_KEY.format(generation=generation)
    cached = page_cache().get(key)
    if cached is not None and (cached == NO_BOUNDARY or cached > now):
        return None if cached == NO_BOUNDARY else cached
    live = Banner.objects.filter(live=True)
    starts = (
        live.filter(show_from__gt=now).order_by("show_from").values_list("show_from", flat=True)
    )
    ends = (
        live.filter(show_until__gt=now).order_by("show_until").values_list("show_until", flat=True)
    )
    moments = [moment for moment in (starts.first(), ends.first()) if moment is not None]
    boundary = min(moments) if moments else None
    page_cache().set(key, boundary or NO_BOUNDARY, timeout=settings.PAGE_CACHE_TIMEOUT)
    return boundary


def expiry(timeout, generation):
    """When an entry stored now must stop being served: after *timeout* seconds, or at
    the next banner boundary if that comes first."""
    now = timezone.now()
    expires_at = now + timezone.timedelta(seconds=timeout)
    boundary = next_banner_boundary(generation)
    if boundary is not None and boundary < expires_at:
        expires_at = boundary
    return expires_at


def _store(cache, key, value, expires_at):
    seconds = (expires_at - timezone.now()).total_seconds()
    if seconds <= 0:
        return
    # The backend's own time-out only frees memory; validity is checked against
    # expires_at, so tests can move the clock.
    cache.set(key, (expires_at, value), timeout=int(seconds) + 1)


def _load(cache, key):
    entry = cache.get(key)
    if entry is None:
        return None
    expires_at, value = entry
    if timezone.now() >= expires_at:
        return None
    return value


# --- fragments --------------------------------------------------------------------------


def cached_fragment(name, render, *, parts=(), banner_dependent=False):
    """Return *render()*'s string, cached per generation, language and *parts*.

    *render* renders a template (auto-escaped), so its output is safe HTML.
    """
    if not settings.FRAGMENT_CACHE_ENABLED:
        return render()
    generation = current_generation()
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = ":".join(
        ["chapterhouse:fragment", name, generation, language, *(str(part) for part in parts)]
    )
    cache = page_cache()
    value = _load(cache, key)
    if value is None:
        value = render()
        if banner_dependent:
            expires_at = expiry(settings.PAGE_CACHE_TIMEOUT, generation)
        else:
            expires_at = timezone.now() + timezone.timedelta(seconds=settings.PAGE_CACHE_TIMEOUT)
        _store(cache, key, str(value), expires_at)
    return mark_safe(value)  # noqa: S308 - a rendered template, see docstring


# --- whole pages ------------------------------------------------------------------------


def request_cache_key(request):
    """The key of *request* (without the generation) and its language, or None if its
    response must not come from the cache."""
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        # Editors (and anyone else with a session) always get a freshly rendered page.
        return None
    path = request.path_info
    if any(path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDED_PATHS):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    address = f"{request.scheme}://{host}{path}?{request.META.get('QUERY_STRING', '')}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{language}:{digest}", language


def response_is_cacheable(request, response, language):
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    # The language the page was rendered in must be the one in the key.
    content_language = response.get("Content-Language")
    return not (content_language and content_language != language)


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET requests from the page cache; place it right after whitenoise,
    before the session middleware, so that a hit touches neither the session nor the
    database and a stored response already carries every header the inner middleware set
    (a Set-Cookie from CSRF or session middleware keeps it out of the cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        keyed = request_cache_key(request)
        if keyed is None:
            return self.get_response(request)
        generation = current_generation()
        key = f"chapterhouse:page:{generation}:{keyed[0]}"
        language = keyed[1]
        cache = page_cache()
        stored = _load(cache, key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HIT_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and response_is_cacheable(request, response, language):
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in ("set-cookie", HIT_HEADER.lower())
            ]
            _store(
                cache,
                key,
                (response.status_code, headers, response.content),
                expiry(settings.PAGE_CACHE_TIMEOUT, generation),
            )
            response[HIT_HEADER] = "miss"
        return response
