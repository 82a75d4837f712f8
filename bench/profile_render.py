"""Cold-render cost of the main page types, in one process (no HTTP server, page cache off).

    python -m bench.profile_render [--rounds N] [--fragments] [--profile URL] [URL ...]

For every URL: the number of SQL queries of one render and the median (min-max) wall time
of N renders; the URLs are rendered interleaved (round 1 of every URL, then round 2, ...) so
that drift of the machine hits them alike. --fragments keeps the fragment cache on (the
usual first request after a publish: page cache cold, sidebar warm). --profile URL prints
the top of a cProfile of 20 renders of that URL. Uses DJANGO_SETTINGS_MODULE and
DATABASE_URL from the environment (see bench/run.py for a production-like environment).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import time

DEFAULT_URLS = [
    "/ov-001/aktuelles/artikel-0/",
    "/ov-001/",
    "/ov-000/aktuelles/",
    "/ov-000/aktuelles/?page=9",
    "/",
]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("urls", nargs="*", default=DEFAULT_URLS)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--fragments", action="store_true")
    parser.add_argument("--profile")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    os.environ["PAGE_CACHE_ENABLED"] = "false"
    os.environ["FRAGMENT_CACHE_ENABLED"] = "true" if args.fragments else "false"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    queries = {}
    for url in args.urls:
        for _ in range(2):  # warm-up: lazily created rows, template loading, fragments
            status = client.get(url).status_code
            if status != 200:
                raise SystemExit(f"{url}: HTTP {status}")
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries[url] = len(captured)
    timings = {url: [] for url in args.urls}
    for _ in range(args.rounds):
        for url in args.urls:
            started = time.perf_counter()
            client.get(url)
            timings[url].append((time.perf_counter() - started) * 1000)
    for url in args.urls:
        values = timings[url]
        print(
            f"{url:40} {queries[url]:3d} queries  {statistics.median(values):7.2f} ms "
            f"({min(values):.2f}-{max(values):.2f})"
        )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(20):
            client.get(args.profile)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
