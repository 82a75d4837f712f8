"""Whole anonymous responses from the page cache (see pagecache/cache.py for the why)."""

import hashlib

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import translation

from .cache import current_generation, expiry, load, page_cache, store

HIT_HEADER = "X-Page-Cache"


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
        stored = load(cache, key)
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
            store(
                cache,
                key,
                (response.status_code, headers, response.content),
                expiry(settings.PAGE_CACHE_TIMEOUT, generation),
            )
            response[HIT_HEADER] = "miss"
        return response
