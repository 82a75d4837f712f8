"""`make bench`: build two databases in PostgreSQL (a small one and one BENCH_SCALE times
the full size), serve them with gunicorn exactly as production does
(site/deploy/gunicorn.conf.py, whitenoise), load every page type with wrk and write the
report (docs/benchmarks.md at BENCH_SCALE=1, var/bench/report.md otherwise).

Steps:
 1. recreate and migrate the databases <name>_small and <name> (BENCH_DATABASE_URL);
 2. small: CHAPTERS chapters with one article each; large: the same, grown to ARTICLES
    articles (ov-000 gets 30 %); both with PRESS_RELEASES press releases, search index, ANALYZE;
 3. in-process render time and queries per page type (large database), and of an article in
    the biggest and in a small chapter on both databases, alternating;
 4. a static file of exactly each page's size (the whitenoise baseline, same server);
 5. gunicorn with caches off ("kalt"), then on ("warm"): per page type a warm-up that reaches
    every worker, then BENCH_ROUNDS rounds of wrk on the page and on its static twin in turn;
    the ratio is taken within each round, after the server has settled (the requests wrk gave
    up on are rendered to the end); a slow page gets a warm-up burst and a window of 12
    in-process renders; every socket error, timeout, non-2xx answer and run without any
    answer is shown as failure; a run in which the kernel gave a worker less than half its
    share of wrk's connections is repeated (serve.wrk);
 6. scale check: both databases served at once (caches off), wrk alternating small/large
    (small first in even rounds, large first in odd ones) on an article in the biggest
    chapter and in a small one, at least 5 rounds;
 7. publish-to-visible: an editor posts "publish" in the admin, an anonymous reader polls
    the article through the page cache until the new title shows (3 times).

Environment: BENCH_SCALE (default 1: 200 chapters, 20,000 articles, 2,000 press releases),
BENCH_DATABASE_URL, BENCH_SECONDS (per wrk run, default 8), BENCH_ROUNDS (default 3, at
least 3), BENCH_CONNECTIONS (default 8), BENCH_WORKERS (gunicorn workers, default 2),
BENCH_PORT, BENCH_REPORT (where to write the report).
"""

import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

from bench.report import render_report
from bench.serve import (
    Browser,
    Server,
    ratio,
    settle,
    transfer_sizes,
    until_visible,
    warm_up,
    wrk,
)

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LARGE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://chapterhouse:chapterhouse@127.0.0.1:5432/ch_bench"
)
SMALL_URL = LARGE_URL + "_small"
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
ROUNDS = max(3, int(os.environ.get("BENCH_ROUNDS", "3")))
# Two servers side by side are noisier than one: the scale check's ratio is the median of
# more rounds (each 4 runs of BENCH_SECONDS).
SCALE_ROUNDS = max(5, ROUNDS)
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
CHAPTERS = max(3, round(200 * SCALE))
ARTICLES = max(2 * CHAPTERS, round(20000 * SCALE))
PRESS_RELEASES = max(25, round(2000 * SCALE))
BIG_SHARE = 0.3
DEEP_PAGE = max(2, int(ARTICLES * BIG_SHARE / 10 * 5 / 6))  # 500 of 600 at full size
ARCHIVE_DEEP_PAGE = max(2, int(PRESS_RELEASES / 20 / 2))  # 50 of 100
PORT = int(os.environ.get("BENCH_PORT", "8765"))
VAR = BASE_DIR / "var" / "bench"
STATIC_ROOT = VAR / "static"
REPORT = Path(
    os.environ.get(
        "BENCH_REPORT",
        BASE_DIR / "docs" / "benchmarks.md" if SCALE == 1 else VAR / "report.md",
    )
)
SCALE_URLS = (
    ("Artikel im größten Ortsverein", "/ov-000/aktuelles/artikel-0/"),
    ("Artikel in einem kleinen Ortsverein", "/ov-001/aktuelles/artikel-0/"),
)


def env(database_url=LARGE_URL, **extra):
    values = dict(os.environ)
    values.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=database_url,
        SECRET_KEY="bench-only-not-secret-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",  # the bench's editor logs in over plain HTTP
        DB_CONN_MAX_AGE="600",
        STATIC_ROOT=str(STATIC_ROOT),
        CACHE_DIR=str(VAR / "cache"),
        LOG_LEVEL="WARNING",
        BENCH_DEEP_PAGE=str(DEEP_PAGE),
        BENCH_ARCHIVE_DEEP_PAGE=str(ARCHIVE_DEEP_PAGE),
    )
    values.update(extra)
    return values


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(*args, capture=False, database_url=LARGE_URL, **extra):
    result = subprocess.run(  # noqa: S603 - our own commands
        args,
        cwd=BASE_DIR,
        env=env(database_url, **extra),
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout


def recreate_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def measure(*args, database_url=LARGE_URL):
    return json.loads(
        run(PYTHON, "-m", "bench.measure", *args, capture=True, database_url=database_url)
    )


def load():
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def build(url, articles):
    recreate_database(url)
    run(PYTHON, "manage.py", "migrate", "--no-input", "-v0", database_url=url)
    dataset = [PYTHON, "-m", "bench.dataset", f"--big-share={BIG_SHARE}"]
    run(
        *dataset,
        f"--chapters={CHAPTERS}",
        f"--articles={CHAPTERS}",
        f"--press-releases={PRESS_RELEASES}",
        database_url=url,
    )
    if articles > CHAPTERS:
        run(*dataset, f"--grow-to={articles}", database_url=url)
    run(*dataset, "--index", database_url=url)
    analyze = "from django.db import connection; connection.cursor().execute('ANALYZE')"
    run(PYTHON, "manage.py", "shell", "-v0", "-c", analyze, database_url=url)


PREPARE_EDITS = """
import json, sys
from django.contrib.auth import get_user_model
from news.models import NewsArticlePage
get_user_model().objects.create_superuser("bench", "bench@example.org", "bench-not-secret-1")
from home.models import HomePage
from notices.models import Banner
articles = []
for number, article in enumerate(NewsArticlePage.objects.live().order_by("path")[1:4]):
    article.title = f"Bench veroeffentlicht {number}"
    article.save_revision()  # a draft: purges nothing, shows nowhere yet
    articles.append({"id": article.pk, "url": article.url, "marker": article.title})
region = HomePage.objects.get(depth=2, locale__language_code="de")
banner = Banner.objects.filter(live=True, show_from__isnull=True).first()
print(json.dumps({"articles": articles, "region": region.pk, "banner": banner.pk}))
"""


def write_static_twins(pages):
    """A file of exactly the page's size per page type, served by whitenoise."""
    folder = STATIC_ROOT / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    filler = b"<p>" + b"Statischer Vergleichstext. " * 40 + b"</p>\n"
    for number, page in enumerate(pages):
        content = (filler * (page["bytes"] // len(filler) + 1))[: page["bytes"]]
        path = folder / f"page-{number}.html"
        path.write_bytes(content)
        page["static_url"] = f"/static/bench/page-{number}.html"


def machine():
    cpu = "unbekannt"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    import psycopg

    with psycopg.connect(LARGE_URL) as connection:
        postgres = connection.execute("show server_version").fetchone()[0]
    return {
        "cpu": f"{cpu}, {os.cpu_count()} Kerne",
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "postgres": postgres,
        "load": " / ".join(f"{value:.2f}" for value in os.getloadavg()),
    }


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk fehlt: apt-get install -y wrk (make bench erledigt das).")
    started = time.monotonic()
    load_start = load()
    log(f"scale {SCALE}: {CHAPTERS} chapters, {ARTICLES} articles; load {load_start}")
    if STATIC_ROOT.exists():
        shutil.rmtree(STATIC_ROOT)
    for url, articles in ((SMALL_URL, CHAPTERS), (LARGE_URL, ARTICLES)):
        log(f"building {url.rsplit('/', 1)[1]} with {articles} articles")
        build(url, articles)
    run(PYTHON, "manage.py", "collectstatic", "--no-input", "-v0")

    balanced = {"workers": WORKERS}  # runs with a worker left idle are repeated (serve.wrk)
    pages = measure("pages")
    log("in-process: " + ", ".join(f"{p['name']} {p['render_ms']} ms" for p in pages))
    scale = [
        {"label": label, "url": url, "database": database, "db_url": db_url, "render_ms": []}
        for label, url in SCALE_URLS
        for database, db_url in (("klein", SMALL_URL), ("groß", LARGE_URL))
    ]
    for _ in range(ROUNDS):  # in-process, alternating small and large
        for row in scale:
            result = measure("render", row["url"], "20", database_url=row["db_url"])
            row["render_ms"].append(result["render_ms"])
            row["queries"] = result["queries"]
    write_static_twins(pages)

    for mode, page_cache in (("cold", False), ("warm", True)):
        log(f"gunicorn (gunicorn.conf.py), page cache {'on' if page_cache else 'off'}")
        with Server(PYTHON, env(), PORT, WORKERS, page_cache):
            for page in pages:
                # A window long enough for several answers of a slow page (the full sitemap
                # renders for seconds): 12 in-process renders, at least SECONDS.
                seconds = max(SECONDS, math.ceil(12 * page["render_ms"] / 1000))
                # 8 connections on 2 cores queue behind each other: an answer may wait for
                # many renders of a slow page. A time-out is 30 s, or 20 renders.
                timeout = max(30, math.ceil(20 * page["render_ms"] / 1000))
                # The warm-up burst lasts long enough for answers under load: 8
                # connections on 2 cores wait about 4 renders each, the first renders of
                # a fresh server longer (6 renders were too short for the sitemap once),
                # and with the measurement's time-out (30 s cut the sitemap's off once).
                burst = max(1, math.ceil(12 * page["render_ms"] / 1000))
                state, failures = warm_up(
                    PORT, page["url"], WORKERS, seconds=burst, timeout=timeout
                )
                if page_cache:
                    page["cache_state"] = state
                    page["transfer"] = transfer_sizes(PORT, page["url"])
                settle(PORT)
                static_failures = warm_up(PORT, page["static_url"], WORKERS)[1]
                page[f"{mode}_warmup"] = [{"failures": failures}, {"failures": static_failures}]
                page[mode] = []
                for _ in range(ROUNDS):
                    measured = {
                        "page": wrk(
                            PORT, page["url"], seconds, CONNECTIONS, timeout=timeout, **balanced
                        )
                    }
                    settle(PORT)
                    measured["static"] = wrk(
                        PORT, page["static_url"], seconds, CONNECTIONS, **balanced
                    )
                    page[mode].append(measured)
                rps = [ratio(r) for r in page[mode]]
                log(f"{mode} {page['name']}: page/static {statistics.median(rps):.3f}")
            if page_cache:
                publish = measure_publish()

    log("scale check: small and large database served side by side, page cache off")
    with (
        Server(PYTHON, env(SMALL_URL), PORT + 1, WORKERS, False),
        Server(PYTHON, env(LARGE_URL), PORT + 2, WORKERS, False),
    ):
        ports = {SMALL_URL: PORT + 1, LARGE_URL: PORT + 2}
        for row in scale:
            row["warmup_failures"] = warm_up(ports[row["db_url"]], row["url"], WORKERS)[1]
            row["runs"] = []
        for number in range(SCALE_ROUNDS):
            # small before large in even rounds, after it in odd ones: drift of the
            # machine does not favour either
            for row in scale if number % 2 == 0 else scale[::-1]:
                port = ports[row["db_url"]]
                row["runs"].append(wrk(port, row["url"], SECONDS, CONNECTIONS, **balanced))
                settle(port)
    ratios = {}
    for label, _url in SCALE_URLS:
        small, large = (row for row in scale if row["label"] == label)
        ratios[label] = [
            big["p50"] / little["p50"]
            for little, big in zip(small["runs"], large["runs"], strict=True)
        ]

    data = {
        "config": {
            "scale": SCALE,
            "chapters": CHAPTERS,
            "articles": ARTICLES,
            "press_releases": PRESS_RELEASES,
            "workers": WORKERS,
            "connections": CONNECTIONS,
            "seconds": SECONDS,
            "rounds": ROUNDS,
        },
        "machine": machine(),
        "load_start": load_start,
        "load_end": load(),
        "pages": pages,
        "scale": scale,
        "scale_ratios": ratios,
        "publish": publish,
        "elapsed": time.monotonic() - started,
    }
    report = render_report(data)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(report)
    print(report)
    log(f"written to {REPORT}")


def measure_publish():
    """Three times each, over the admin: publish a prepared article draft, publish the banner
    with a new title, create a chapter; time until an anonymous reader sees the change through
    the page cache (which was warm with the old version)."""
    edits = json.loads(run(PYTHON, "manage.py", "shell", "-v0", "-c", PREPARE_EDITS, capture=True))
    browser = Browser(PORT)
    browser.log_in("bench", "bench-not-secret-1")
    results = {}
    for number, article in enumerate(edits["articles"]):
        banner, chapter, slug = f"Bench-Banner {number}", f"SPD Bench {number}", f"neu-{number}"
        actions = [
            ("Artikel veröffentlichen", partial(browser.publish, article["id"]), article["url"],
             article["marker"]),
            ("Banner veröffentlichen", partial(browser.publish_banner, edits["banner"], banner),
             article["url"], banner),
            ("Ortsverein anlegen", partial(browser.create_chapter, edits["region"], chapter, slug),
             f"/{slug}/", chapter),
        ]  # fmt: skip
        for name, action, url, marker in actions:
            warm_up(PORT, "/" if name == "Ortsverein anlegen" else url, WORKERS)
            results.setdefault(name, []).append(until_visible(PORT, action, url, marker))
    log(f"publish to visible: {results}")
    return results


if __name__ == "__main__":
    main()
