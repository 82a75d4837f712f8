"""Calendar subscriptions in the admin: the listing with status and error, "Jetzt
importieren" from the listing and the edit view, and each chapter's editors limited to
their own chapter's subscriptions; the regional admin sees all."""

import pytest
from django.contrib.auth.models import Group, Permission

from chapters.provisioning import add_chapter_member, provision_chapter, retire_chapter
from chapters.roles import REGIONAL_ADMIN_GROUP
from events.models import CalendarSubscription, EventIndexPage, EventPage
from tests import factories
from tests.admin_helpers import refused

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]
ADMIN = "/admin/snippets/events/calendarsubscription/"


@pytest.fixture(autouse=True)
def loopback_allowed(settings):
    settings.OUTBOUND_ALLOWLIST = ["127.0.0.1"]


@pytest.fixture
def world(home, feed_server):
    a = provision_chapter(home, "SPD Wustermark", slug="wustermark")
    b = provision_chapter(home, "SPD Falkensee", slug="falkensee")
    url = feed_server.serve(
        "/a.ics",
        body=b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x@example.org\r\nSUMMARY:Sitzung\r\n"
        b"DTSTART:20300110T190000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        headers={"Content-Type": "text/calendar"},
    )
    subs = {}
    for key, chapter in (("a", a), ("b", b)):
        target = EventIndexPage.objects.child_of(chapter).get()
        subs[key] = CalendarSubscription.objects.create(
            name=f"Kalender {chapter.title}", url=url, target=target
        )
    editor = factories.UserFactory(username="editor_a")
    add_chapter_member(a, editor)
    regio = factories.UserFactory(username="regio")
    regio.groups.add(Group.objects.get(name=REGIONAL_ADMIN_GROUP))
    return {"a": a, "b": b, "subs": subs, "editor": editor, "regio": regio}


def test_editor_manages_only_the_own_chapter(client, world):
    client.force_login(world["editor"])
    own, other = world["subs"]["a"], world["subs"]["b"]
    listing = client.get(ADMIN).content.decode()
    assert own.name in listing and other.name not in listing
    assert "Jetzt importieren" in listing and "noch nie abgerufen" in listing
    for action in ("edit", "history", "usage"):
        assert client.get(f"{ADMIN}{action}/{own.pk}/").status_code == 200
    for action in ("edit", "import", "delete", "history", "usage"):
        url = f"{ADMIN}{action}/{other.pk}/"
        assert refused(client.get(url), url)
    assert refused(client.post(f"{ADMIN}import/{other.pk}/"), f"{ADMIN}import/{other.pk}/")
    assert refused(client.post(f"{ADMIN}delete/{other.pk}/"), f"{ADMIN}delete/{other.pk}/")
    assert CalendarSubscription.objects.count() == 2 and not EventPage.objects.exists()

    # The form offers only the own Termine; a forged target is refused.
    form = client.get(f"{ADMIN}add/").content.decode()
    assert "SPD Wustermark – Termine" in form and "SPD Falkensee" not in form
    other_target = world["subs"]["b"].target_id
    response = client.post(
        f"{ADMIN}add/",
        {
            "name": "Fremd",
            "url": "https://example.org/k.ics",
            "target": other_target,
            "active": "on",
        },
    )
    assert response.status_code == 200 and not CalendarSubscription.objects.filter(name="Fremd")

    response = client.post(f"{ADMIN}import/{own.pk}/", follow=True)
    assert "1 neu, 0 aktualisiert, 0 unverändert" in response.content.decode()
    assert EventPage.objects.child_of(own.target).count() == 1
    edit = client.get(f"{ADMIN}edit/{own.pk}/").content.decode()
    assert f"{ADMIN}import/{own.pk}/" in edit


def test_regional_admin_sees_and_imports_all(client, world):
    client.force_login(world["regio"])
    listing = client.get(ADMIN).content.decode()
    assert all(sub.name in listing for sub in world["subs"].values())
    other = world["subs"]["b"]
    assert client.get(f"{ADMIN}edit/{other.pk}/").status_code == 200
    client.post(f"{ADMIN}import/{other.pk}/")
    other.refresh_from_db()
    assert other.last_created == 1 and other.last_error == ""


def test_errors_show_in_the_listing(client, world, feed_server):
    sub = world["subs"]["a"]
    sub.url = feed_server.url("/fehlt.ics")
    sub.save()
    client.force_login(world["editor"])
    response = client.post(f"{ADMIN}import/{sub.pk}/", follow=True)
    assert "FEHLER" in response.content.decode()
    listing = client.get(ADMIN).content.decode()
    assert "FEHLER" in listing and "404" in listing


def test_retired_chapters_lose_the_subscription_rights(world):
    editors = world["a"].team.editors
    codename = "change_calendarsubscription"
    assert editors.permissions.filter(codename=codename).exists()
    assert not world["a"].team.authors.permissions.filter(codename=codename).exists()
    assert Permission.objects.filter(group__name=REGIONAL_ADMIN_GROUP, codename=codename)
    retire_chapter(world["a"])
    assert not editors.permissions.filter(codename=codename).exists()
