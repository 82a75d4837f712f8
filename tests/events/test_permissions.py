"""A chapter editor adds events to the own chapter's Termine, not to another chapter's
(over the admin URL, as in tests/chapters/test_permissions_matrix.py)."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from chapters.provisioning import add_chapter_member, provision_chapter
from events.models import EventIndexPage, EventPage
from tests import factories
from tests.admin_helpers import refused

pytestmark = pytest.mark.django_db


def event_form_data(title, slug):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "start": "2030-01-07 19:00",
            "end": "",
            "status": "planned",
            "repeat": "monthly",
            "repeat_interval": 1,
            "repeat_weekday": "",
            "repeat_nth": 1,
            "repeat_until": "",
            "repeat_count": 6,
            "exceptions": inline_formset([{"date": "2030-03-04", "kind": "cancelled"}]),
            "place": "Rathaus",
            "address": "",
            "map_url": "",
            "online_url": "",
            "organiser": "",
            "category": "",
            "registration_url": "",
            "teaser": "Alle sind eingeladen.",
            "body": streamfield([("paragraph", rich_text("<p>Tagesordnung folgt.</p>"))]),
            "attachments": inline_formset([]),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
        }
    )


@pytest.fixture
def world(home, client):
    own = provision_chapter(home, "SPD Wustermark", slug="wustermark")
    other = provision_chapter(home, "SPD Falkensee", slug="falkensee")
    editor = factories.UserFactory(username="redakteurin")
    add_chapter_member(own, editor)
    client.force_login(editor)
    return (
        EventIndexPage.objects.child_of(own).get(),
        EventIndexPage.objects.child_of(other).get(),
    )


def test_editor_adds_an_event_to_the_own_chapter(client, world):
    own, _other = world
    url = f"/admin/pages/add/events/eventpage/{own.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, event_form_data("Mitgliederversammlung", "mv"))
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.child_of(own).get()
    assert event.rrule == "FREQ=MONTHLY;BYDAY=1MO;COUNT=6"
    assert [e.date.isoformat() for e in event.exceptions.all()] == ["2030-03-04"]


def test_editor_is_refused_for_another_chapter(client, world):
    _own, other = world
    url = f"/admin/pages/add/events/eventpage/{other.pk}/"
    assert refused(client.get(url), url)
    assert refused(client.post(url, event_form_data("Fremd", "fremd")), url)
    assert not EventPage.objects.exists()


def test_the_form_says_what_is_wrong(client, world):
    own, _other = world
    data = event_form_data("Ohne Tag", "ohne-tag")
    data["repeat_nth"] = ""
    response = client.post(f"/admin/pages/add/events/eventpage/{own.pk}/", data)
    assert response.status_code == 200
    assert "der wievielte Wochentag" in response.content.decode()
    assert not EventPage.objects.exists()


def test_admin_edit_form_and_regional_calendar(client, home, regional_index):
    client.force_login(factories.UserFactory(username="chefin", is_superuser=True))
    url = f"/admin/pages/add/events/eventindexpage/{home.pk}/"
    regional = regional_index
    event = factories.EventPageFactory(parent=regional, repeat="weekly", repeat_count=3)
    assert client.get(f"/admin/pages/{event.pk}/edit/").status_code == 200
    # One calendar per parent: the home page offers no second one.
    assert refused(client.get(url), url)
