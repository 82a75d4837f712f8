"""`manage.py import_press_releases` against feeds on a loopback HTTP server."""

import io

import pytest
from django.core.management import CommandError, call_command

from press.models import PressRelease, PressReleaseFeed
from tests.feedserver import Response
from tests.press.test_importer import ATOM, RSS1, RSS2

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    try:
        call_command("import_press_releases", *args, stdout=out)
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


def test_prints_one_line_per_feed_and_succeeds(feed_server):
    PressReleaseFeed.objects.create(name="spd.de", url=feed_server.serve("/a", RSS2))
    PressReleaseFeed.objects.create(name="Fraktion", url=feed_server.serve("/b", RSS1))
    PressReleaseFeed.objects.create(
        name="Abgeschaltet", url=feed_server.serve("/c", ATOM), active=False
    )

    output, error = run()

    assert error is None
    assert output.splitlines() == [
        "Fraktion: 1 neu, 0 aktualisiert, 0 unverändert",
        "spd.de: 2 neu, 0 aktualisiert, 0 unverändert",
    ]
    assert PressRelease.objects.count() == 3

    output, error = run()
    assert output.splitlines() == [
        "Fraktion: 0 neu, 0 aktualisiert, 1 unverändert",
        "spd.de: 0 neu, 0 aktualisiert, 2 unverändert",
    ]


def test_a_failing_feed_exits_1_without_stopping_the_others(feed_server):
    PressReleaseFeed.objects.create(
        name="Aaa kaputt", url=feed_server.serve("/broken", Response(b"", status=404))
    )
    PressReleaseFeed.objects.create(name="spd.de", url=feed_server.serve("/a", RSS2))

    output, error = run()

    assert error is not None
    assert error.returncode == 1
    assert "1 von 2 Feeds" in str(error)
    lines = output.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Aaa kaputt: FEHLER – Die Adresse gibt es beim Server nicht (404)")
    assert lines[1] == "spd.de: 2 neu, 0 aktualisiert, 0 unverändert"
    assert PressRelease.objects.count() == 2


def test_exit_status_is_1_when_run_like_from_cron(feed_server, capsys):
    from django.core.management import ManagementUtility

    PressReleaseFeed.objects.create(
        name="Kaputt", url=feed_server.serve("/broken", Response(b"<html>", status=500))
    )

    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "import_press_releases"]).execute()

    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("Kaputt: FEHLER – Der Server meldet einen Fehler (500)")
    assert "1 von 1 Feeds konnten nicht importiert werden." in captured.err


def test_feed_option_imports_only_that_feed(feed_server):
    PressReleaseFeed.objects.create(name="spd.de", url=feed_server.serve("/a", RSS2))
    PressReleaseFeed.objects.create(name="Fraktion", url=feed_server.serve("/b", RSS1))

    output, error = run("--feed", "Fraktion")

    assert error is None
    assert output.splitlines() == ["Fraktion: 1 neu, 0 aktualisiert, 0 unverändert"]
    assert feed_server.requests_for("/a") == []

    _, error = run("--feed", "Gibt es nicht")
    assert "keinen Feed namens „Gibt es nicht“" in str(error)


def test_url_option_registers_a_new_feed_once(feed_server):
    url = feed_server.serve("/new", RSS2)

    output, error = run("--url", url, "--name", "Neu")

    assert error is None
    assert output.splitlines() == [
        f"Feed „Neu“ ({url}) angelegt.",
        "Neu: 2 neu, 0 aktualisiert, 0 unverändert",
    ]
    output, error = run("--url", url, "--name", "Neu")
    assert output.splitlines() == ["Neu: 0 neu, 0 aktualisiert, 2 unverändert"]
    assert PressReleaseFeed.objects.get().name == "Neu"


def test_url_option_refuses_bad_input(feed_server):
    PressReleaseFeed.objects.create(name="Neu", url=feed_server.serve("/a", RSS2))

    _, error = run("--url", feed_server.url("/other"))
    assert "--name" in str(error)
    _, error = run("--url", feed_server.url("/other"), "--name", "Neu")
    assert "Name" in str(error) and "existiert bereits" in str(error)
    _, error = run("--url", "kein-url", "--name", "Anders")
    assert "Feed-Adresse" in str(error)
    assert PressReleaseFeed.objects.count() == 1
