"""Compressed HTML: brotli for readers whose browser accepts it, gzip otherwise.

Brotli only for anonymous requests and responses that set no cookie: pages without a session
carry nothing secret, so compressing them gives a BREACH-style attack nothing to guess.
Everything else (editors, responses setting a cookie) goes through Django's GZipMiddleware,
which pads its output with random bytes against such attacks.
"""

import re

import brotli
from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

ACCEPTS_BROTLI = re.compile(r"\bbr\b")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # the test Django's GZipMiddleware uses
# Quality 5: about as fast as gzip's default level, and smaller.
BROTLI_QUALITY = 5
MIN_SIZE = 200  # as GZipMiddleware: smaller bodies are not worth it


def chosen_encoding(request):
    """The encoding a response to *request* gets: "br", "gzip" or "identity"."""
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if ACCEPTS_BROTLI.search(accepted) and settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return "br"
    return "gzip" if ACCEPTS_GZIP.search(accepted) else "identity"


class CompressionMiddleware(GZipMiddleware):
    """GZipMiddleware that answers readers in brotli when their browser accepts it."""

    def process_response(self, request, response):
        if (
            chosen_encoding(request) != "br"
            or response.cookies
            or response.streaming
            or response.has_header("Content-Encoding")
            or len(response.content) < MIN_SIZE
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = brotli.compress(response.content, quality=BROTLI_QUALITY)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response["Content-Length"] = str(len(compressed))
        if response.get("ETag", "").startswith('"'):
            response["ETag"] = "W/" + response["ETag"]
        response["Content-Encoding"] = "br"
        return response
