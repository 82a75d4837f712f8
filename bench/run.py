"""`make bench`: build a large data set in PostgreSQL, serve it with gunicorn + whitenoise
under production settings, load every page type with wrk, write docs/benchmarks.md.

Steps (about 8-12 minutes on two cores):
 1. recreate the database BENCH_DATABASE_URL (default ch_bench on the local cluster) and
    migrate it;
 2. build 200 chapters with one article each (200 articles) and 2,000 press releases,
    time an article's render; grow to 20,000 articles and time the same article again;
 3. collect static files and write, for every page type, a static file of exactly the
    size of that page's HTML (the whitenoise baseline);
 4. start gunicorn twice - page and fragment caches off ("kalt"), then on ("warm") - and
    run wrk against every page type (and in the warm run against its static twin).

Environment: BENCH_DATABASE_URL, BENCH_SECONDS (per wrk run, default 8),
BENCH_CONNECTIONS (default 8), BENCH_WORKERS (gunicorn workers, default 2),
BENCH_ARTICLES / BENCH_CHAPTERS / BENCH_PRESS_RELEASES (20000 / 200 / 2000).
"""

import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://chapterhouse:chapterhouse@127.0.0.1:5432/ch_bench"
)
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "20000"))
CHAPTERS = int(os.environ.get("BENCH_CHAPTERS", "200"))
PRESS_RELEASES = int(os.environ.get("BENCH_PRESS_RELEASES", "2000"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
VAR = BASE_DIR / "var" / "bench"
STATIC_ROOT = VAR / "static"
REPORT = BASE_DIR / "docs" / "benchmarks.md"


def env(**extra):
    values = dict(os.environ)
    values.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=DATABASE_URL,
        SECRET_KEY="bench-only-not-secret-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="false",
        DB_CONN_MAX_AGE="600",
        STATIC_ROOT=str(STATIC_ROOT),
        CACHE_DIR=str(VAR / "cache"),
        LOG_LEVEL="WARNING",
    )
    values.update(extra)
    return values


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(*args, capture=False, **extra):
    result = subprocess.run(  # noqa: S603 - our own commands
        args,
        cwd=BASE_DIR,
        env=env(**extra),
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout


def recreate_database():
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def measure(*args):
    return json.loads(run(PYTHON, "-m", "bench.measure", *args, capture=True))


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


class Server:
    def __init__(self, caches_on):
        self.caches_on = caches_on
        self.process = None

    def __enter__(self):
        flag = "true" if self.caches_on else "false"
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "config.wsgi:application",
                f"--bind=127.0.0.1:{PORT}",
                f"--workers={WORKERS}",
                "--worker-class=sync",
                "--log-level=warning",
            ],
            cwd=BASE_DIR,
            env=env(PAGE_CACHE_ENABLED=flag, FRAGMENT_CACHE_ENABLED=flag),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=10)  # noqa: S310
                return self
            except OSError:
                time.sleep(0.3)
        raise SystemExit("gunicorn did not answer within 60 s")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(path):
    output = subprocess.run(  # noqa: S603
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "--timeout",
            "30s",
            "--latency",
            f"http://127.0.0.1:{PORT}{path}",
        ],
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    ).stdout

    def latency(percent):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        return float(match.group(1)) * UNITS[match.group(2)] if match else None

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "errors": int(errors.group(1)) if errors else 0,
    }


def prime(path):
    """Fill the page cache of every worker; report whether a repeat request was a hit."""
    state = None
    for _ in range(4 * WORKERS):
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=120) as response:  # noqa: S310
            response.read()
            state = response.headers.get("X-Page-Cache")
        if state == "hit":
            break
    return state


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

    with psycopg.connect(DATABASE_URL) as connection:
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
    log(f"recreating database {DATABASE_URL.rsplit('/', 1)[1]}")
    recreate_database()
    run(PYTHON, "manage.py", "migrate", "--no-input", "-v0")
    if STATIC_ROOT.exists():
        shutil.rmtree(STATIC_ROOT)
    run(PYTHON, "manage.py", "collectstatic", "--no-input", "-v0")
    log(f"building {CHAPTERS} chapters, 200 articles, {PRESS_RELEASES} press releases")
    t = time.monotonic()
    run(
        PYTHON,
        "-m",
        "bench.dataset",
        f"--chapters={CHAPTERS}",
        "--articles=200",
        f"--press-releases={PRESS_RELEASES}",
    )
    build_small = time.monotonic() - t
    article_url = "/ov-001/aktuelles/artikel-0/"
    small = measure("render", article_url, "100")
    log(f"article at 200 articles: {small['render_ms']} ms, {small['queries']} queries")
    t = time.monotonic()
    run(PYTHON, "-m", "bench.dataset", f"--grow-to={ARTICLES}")
    build_large = time.monotonic() - t
    log("filling the search index")
    t = time.monotonic()
    run(PYTHON, "-m", "bench.dataset", "--index")
    build_index = time.monotonic() - t
    run(
        PYTHON,
        "manage.py",
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('ANALYZE')",
    )
    large = measure("render", article_url, "100")
    log(f"article at {ARTICLES} articles: {large['render_ms']} ms, {large['queries']} queries")
    pages = measure("pages")
    db_roundtrip = measure("roundtrip")["roundtrip_ms"]
    log("in-process: " + ", ".join(f"{p['name']} {p['render_ms']} ms" for p in pages))

    write_static_twins(pages)

    for mode, caches_on in (("cold", False), ("warm", True)):
        log(f"gunicorn, caches {'on' if caches_on else 'off'}")
        with Server(caches_on):
            for page in pages:
                if caches_on:
                    page["cache_state"] = prime(page["url"])
                else:
                    with urllib.request.urlopen(
                        f"http://127.0.0.1:{PORT}{page['url']}", timeout=120
                    ) as response:  # noqa: S310
                        response.read()
                page[mode] = wrk(page["url"])
                log(f"{mode} {page['name']}: {page[mode]['rps']:.0f} req/s")
                if caches_on:
                    prime(page["static_url"])
                    page["static"] = wrk(page["static_url"])
                    log(f"static twin {page['bytes']} B: {page['static']['rps']:.0f} req/s")

    report = render_report(
        pages,
        small,
        large,
        build_small,
        build_large,
        build_index,
        machine(),
        time.monotonic() - started,
        db_roundtrip,
    )
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(report)
    print(report)
    log(f"written to {REPORT.relative_to(BASE_DIR)}")


def fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


def render_report(
    pages, small, large, build_small, build_large, build_index, info, elapsed, db_roundtrip
):
    by_name = {page["name"]: page for page in pages}
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py); do not edit by hand, run it again.",
        "",
        f"- Datum: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Maschine: {info['cpu']}, {info['memory']}, {info['system']}",
        f"- Last (loadavg 1/5/15 min) am Ende: {info['load']} – die Maschine wird geteilt,"
        " die Zahlen schwanken entsprechend.",
        f"- Python {info['python']}, PostgreSQL {info['postgres']},"
        f" gunicorn {WORKERS} sync workers, whitenoise, production settings",
        f"- Last: wrk, 2 Threads, {CONNECTIONS} Verbindungen, {SECONDS} s je Messung,"
        " vom selben Rechner",
        f"- Daten: {CHAPTERS} Ortsvereine, {ARTICLES} Artikel (Ortsverein ov-000 mit dem"
        f" größten Anteil), {PRESS_RELEASES} Pressemitteilungen;"
        f" Aufbau {build_small:.0f} s + {build_large:.0f} s, Suchindex {build_index:.0f} s",
        f"- Gesamtlaufzeit: {elapsed / 60:.1f} min",
        f"- Datenbank-Roundtrip (`SELECT 1`, Median im Prozess): {db_roundtrip} ms – jede"
        " Abfrage einer Seite kostet mindestens das.",
        "",
        "kalt = Seiten- und Fragment-Cache aus (jede Anfrage rendert mit Datenbank);"
        " warm = Cache an (nach zwei Anfragen zum Füllen).",
        "Statisch = eine Datei gleicher Größe, von whitenoise im selben gunicorn"
        " ausgeliefert. Verhältnis = req/s der Seite / req/s der statischen Datei.",
        "",
        "| Seitentyp | Größe | Abfragen | kalt req/s | kalt p50 ms | kalt p99 ms"
        " | warm req/s | warm p50 ms | warm p99 ms | statisch req/s | kalt/statisch"
        " | warm/statisch |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in pages:
        cold, warm, static = page["cold"], page["warm"], page["static"]
        errors = cold["errors"] + warm["errors"] + static["errors"]
        lines.append(
            f"| {page['name']} (`{page['url']}`){' ⚠ ' + str(errors) + ' Fehler' if errors else ''}"
            f" | {page['bytes'] / 1024:.1f} KiB | {page['queries']}"
            f" | {fmt(cold['rps'], 0)} | {fmt(cold['p50'])} | {fmt(cold['p99'])}"
            f" | {fmt(warm['rps'], 0)} | {fmt(warm['p50'], 2)} | {fmt(warm['p99'], 2)}"
            f" | {fmt(static['rps'], 0)}"
            f" | {cold['rps'] / static['rps']:.3f} | {warm['rps'] / static['rps']:.2f} |"
        )
    lines += ["", "## Ziele", ""]
    first, deep = by_name.get("Nachrichten Seite 1"), by_name.get("Nachrichten Seite 500")
    targets = []
    worst_warm = min(pages, key=lambda p: p["warm"]["rps"] / p["static"]["rps"])
    ratio = worst_warm["warm"]["rps"] / worst_warm["static"]["rps"]
    targets.append(
        (
            "warm ≥ 0,8 × statisch (schlechtester Seitentyp: " + worst_warm["name"] + ")",
            f"{ratio:.2f}",
            ratio >= 0.8,
        )
    )
    for name in ("Artikel", "Ortsverein-Startseite"):
        if name in by_name:
            page = by_name[name]
            value = page["cold"]["rps"] / page["static"]["rps"]
            targets.append((f"{name} kalt ≥ 0,1 × statisch", f"{value:.3f}", value >= 0.1))
    if first and deep:
        value = deep["cold"]["p50"] / first["cold"]["p50"]
        in_process = deep["render_ms"] / first["render_ms"]
        targets.append(
            (
                "Nachrichten Seite 500 ≤ 1,5 × Seite 1 (kalt, p50 über HTTP)",
                f"{value:.2f}",
                value <= 1.5,
            )
        )
        targets.append(
            ("dasselbe, Renderzeit im Prozess (Median)", f"{in_process:.2f}", in_process <= 1.5)
        )
    value = large["render_ms"] / small["render_ms"]
    targets.append(
        (
            f"Artikel bei {ARTICLES} ≤ 1,3 × bei 200 Artikeln (Renderzeit im Prozess:"
            f" {small['render_ms']} ms → {large['render_ms']} ms; Abfragen"
            f" {small['queries']} → {large['queries']})",
            f"{value:.2f}",
            value <= 1.3,
        )
    )
    lines += ["| Ziel | gemessen | erreicht |", "|---|---:|---|"]
    lines += [f"| {name} | {value} | {'ja' if ok else 'nein'} |" for name, value, ok in targets]
    states = {page["name"]: page.get("cache_state") for page in pages}
    misses = [name for name, state in states.items() if state != "hit"]
    lines += [
        "",
        "Cache-Zustand beim Füllen (zweite Anfrage): "
        + ("überall `hit`." if not misses else "kein Treffer bei " + ", ".join(misses) + "."),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
