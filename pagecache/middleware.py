"""Whole anonymous responses from the page cache (see pagecache/cache.py for the why).

The middleware sits outside SecurityMiddleware, the CSP middleware and whitenoise (see
MIDDLEWARE in config/settings/base.py), so a hit costs little more than a static file and is
served with every header those gave the response it stored (HSTS, CSP, nosniff, ...): the
headers depend only on what the key holds (scheme, host, path). Requests under STATIC_URL and
MEDIA_URL pass untouched (files, not pages: whitenoise serves the static ones), and http://
ones are never looked up while SECURE_SSL_REDIRECT is on: SecurityMiddleware redirects them,
and a redirect is never stored.

Cached responses are stored as they leave the CompressionMiddleware (compression.py), which
sits inside this one: a reader whose browser accepts brotli or gzip gets that copy,
others the plain one (up to three entries per address, the key names the encoding; all carry
`Vary: Accept-Encoding`). A hit is served without compressing again. Every stored
response gets an ETag over its uncompressed content (see mark_public) and a public
Cache-Control; this middleware answers a matching If-None-Match for it with 304 (hits
included) by ConditionalGetMiddleware's rules. (ConditionalGetMiddleware itself sits inside
whitenoise, so that static files do not pass it twice; it covers every other response.)
"""

import gzip
import hashlib

import brotli
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control

from .cache import (
    REGION,
    current_generation,
    expiry,
    generations_read_once,
    generations_unchanged,
    load,
    page_cache,
    scope_generations,
    store,
)
from .compression import chosen_encoding
from .scopes import SCOPE_ATTRIBUTE, served_scope

HIT_HEADER = "X-Page-Cache"
# The format of an entry is part of the key: a deploy never reads another format's entries.
KEY_PREFIX = "chapterhouse:page-response"
# Request headers that can turn a stored page into 304 or 412 (ConditionalGetMiddleware).
CONDITIONS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)
DECOMPRESS = {"gzip": gzip.decompress, "br": brotli.decompress}


def note_served_page(request, page):
    """Called when Wagtail is about to serve *page* (wagtail_hooks.py): the response will be
    stored under the page's scope, with that scope's generation as it is now, before the
    page's content is read."""
    cache_state = getattr(request, SCOPE_ATTRIBUTE, None)
    if cache_state is None:
        return  # not a request the page cache looks at
    scope = served_scope(page)
    cache_state["scope"] = scope
    cache_state["scope_generation"] = scope_generations(scope)[scope]


def language_of_path(path):
    """The language of the page at *path*: its first segment if that is a content language
    (/en/...), else the default (German pages have no prefix). A plain look-up instead of
    Django's get_language_from_path (a regex and variant matching); where the two would
    differ (/en-us/...), the rendered page's Content-Language differs from the key's and
    keeps it out of the cache (response_is_cacheable)."""
    first = path.split("/", 2)[1]
    if first and any(first == code for code, _name in settings.LANGUAGES):
        return first
    return settings.LANGUAGE_CODE


def request_cache_key(request):
    """The key of *request* and its language, or None if its response must not come from
    the cache. The generations are not part of it: an entry carries them (see __call__)."""
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        # Editors (and anyone else with a session) always get a freshly rendered page.
        return None
    path = request.path_info
    if path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)):
        return None
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        # SecurityMiddleware (inside this one) redirects it to https.
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    language = language_of_path(path)
    address = f"{request.scheme}://{host}{path}?{request.META.get('QUERY_STRING', '')}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{language}:{chosen_encoding(request)}:{digest}", language


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


def mark_public(response):
    """Browsers keep the page a minute, then revalidate with the ETag; shared caches (CDN)
    keep it as long as we do and are purged on publish."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_CACHE_BROWSER_MAX_AGE,
        s_maxage=settings.PAGE_CACHE_TIMEOUT,
    )
    # Over the uncompressed page, so that every worker (each with its own page cache when
    # there is no Redis) gives the same page the same ETag. A compressed copy's is weak: gzip's
    # bytes differ per compression (GZipMiddleware adds random bytes against BREACH-style
    # attacks) though what it decodes to is the same; If-None-Match compares weakly.
    content, weak, suffix = response.content, "", ""
    encoding = response.get("Content-Encoding")
    if encoding in DECOMPRESS:
        content, weak, suffix = DECOMPRESS[encoding](content), "W/", f"-{encoding}"
    response["ETag"] = f'{weak}"{hashlib.sha256(content).hexdigest()[:32]}{suffix}"'


def mark_private(response):
    """What an editor (anyone with a session) sees is never kept by a shared cache and
    revalidated by the browser on every view."""
    if "no-store" not in response.get("Cache-Control", ""):
        patch_cache_control(response, private=True, no_cache=True)


def is_file_address(path):
    """Whether *path* is under STATIC_URL or MEDIA_URL (where set)."""
    return any(
        prefix and path.startswith(prefix) for prefix in (settings.STATIC_URL, settings.MEDIA_URL)
    )


def stored_copy(response):
    """A plain HttpResponse with *response*'s status, headers and content, as a hit serves it.

    Kept as it is: every cache backend pickles what it stores, so each hit unpickles a
    response of its own, which is cheaper than building one header by header (Django's own
    cache middleware stores responses too)."""
    headers = {name: value for name, value in response.items() if name.lower() != "set-cookie"}
    headers[HIT_HEADER] = "hit"
    return HttpResponse(response.content, status=response.status_code, headers=headers)


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET requests from the page cache; place it outside SecurityMiddleware,
    the CSP middleware, whitenoise and the session middleware, so that a hit touches neither
    the session nor the database and a stored response already carries every header the
    inner middleware set (a Set-Cookie from CSRF or session middleware keeps it out of the
    cache)."""

    def __init__(self, get_response):
        self.get_response = get_response
        # 304 for a matching If-None-Match on the pages marked public here, hits included.
        self.conditional_get = ConditionalGetMiddleware(get_response).process_response

    def __call__(self, request):
        if is_file_address(request.path):
            # Files, not pages: neither looked up nor stored nor marked private (whitenoise
            # gives static files their own long Cache-Control, editors' browsers too).
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):  # a POST may purge, then render
            return self.serve(request)
        with generations_read_once():
            return self.serve(request)

    def conditional(self, request, response):
        """*response*, or 304/412 by ConditionalGetMiddleware's rules if *request* has a
        condition (most have none: a hit then skips parsing them)."""
        if any(header in request.META for header in CONDITIONS):
            return self.conditional_get(request, response)
        return response

    def serve(self, request):
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        keyed = request_cache_key(request)
        if keyed is None:
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                mark_private(response)
            return response
        key, language = keyed
        key = f"{KEY_PREFIX}:{key}"
        cache = page_cache()
        stored = load(cache, key)
        if stored is not None:
            # The global and the scope's generation, both read now, in one cache read.
            generation, scope, scope_generation, response = stored
            if generations_unchanged(generation, scope, scope_generation):
                return self.conditional(request, response)
        # Both read before anything is rendered: a change committed from here on replaces
        # one of them, and then what is rendered now is stale once stored, or not stored at
        # all (REGION's, see below).
        generation = current_generation()
        region_generation = scope_generations(REGION)[REGION]
        state = {"scope": REGION, "scope_generation": region_generation}
        setattr(request, SCOPE_ATTRIBUTE, state)
        response = self.get_response(request)
        if request.method == "GET" and response_is_cacheable(request, response, language):
            mark_public(response)
            # A page's scope generation is read once Wagtail has found the page, just before
            # its content is read. Had a page changed since this request began, REGION's
            # generation would differ now; the page may then be rendered from old rows under
            # a new scope generation, so it is not stored.
            if scope_generations(REGION)[REGION] == region_generation:
                store(
                    cache,
                    key,
                    (
                        generation,
                        state["scope"],
                        state["scope_generation"],
                        stored_copy(response),
                    ),
                    expiry(settings.PAGE_CACHE_TIMEOUT, generation),
                )
            response[HIT_HEADER] = "miss"
            return self.conditional(request, response)
        return response
