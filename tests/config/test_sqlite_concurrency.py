"""The embedded SQLite default under an editor's normal use, over real HTTP.

gunicorn (production settings, 2 workers x 4 threads) serves a SQLite *file*. In every
round editors open one banner in the snippet editor at the same moment; one publishes
while the others autosave (Wagtail 8's autosave: a JSON POST to the edit view, then
overwriting its own revision). Every publish must land — the live revision and the public
page show its title — and no request may fail with a 5xx. Without WAL, a busy timeout and
IMMEDIATE transactions (config/settings/base.py) this collision ended in "database is
locked", a 503 and a lost publish."""

import json
import re
import sqlite3
import threading
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field

import pytest
import requests

from tests.servers import AppServer, manage, production_env

ROUNDS = 100
AUTOSAVERS = 3
USERNAME = "redaktion"
PASSWORD = "ein-langes-passwort-fuer-den-test"

SETUP = f"""
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from notices.models import Banner

get_user_model().objects.create_superuser({USERNAME!r}, "redaktion@example.org", {PASSWORD!r})
banner = Banner.objects.create(title="Start", locale=Locale.get_default(), live=True)
banner.save_revision().publish()
print(banner.pk)
"""


def draftail(text):
    """The rich-text field as Draftail posts it (contentstate JSON)."""
    block = {
        "key": "t1",
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [],
        "entityRanges": [],
        "data": {},
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


def form_value(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"{name} missing from the edit form"
    return match.group(1)


@dataclass
class Round:
    number: int
    responses: list = field(default_factory=list)  # (who, method, status, excerpt)
    errors: list = field(default_factory=list)

    @property
    def published_title(self):
        return f"Veröffentlicht in Runde {self.number}"


@pytest.fixture(scope="module")
def sqlite_app(tmp_path_factory, collected_static):
    folder = tmp_path_factory.mktemp("sqlite-app")
    database = folder / "db.sqlite3"
    env = production_env(
        DATABASE_URL=f"sqlite:///{database}",
        MEDIA_ROOT=folder / "media",
        CACHE_DIR=folder / "cache",
    )
    manage("migrate", "--no-input", env=env)
    banner_pk = int(manage("shell", "-c", SETUP, env=env).stdout.strip().splitlines()[-1])
    app = AppServer(env, folder / "gunicorn.log", workers=2, threads=4).start()
    try:
        yield app, database, banner_pk
    finally:
        app.stop()


def log_in(base):
    http = requests.Session()
    page = http.get(f"{base}/admin/login/", timeout=30)
    response = http.post(
        f"{base}/admin/login/",
        data={
            "username": USERNAME,
            "password": PASSWORD,
            "csrfmiddlewaretoken": form_value(page.text, "csrfmiddlewaretoken"),
        },
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:500]
    return http.cookies.get_dict()


class Editor:
    """One browser tab with the banner's edit view open (own HTTP connection, shared
    login)."""

    def __init__(self, name, base, banner_pk, cookies, current):
        self.name = name
        self.url = f"{base}/admin/snippets/notices/banner/edit/{banner_pk}/"
        self.http = requests.Session()
        self.http.cookies.update(cookies)
        self.current = current

    def record(self, method, response):
        self.current.responses.append(
            (self.name, method, response.status_code, response.text[:300])
        )
        return response

    def open(self):
        response = self.record("GET", self.http.get(self.url, timeout=60))
        html = response.text
        self.form = {
            "csrfmiddlewaretoken": form_value(html, "csrfmiddlewaretoken"),
            "loaded_revision_id": form_value(html, "loaded_revision_id"),
            "loaded_revision_created_at": form_value(html, "loaded_revision_created_at"),
            "link_url": "",
            "link_text": "",
            "show_from": "",
            "show_until": "",
        }

    def autosave(self, title, overwrite_revision_id=None):
        data = {**self.form, "title": title, "text": draftail(f"Text: {title}")}
        if overwrite_revision_id:
            data["overwrite_revision_id"] = overwrite_revision_id
        response = self.http.post(
            self.url, data=data, headers={"Accept": "application/json"}, timeout=60
        )
        return self.record("autosave", response)

    def publish(self, title):
        response = self.http.post(
            self.url,
            data={
                **self.form,
                "title": title,
                "text": draftail(f"Text: {title}"),
                "action-publish": "action-publish",
            },
            allow_redirects=False,
            timeout=60,
        )
        return self.record("publish", response)


def run_round(current, editors):
    everyone_opens = threading.Barrier(len(editors))
    everyone_saves = threading.Barrier(len(editors))

    def publisher(editor):
        everyone_opens.wait()
        editor.open()
        everyone_saves.wait()
        response = editor.publish(current.published_title)
        if response.status_code < 500 and response.status_code != 302:
            current.errors.append(f"publish answered {response.status_code}")

    def autosaver(editor, index):
        everyone_opens.wait()
        editor.open()
        everyone_saves.wait()
        title = f"Entwurf {current.number}.{index}"
        response = editor.autosave(title)
        if response.status_code == 200:
            # The next keystroke: the browser overwrites its own autosave revision.
            editor.autosave(title + " weiter", response.json()["revision_id"])

    def guarded(target, *args):
        try:
            target(*args)
        except Exception as error:  # a failing thread fails its round
            current.errors.append(f"{target.__name__}: {error!r}")
            everyone_opens.abort()
            everyone_saves.abort()

    threads = [threading.Thread(target=guarded, args=(publisher, editors[0]))]
    threads += [
        threading.Thread(target=guarded, args=(autosaver, editor, index))
        for index, editor in enumerate(editors[1:], start=1)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for who, method, status, excerpt in current.responses:
        if status >= 500:
            current.errors.append(f"{who} {method} answered {status}: {excerpt[:120]!r}")
        elif method == "autosave" and status != 200 and "invalid_revision" not in excerpt:
            # 400 invalid_revision is Wagtail refusing to overwrite a newer revision.
            current.errors.append(f"{who} autosave answered {status}: {excerpt[:120]!r}")


def check_published(current, database, banner_pk, app):
    """The publish of this round is live: in the banner row, its live revision and on the
    public home page."""
    with closing(sqlite3.connect(database, timeout=20)) as db:
        row = db.execute(
            "SELECT b.title, b.live, r.content FROM notices_banner b "
            "LEFT JOIN wagtailcore_revision r ON r.id = b.live_revision_id WHERE b.id = ?",
            (banner_pk,),
        ).fetchone()
    title, live, content = row
    live_revision = json.loads(content) if content else {}
    expected = current.published_title
    if (
        not live
        or title != expected
        or live_revision.get("title") != expected
        or f"Text: {expected}" not in live_revision.get("text", "")
    ):
        current.errors.append(
            f"publish lost: live={live} title={title!r} "
            f"live revision={live_revision.get('title')!r}"
        )
    status, body = app.get("/", timeout=60)
    if status != 200 or expected not in body:
        current.errors.append(f"home page {status} does not show {expected!r}")


def test_autosave_and_publish_together_lose_no_publish(sqlite_app):
    app, database, banner_pk = sqlite_app
    base = f"http://127.0.0.1:{app.port}"
    cookies = log_in(base)
    started = time.monotonic()
    failed = []
    statuses = Counter()
    for number in range(1, ROUNDS + 1):
        current = Round(number)
        editors = [
            Editor(name, base, banner_pk, cookies, current)
            for name in ["publish", *(f"autosave{i}" for i in range(1, AUTOSAVERS + 1))]
        ]
        run_round(current, editors)
        check_published(current, database, banner_pk, app)
        statuses.update((method, status) for _, method, status, _ in current.responses)
        if current.errors:
            failed.append(current)
    duration = time.monotonic() - started

    locked = app.log_path.read_text().count("database is locked")
    summary = "\n".join(f"round {r.number}: {'; '.join(r.errors)}" for r in failed[:10])
    assert not failed, (
        f"{len(failed)} of {ROUNDS} rounds failed in {duration:.0f}s "
        f"({locked} 'database is locked' in the server log; {dict(statuses)}):\n{summary}"
    )
    # The rounds really wrote at the same time: drafts were saved, not only refused.
    assert statuses["autosave", 200] >= ROUNDS, dict(statuses)
