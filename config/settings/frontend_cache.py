"""Settings for purging a CDN or reverse proxy on publish (wagtail.contrib.frontend_cache)."""

import os

from django.core.exceptions import ImproperlyConfigured


def frontend_cache_from_environment():
    """WAGTAILFRONTENDCACHE from the environment, or None (off):
    FRONTEND_CACHE_BACKEND=http with FRONTEND_CACHE_LOCATION (Varnish, nginx purge),
    =cloudflare with FRONTEND_CACHE_CLOUDFLARE_TOKEN and _ZONEID,
    =cloudfront with FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID.
    """
    backend = os.environ.get("FRONTEND_CACHE_BACKEND", "").strip().lower()
    if backend == "http":
        return {
            "default": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": os.environ["FRONTEND_CACHE_LOCATION"],
            }
        }
    if backend == "cloudflare":
        return {
            "default": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
                "BEARER_TOKEN": os.environ["FRONTEND_CACHE_CLOUDFLARE_TOKEN"],
                "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
            }
        }
    if backend == "cloudfront":
        return {
            "default": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
                "DISTRIBUTION_ID": os.environ["FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"],
            }
        }
    if backend:
        raise ImproperlyConfigured(
            "FRONTEND_CACHE_BACKEND muss leer oder http, cloudflare oder cloudfront sein."
        )
    return None
