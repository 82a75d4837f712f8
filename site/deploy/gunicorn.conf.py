"""gunicorn configuration for Chapterhouse (used by chapterhouse.service and `make serve`).
Every value can be overridden from the environment."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers plus threads: page rendering is CPU-bound, database waits are short.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# nginx keeps connections to the client; gunicorn answers and moves on.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Worker recycling is off: a recycled worker drops its keep-alive connections (clients
# without retry see read errors; the first load run had 125 of 44,127) and starts with an
# empty page cache. Set GUNICORN_MAX_REQUESTS (e.g. 20000) only to contain a memory leak.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "0"))
# Load the app before forking: faster start, shared memory; DB connections open lazily
# per worker, so nothing is shared across the fork.
preload_app = True


def pre_fork(server, worker):
    """Freeze what the master loaded (Django, Wagtail, the project: some 200,000 objects)
    before forking a worker, as Python's gc documentation advises for pre-fork servers: the
    worker's garbage collector never walks them again, so each collection has less to do
    (about 2 % of a page's render time) and their memory stays shared with the master."""
    gc.freeze()


wsgi_app = "config.wsgi:application"
# Django logs every request as JSON on stdout (config/middleware.py); gunicorn's own
# access log would repeat it. Errors of gunicorn itself still go to stderr.
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# Trust X-Forwarded-* only from the local reverse proxy.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "chapterhouse"
