"""Real servers for the fault tests: a private PostgreSQL cluster and a private Redis,
each in its own temporary folder on a free loopback port, and the app itself under
gunicorn with the production settings. Never touches the shared PostgreSQL cluster."""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import requests
from django.conf import settings

from tests.admin_helpers import article_form_data


def _newest_pg_bin():
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    return candidates[-1] if candidates else Path("/usr/lib/postgresql/15/bin")


PG_BIN = Path(os.environ.get("PG_BIN") or _newest_pg_bin())
PRODUCTION_SECRET = "fault-test-" + "k" * 50
# collectstatic target of this test run (own folder, so parallel runs never share one).
STATIC_ROOT = Path(tempfile.gettempdir()) / f"chapterhouse-static-{os.getpid()}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, timeout=60, interval=0.1, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise TimeoutError(f"{what} not reached within {timeout}s")


def port_open(port):
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class PostgresServer:
    """initdb + pg_ctl in a temp dir. initdb refuses root, so as root it runs as the
    `postgres` system user."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="chapterhouse-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")

    def _run(self, *args, check=True):
        command = [str(arg) for arg in args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(  # noqa: S603
            command, cwd=self.dir, capture_output=True, text=True, check=check, timeout=120
        )

    def init(self):
        self._run(
            PG_BIN / "initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
        )
        return self

    def running(self):
        return self._run(PG_BIN / "pg_ctl", "-D", self.data, "status", check=False).returncode == 0

    def start(self):
        if self.running():
            return self
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            PG_BIN / "pg_ctl",
            "-D",
            self.data,
            "-l",
            self.dir / "server.log",
            "-o",
            options,
            "-w",
            "start",
        )
        return self

    def stop(self):
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop", check=False)

    def destroy(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def psql(self, sql, database="postgres"):
        result = self._run(
            PG_BIN / "psql",
            "-h",
            "127.0.0.1",
            "-p",
            self.port,
            "-U",
            "postgres",
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-tAc",
            sql,
        )
        return result.stdout.strip()

    def create_database(self, name, template=None):
        suffix = f" TEMPLATE {template}" if template else ""
        self.psql(f'CREATE DATABASE "{name}"{suffix}')


class RedisServer:
    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        redis = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(  # noqa: S603
            [
                redis,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: port_open(self.port), timeout=20, what="redis up")
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        wait_until(lambda: not port_open(self.port), timeout=20, what="redis down")

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


def production_env(**overrides):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(settings.BASE_DIR)),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": PRODUCTION_SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "STATIC_ROOT": str(STATIC_ROOT),
        "LOG_FORMAT": "json",
    }
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def manage(*args, env, timeout=300):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )


class AppServer:
    """gunicorn with the production settings (one worker unless told), stdout captured to
    a file."""

    def __init__(self, env, log_path, workers=1, threads=2):
        self.port = free_port()
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": str(threads),
        }
        self.log_path = log_path
        self.process = None

    def start(self):
        self.log = open(self.log_path, "w")  # noqa: SIM115
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(  # noqa: S603
            [str(gunicorn), "--config", "site/deploy/gunicorn.conf.py"],
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_until(lambda: port_open(self.port), timeout=60, what="gunicorn up")
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.log.close()

    def get(self, path, timeout=10):
        """(status, body) over real HTTP; errors statuses are returned, not raised."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def publish_article(base, username, password, index_pk, title, slug):
    """Log in to the admin at *base* over HTTP and publish a new article under the news
    index *index_pk*, as an editor's browser would; returns the response to the publish."""
    editor = requests.Session()
    login = editor.get(f"{base}/admin/login/", timeout=30).text
    editor.post(
        f"{base}/admin/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": csrf_token(login)},
        timeout=30,
    )
    add_url = f"{base}/admin/pages/add/news/newsarticlepage/{index_pk}/"
    form = article_form_data(title, slug, action="action-publish")
    form["csrfmiddlewaretoken"] = csrf_token(editor.get(add_url, timeout=30).text)
    return editor.post(add_url, data=form, timeout=60, allow_redirects=False)
