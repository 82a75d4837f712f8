"""Cross-cutting request handling: request log, database outage page, CSP per area."""

import logging
import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.template.loader import render_to_string

request_logger = logging.getLogger("chapterhouse.request")
outage_logger = logging.getLogger("chapterhouse.outage")

DATABASE_ERRORS = (OperationalError, InterfaceError)


class RequestLogMiddleware:
    """One log line per request with method, path, status and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        status = response.status_code
        level = logging.ERROR if status >= 500 else logging.INFO
        request_logger.log(
            level,
            "%s %s %s",
            request.method,
            request.path,
            status,
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
                "remote_addr": request.META.get("REMOTE_ADDR", ""),
            },
        )
        return response


def database_unavailable_response(request=None):
    """The friendly page shown while PostgreSQL cannot be reached. It renders without
    touching the database (no settings, no page tree)."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """While the database is down, answer 503 with a friendly page instead of a 500.

    Django's connection health checks (CONN_HEALTH_CHECKS) drop a dead connection at the
    start of the next request, so once PostgreSQL is back the app serves again without a
    restart. Errors raised in views reach process_exception; errors raised in other
    middleware reach handler500 in config/urls.py, which uses the same response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except DATABASE_ERRORS:
            outage_logger.exception("Datenbank nicht erreichbar: %s", request.path)
            return database_unavailable_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            outage_logger.error("Datenbank nicht erreichbar: %s (%s)", request.path, exception)
            return database_unavailable_response(request)
        return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with one exception: the Wagtail admin needs inline scripts and frames
    its own preview."""

    admin_prefix = "/admin/"

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(self.admin_prefix):
            parts.replace = {
                **(parts.replace or {}),
                "script-src": settings.ADMIN_CSP_SCRIPT_SRC,
                # the page preview frames our own pages
                "frame-ancestors": ["'self'"],
            }
        return parts


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, without `Vary: Accept-Language` where the address alone decides the
    language: German pages have no prefix and are German whatever the browser asks for,
    the others carry /en/ (Django already leaves Vary off those). Only the admin, where
    Wagtail may follow the browser, keeps it; a cache would otherwise store one copy of
    every German page per Accept-Language header for nothing."""

    admin_prefix = "/admin/"

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if request.path_info.startswith(self.admin_prefix) or not response.has_header("Vary"):
            return response
        kept = [
            field.strip()
            for field in response["Vary"].split(",")
            if field.strip() and field.strip().lower() != "accept-language"
        ]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]
        return response
