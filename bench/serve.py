"""The benchmark's HTTP side: gunicorn started with the production configuration
(site/deploy/gunicorn.conf.py), wrk runs with every error counted, cache warm-up that
reaches every worker, and an editor publishing in the admin over HTTP."""

import http.client
import re
import subprocess
import time
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
GUNICORN_CONF = BASE_DIR / "site" / "deploy" / "gunicorn.conf.py"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


class Server:
    """gunicorn as production runs it (gthread workers, threads, keep-alive from
    gunicorn.conf.py); only bind, worker count and the cache switches come from here."""

    def __init__(self, python, environment, port, workers, caches_on):
        self.python = python
        self.environment = dict(environment)
        flag = "true" if caches_on else "false"
        self.environment.update(
            GUNICORN_BIND=f"127.0.0.1:{port}",
            GUNICORN_WORKERS=str(workers),
            GUNICORN_LOGLEVEL="warning",
            PAGE_CACHE_ENABLED=flag,
            FRAGMENT_CACHE_ENABLED=flag,
        )
        self.port = port
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(  # noqa: S603 - our own command
            [str(Path(self.python).parent / "gunicorn"), "-c", str(GUNICORN_CONF)],
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
        self.process.terminate()
        self.process.wait(timeout=60)


def wrk(port, path, seconds, connections, threads=2):
    """req/s, p50/p99 in ms and every kind of failure wrk reports (socket errors by kind,
    timeouts, non-2xx/3xx answers)."""
    output = subprocess.run(  # noqa: S603
        [
            "wrk",
            f"-t{min(threads, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    ).stdout
    return parse_wrk(output)


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
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "requests": int(requests.group(1)) if requests else 0,
        "failures": failures,
    }


def warm_up(port, path, workers, seconds=1, connections=None):
    """Load *path* on every worker: a short wrk burst with more connections than workers
    and threads, then new connections (each may land on any worker) until 4 x workers in a
    row answer as cache hits. Returns the last X-Page-Cache state (None if caches off) and
    the failures seen while warming up (they count like those of a measurement)."""
    failures = wrk(port, path, seconds, connections or max(8, 4 * workers))["failures"]
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

    def publish(self, page_id):
        """Publish the page's latest revision with the admin's bulk action (the same view an
        editor's "Veröffentlichen" in the page listing posts to)."""
        path = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/"
        status, _ = self.request("POST", path, {"include_descendants": ""})
        if status not in (200, 302):
            raise SystemExit(f"publish failed: HTTP {status}")


def publish_to_visible(port, browser, page_id, url, marker, timeout=30.0):
    """Seconds from sending the publish request until an anonymous reader's request for
    *url* (through the page cache) shows *marker*."""
    started = time.perf_counter()
    browser.publish(page_id)
    published = time.perf_counter()
    while time.perf_counter() - started < timeout:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=30) as response:  # noqa: S310
            if marker.encode() in response.read():
                return {
                    "publish_s": published - started,
                    "visible_s": time.perf_counter() - started,
                }
        time.sleep(0.005)
    return {"publish_s": published - started, "visible_s": None}
