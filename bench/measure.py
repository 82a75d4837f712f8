"""In-process measurements for the benchmark (no HTTP server): which URLs exist, how big
their responses are, and how long Django takes to render them with every cache off.

    python -m bench.measure pages          # JSON: [{name, url, bytes, render_ms}, ...]
    python -m bench.measure render URL     # JSON: {url, render_ms, queries}
"""

import json
import os
import statistics
import sys
import time

# Page types in the order the report lists them: (name, URL). A URL that does not answer
# 200 on this checkout (a feature not built yet) is left out of the run and the report.
# The deep pages follow the data set's size (BENCH_SCALE): page 500 of the biggest news
# index and page 50 of the archive at full size.
DEEP_PAGE = int(os.environ.get("BENCH_DEEP_PAGE", "500"))
ARCHIVE_DEEP_PAGE = int(os.environ.get("BENCH_ARCHIVE_DEEP_PAGE", "50"))
PAGES = [
    ("Regionalportal (Start)", "/"),
    ("Ortsverein-Startseite", "/ov-001/"),
    ("Nachrichten Seite 1", "/ov-000/aktuelles/"),
    (f"Nachrichten Seite {DEEP_PAGE}", f"/ov-000/aktuelles/?page={DEEP_PAGE}"),
    ("Nachrichten gefiltert", "/ov-000/aktuelles/?kategorie=verkehr"),
    ("Artikel", "/ov-001/aktuelles/artikel-0/"),
    ("Inhaltsseite", "/ov-001/kontakt/"),
    ("Pressemitteilungen-Archiv", "/pressemitteilungen/"),
    (
        f"Pressemitteilungen-Archiv Seite {ARCHIVE_DEEP_PAGE}",
        f"/pressemitteilungen/?page={ARCHIVE_DEEP_PAGE}",
    ),
    ("Suche", "/suche/?q=Radweg"),
    ("Feed (RSS)", "/ov-000/aktuelles/rss/"),
    ("Sitemap", "/sitemap.xml"),
]


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    os.environ["PAGE_CACHE_ENABLED"] = "false"
    os.environ["FRAGMENT_CACHE_ENABLED"] = "false"
    import django

    django.setup()


def render_time(url, rounds=30):
    """Median wall time of rendering *url* in-process, after two warm-up requests."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for _ in range(2):
        response = client.get(url)
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {
        "url": url,
        "status": response.status_code,
        "bytes": len(response.content),
        "render_ms": round(statistics.median(timings), 2),
        "queries": len(queries),
    }


def roundtrip():
    """Median time of one trivial query: what each of a page's queries costs at least."""
    from django.db import connection

    timings = []
    with connection.cursor() as cursor:
        for _ in range(200):
            started = time.perf_counter()
            cursor.execute("SELECT 1")
            cursor.fetchone()
            timings.append((time.perf_counter() - started) * 1000)
    return {"roundtrip_ms": round(statistics.median(timings), 3)}


def pages():
    from django.test import Client

    client = Client()
    found = []
    for name, url in PAGES:
        response = client.get(url)
        if response.status_code != 200:
            print(f"skipped {url}: HTTP {response.status_code}", file=sys.stderr)
            continue
        rounds = 5 if len(response.content) > 200_000 else 20
        found.append({"name": name, **render_time(url, rounds=rounds)})
    return found


def main(argv):
    _setup()
    if argv[0] == "pages":
        result = pages()
    elif argv[0] == "roundtrip":
        result = roundtrip()
    elif argv[0] == "render":
        result = render_time(argv[1], rounds=int(argv[2]) if len(argv) > 2 else 50)
    else:
        raise SystemExit(__doc__)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
