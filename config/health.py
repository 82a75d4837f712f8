"""/healthz for load balancers and monitoring: 200 when the database and the cache
answer, 503 naming what failed. Never shows hosts, credentials or exception text."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger("chapterhouse.health")


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    # django-redis with IGNORE_EXCEPTIONS returns None instead of raising, so the check
    # writes a fresh value and reads it back.
    key = "healthz:" + uuid.uuid4().hex
    token = uuid.uuid4().hex
    cache.set(key, token, timeout=10)
    try:
        if cache.get(key) != token:
            raise RuntimeError("cache did not return the value just written")
    finally:
        cache.delete(key)


CHECKS = {"database": check_database, "cache": check_cache}


@never_cache
def healthz(request):
    failed = []
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("healthz: %s check failed", name)
            failed.append(name)
    if failed:
        return JsonResponse(
            {"status": "unavailable", "failed": failed, "reason": f"{', '.join(failed)} down"},
            status=503,
        )
    return JsonResponse({"status": "ok"})
