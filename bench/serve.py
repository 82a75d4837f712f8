"""The benchmark's HTTP side: gunicorn started with the production configuration
(site/deploy/gunicorn.conf.py), wrk runs with every error counted, cache warm-up that
reaches every worker, and an editor publishing in the admin over HTTP."""

import http.client
import json
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
GUNICORN_CONF = BASE_DIR / "site" / "deploy" / "gunicorn.conf.py"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


class Server:
    """gunicorn as production runs it (gthread workers, threads, keep-alive from
    gunicorn.conf.py) with the task worker beside it (chapterhouse-worker.service); only
    bind, worker count and the page-cache switch come from here.

    The fragment caches stay on, as in production: "cold" is a page not in the page cache
    whose chapter's shared parts (menu, footer, press feed, banner, a news index's filters)
    are warm, as they are after any page of the chapter was read once."""

    def __init__(self, python, environment, port, workers, page_cache):
        self.python = python
        self.environment = dict(environment)
        self.environment.update(
            GUNICORN_BIND=f"127.0.0.1:{port}",
            GUNICORN_WORKERS=str(workers),
            GUNICORN_LOGLEVEL="warning",
            PAGE_CACHE_ENABLED="true" if page_cache else "false",
            FRAGMENT_CACHE_ENABLED="true",
        )
        self.port = port
        self.process = self.worker = None

    def __enter__(self):
        self.process = subprocess.Popen(  # noqa: S603 - our own command
            [str(Path(self.python).parent / "gunicorn"), "-c", str(GUNICORN_CONF)],
            cwd=BASE_DIR,
            env=self.environment,
        )
        self.worker = subprocess.Popen(  # noqa: S603 - our own command
            [self.python, "manage.py", "db_worker", "--interval", "0.5", "-v0"],
            cwd=BASE_DIR,
            env=self.environment,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=10)  # noqa: S310
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise SystemExit("gunicorn did not answer within 90 s")

    def __exit__(self, *exc):
        for process in (self.process, self.worker):
            process.terminate()
            process.wait(timeout=60)


def wrk(port, path, seconds, connections, threads=2, timeout=30, workers=None, attempts=4):
    """req/s, p50/p99 in ms and every kind of failure wrk reports (socket errors by kind,
    timeouts after *timeout* seconds, non-2xx/3xx answers).

    wrk keeps its connections open, and each stays with the gunicorn worker that accepted
    it; the kernel sometimes hands all of them to one worker, which then serves alone at
    half the speed (measured: 75 instead of 160 req/s). With *workers*, a run in which a
    worker held less than half its share of the connections is repeated (up to *attempts*
    runs in all); `repeats` counts them, `spread` is the last run's connections per worker.
    Failures of a repeated run still count."""
    repeats, failures = 0, Counter()
    while True:
        process = subprocess.Popen(  # noqa: S603
            [
                "wrk",
                f"-t{min(threads, connections)}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                f"{timeout}s",
                "--latency",
                f"http://127.0.0.1:{port}{path}",
            ],
            text=True,
            stdout=subprocess.PIPE,
        )
        time.sleep(min(1.0, seconds / 3))  # every connection is open by then
        spread = connection_spread(port)
        output = process.communicate()[0]
        if process.returncode:
            raise subprocess.CalledProcessError(process.returncode, "wrk", output)
        result = parse_wrk(output)
        failures.update(result["failures"])
        if not (workers and uneven(spread, workers, connections)) or repeats + 1 >= attempts:
            break
        repeats += 1
    result.update(
        failures=dict(failures), spread=sorted(spread.values(), reverse=True), repeats=repeats
    )
    return result


def connection_spread(port):
    """{process id: established connections to *port*} (Linux `ss`; {} where unknown)."""
    try:
        output = subprocess.run(  # noqa: S603
            ["ss", "-tnpH", "state", "established", f"( sport = :{port} )"],  # noqa: S607
            text=True,
            capture_output=True,
            check=False,
        ).stdout
    except OSError:
        return {}
    return parse_spread(output)


def parse_spread(output):
    return dict(Counter(re.findall(r"pid=(\d+)", output)))


def uneven(spread, workers, connections):
    """Whether some worker held less than half its share of the connections (a worker
    without any is not in *spread*). An unknown spread counts as even."""
    if not spread:
        return False
    counts = [*spread.values(), *[0] * max(0, workers - len(spread))]
    return min(counts) < connections / workers / 2


def parse_wrk(output):
    def latency(percent):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        return float(match.group(1)) * UNITS[match.group(2)] if match else None

    failures = {}
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket:
        kinds = ("connect", "read", "write", "timeout")
        for kind, value in zip(kinds, socket.groups(), strict=True):
            if int(value):
                failures[kind] = int(value)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx and int(non_2xx.group(1)):
        failures["non-2xx"] = int(non_2xx.group(1))
    requests = re.search(r"(\d+) requests in", output)
    if not requests or not int(requests.group(1)):
        failures["none-completed"] = 1  # not one answer within the measuring time
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "requests": int(requests.group(1)) if requests else 0,
        "failures": failures,
    }


def settle(port, timeout=120.0):
    """Wait until the server answers /healthz quickly twice in a row: requests wrk gave up
    on at the end of a run are still being rendered and would slow the next measurement."""
    deadline, quick = time.monotonic() + timeout, 0
    while quick < 2 and time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=60).read()  # noqa: S310
        except OSError:
            quick = 0
            continue
        quick = quick + 1 if time.perf_counter() - started < 0.05 else 0
        time.sleep(0.05)


def ratio(run):
    """Page req/s over static req/s of one round (0 when the static file got no answer)."""
    return run["page"]["rps"] / run["static"]["rps"] if run["static"]["rps"] else 0.0


def warm_up(port, path, workers, seconds=1, connections=None, timeout=30):
    """Load *path* on every worker: a short wrk burst with more connections than workers
    and threads, then new connections (each may land on any worker) until 4 x workers in a
    row answer as cache hits. Returns the last X-Page-Cache state (None if caches off) and
    the failures seen while warming up (they count like those of a measurement, with the
    same *timeout*)."""
    connections = connections or max(8, 4 * workers)
    failures = wrk(port, path, seconds, connections, timeout=timeout)["failures"]
    state, in_a_row = None, 0
    for _ in range(40 * workers):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        connection.close()
        state = response.getheader("X-Page-Cache")
        if response.status >= 400:
            failures["non-2xx"] = failures.get("non-2xx", 0) + 1
        in_a_row = in_a_row + 1 if state == "hit" else 0
        if state is None or in_a_row >= 4 * workers:
            break
    return state, failures


def transfer_sizes(port, path):
    """Bytes on the wire for *path* as a browser asking for gzip or brotli receives it."""
    sizes = {}
    for encoding in ("gzip", "br"):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.request("GET", path, headers={"Accept-Encoding": encoding})
        response = connection.getresponse()
        sizes[response.getheader("Content-Encoding") or "identity"] = len(response.read())
        connection.close()
    return sizes


class Browser:
    """An editor's browser: keeps cookies (the bench serves plain HTTP with
    SECURE_COOKIES=false), sends the CSRF token like Django's forms."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, fields=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response.status, content

    def log_in(self, username, password):
        self.request("GET", "/admin/login/")
        status, _ = self.request(
            "POST", "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
        )
        if status != 302:
            raise SystemExit(f"admin login failed: HTTP {status}")

    def post_form(self, path, fields, expected=302):
        status, content = self.request("POST", path, fields)
        if status != expected:
            errors = re.findall(r'class="error-message">\s*(?:<span>)?([^<]+)', content.decode())
            raise SystemExit(f"POST {path}: HTTP {status} {errors or content[:300]!r}")

    def publish(self, page_id):
        """Publish the page's latest revision with the admin's bulk action (the same view an
        editor's "Veröffentlichen" in the page listing posts to)."""
        path = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/"
        self.post_form(path, {"include_descendants": ""})

    def publish_banner(self, banner_pk, title):
        """Give the banner a new title in the snippet editor and publish it."""
        path = f"/admin/snippets/notices/banner/edit/{banner_pk}/"
        _status, html = self.request("GET", path)
        # The revision the form was loaded from (none before the banner's first revision).
        revision = dict(
            re.findall(r'name="(loaded_revision_[a-z_]+)" value="([^"]*)"', html.decode())
        )
        text = {"blocks": [{"key": "b1", "type": "unstyled", "depth": 0, "text": title,
                            "inlineStyleRanges": [], "entityRanges": [], "data": {}}],
                "entityMap": {}}  # fmt: skip
        fields = {"title": title, "text": json.dumps(text), "link_url": "", "link_text": ""}
        fields.update(show_from="", show_until="", **revision)
        self.post_form(path, {**fields, "action-publish": "action-publish"})

    def create_chapter(self, region_pk, title, slug):
        """The regional admin's "Ortsverein anlegen" form."""
        fields = {"region": region_pk, "title": title, "slug": slug, "host_name": ""}
        self.post_form("/admin/ortsvereine/neu/", {**fields, "municipality": ""})


def until_visible(port, action, url, marker, timeout=30.0):
    """Seconds from the editor's request (*action*) until an anonymous reader's request for
    *url* (through the page cache) shows *marker*."""
    started = time.perf_counter()
    action()
    published = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=30) as response:  # noqa: S310
                if marker.encode() in response.read():
                    return {
                        "publish_s": published - started,
                        "visible_s": time.perf_counter() - started,
                    }
        except urllib.error.HTTPError:
            pass  # a new chapter: 404 until it exists
        time.sleep(0.005)
    return {"publish_s": published - started, "visible_s": None}
