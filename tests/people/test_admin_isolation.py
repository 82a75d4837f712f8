"""Chapter teams manage their own chapter's people and read their own chapter's contact
messages only, over Wagtail's admin URLs; the regional office sees everything."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from chapters.provisioning import add_chapter_member, provision_chapter
from chapters.roles import AUTHOR, REGIONAL_ADMIN_GROUP
from people.models import ContactSubmission, Person, Role
from tests import factories
from tests.admin_helpers import refused

pytestmark = pytest.mark.django_db

PEOPLE = "/admin/snippets/people/person/"
MESSAGES = "/admin/kontaktanfragen/"


class World:
    def __init__(self, home):
        self.a = provision_chapter(home, "SPD Wustermark", slug="wustermark")
        self.b = provision_chapter(home, "SPD Falkensee", slug="falkensee")
        self.chair = Role.objects.get(name="Vorsitzende/r")
        self.person_a = factories.PersonFactory(chapter=self.a, name="Anna Aus-A")
        self.person_b = factories.PersonFactory(
            chapter=self.b, name="Bernd Aus-B", roles=[self.chair]
        )
        self.message_a = ContactSubmission.objects.create(
            chapter=self.a, name="Frage an A", email="a@example.net", message="Hallo A"
        )
        self.message_b = ContactSubmission.objects.create(
            chapter=self.b, name="Frage an B", email="b@example.net", message="Geheim B"
        )
        self.editor = factories.UserFactory(username="editor_a")
        self.author = factories.UserFactory(username="author_a")
        self.regio = factories.UserFactory(username="regio")
        add_chapter_member(self.a, self.editor)
        add_chapter_member(self.a, self.author, role=AUTHOR)
        self.regio.groups.add(Group.objects.get(name=REGIONAL_ADMIN_GROUP))


@pytest.fixture
def world(home):
    return World(home)


def person_form(chapter, name, role):
    return nested_form_data(
        {
            "chapter": chapter.pk,
            "name": name,
            "sort_order": 1,
            "photo": "",
            "roles": inline_formset([{"role": role.pk}], min=1),
            "bio": "",
            "email": "",
            "phone": "",
            "website_url": "",
            "mastodon_url": "",
            "instagram_url": "",
            "facebook_url": "",
        }
    )


@pytest.mark.parametrize("member", ["editor", "author"])
def test_team_lists_only_its_own_people_and_messages(client, world, member):
    client.force_login(getattr(world, member))
    listing = client.get(PEOPLE)
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Anna Aus-A" in html and "Bernd Aus-B" not in html
    search = client.get(PEOPLE + "results/", {"q": "Bernd"}).content.decode()
    assert "Bernd Aus-B" not in search
    messages = client.get(MESSAGES)
    assert messages.status_code == 200
    assert "Frage an A" in messages.content.decode()
    assert "Frage an B" not in messages.content.decode()


@pytest.mark.parametrize("view", ["edit", "delete", "copy", "history", "usage"])
def test_editor_cannot_open_another_chapters_person(client, world, view):
    client.force_login(world.editor)
    url = f"{PEOPLE}{view}/{world.person_b.pk}/"
    assert refused(client.get(url), url)


def test_editor_cannot_change_or_delete_another_chapters_person(client, world):
    client.force_login(world.editor)
    before = Person.objects.filter(pk=world.person_b.pk).values().get()
    url = f"{PEOPLE}edit/{world.person_b.pk}/"
    response = client.post(url, person_form(world.b, "Gekapert", world.chair))
    assert refused(response, url)
    url = f"{PEOPLE}delete/{world.person_b.pk}/"
    assert refused(client.post(url), url)
    bulk = f"/admin/bulk/people/person/delete/?next={PEOPLE}&id={world.person_b.pk}"
    client.post(bulk)
    assert Person.objects.filter(pk=world.person_b.pk).values().get() == before
    assert world.person_b.roles.count() == 1


def test_editor_cannot_move_a_person_into_another_chapter(client, world):
    client.force_login(world.editor)
    response = client.post(PEOPLE + "add/", person_form(world.b, "Kuckuck", world.chair))
    assert response.status_code == 200  # the form again, with an error
    assert not Person.objects.filter(name="Kuckuck").exists()
    url = f"{PEOPLE}edit/{world.person_a.pk}/"
    client.post(url, person_form(world.b, "Anna Aus-A", world.chair))
    assert Person.objects.get(pk=world.person_a.pk).chapter_id == world.a.pk


def test_create_form_offers_only_own_chapters_and_works(client, world):
    client.force_login(world.editor)
    form = client.get(PEOPLE + "add/").content.decode()
    assert "SPD Wustermark" in form and "SPD Falkensee" not in form
    response = client.post(PEOPLE + "add/", person_form(world.a, "Neu in A", world.chair))
    assert response.status_code == 302
    person = Person.objects.get(name="Neu in A")
    assert person.chapter_id == world.a.pk
    assert [row.role for row in person.roles.all()] == [world.chair]


def test_editor_cannot_choose_another_chapters_person(client, world):
    client.force_login(world.editor)
    choose = reverse(Person.snippet_viewset.chooser_viewset.get_url_name("choose"))
    html = client.get(choose).content.decode()
    assert "Anna Aus-A" in html and "Bernd Aus-B" not in html
    chosen = reverse(
        Person.snippet_viewset.chooser_viewset.get_url_name("chosen"), args=[world.person_b.pk]
    )
    assert client.get(chosen).status_code == 404


@pytest.mark.parametrize("view", ["inspect", "edit", "delete", "history"])
def test_editor_cannot_read_another_chapters_messages(client, world, view):
    client.force_login(world.editor)
    url = f"{MESSAGES}{view}/{world.message_b.pk}/"
    response = client.get(url)
    assert refused(response, url)
    assert "Geheim B" not in response.content.decode()
    if view == "delete":
        client.post(url)
    assert ContactSubmission.objects.filter(pk=world.message_b.pk).exists()


def test_messages_are_read_only(client, world):
    client.force_login(world.editor)
    assert client.get(f"{MESSAGES}inspect/{world.message_a.pk}/").status_code == 200
    assert refused(client.get(MESSAGES + "new/"), MESSAGES + "new/")
    url = f"{MESSAGES}edit/{world.message_a.pk}/"
    client.post(url, {"name": "geändert", "email": "x@example.net", "message": "x"})
    assert ContactSubmission.objects.get(pk=world.message_a.pk).name == "Frage an A"


def test_regional_office_sees_all_chapters(client, world):
    client.force_login(world.regio)
    html = client.get(PEOPLE).content.decode()
    assert "Anna Aus-A" in html and "Bernd Aus-B" in html
    assert client.get(f"{PEOPLE}edit/{world.person_b.pk}/").status_code == 200
    messages = client.get(MESSAGES).content.decode()
    assert "Frage an A" in messages and "Frage an B" in messages
    assert client.get(f"{MESSAGES}inspect/{world.message_b.pk}/").status_code == 200


def test_retired_team_sees_nothing(client, world):
    from chapters.provisioning import retire_chapter

    retire_chapter(world.a)
    world.editor.refresh_from_db()
    client.force_login(world.editor)
    response = client.get(PEOPLE)
    assert refused(response, PEOPLE) or "Anna Aus-A" not in response.content.decode()


def test_deleting_a_message_leaves_no_sender_in_the_shared_logs(client, world):
    from wagtail.models import ModelLogEntry

    client.force_login(world.editor)
    client.post(f"{MESSAGES}delete/{world.message_a.pk}/")
    assert not ContactSubmission.objects.filter(pk=world.message_a.pk).exists()
    labels = " ".join(ModelLogEntry.objects.values_list("label", flat=True))
    assert "a@example.net" not in labels and "Frage an A" not in labels


def test_editor_edits_own_contact_page_not_the_other(client, world):
    from people.models import ContactPage

    client.force_login(world.editor)
    own = ContactPage.objects.child_of(world.a).get()
    other = ContactPage.objects.child_of(world.b).get()
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    url = f"/admin/pages/{other.pk}/edit/"
    assert refused(client.get(url), url)
