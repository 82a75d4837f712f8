"""seed_demo gives every demo chapter a board with portraits, filled legal pages and a
contact form that works; the region gets its own legal pages."""

import pytest
from django.core.management import call_command
from PIL import Image as PILImage

from chapters.models import ChapterPage, ContentPage
from home import demo
from people.models import BOARD, ContactPage, Person
from tests.people.conftest import old_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)


@pytest.mark.usefixtures("seeded")
def test_demo_chapters_have_boards_legal_pages_and_a_contact_form(client, smtp_server):
    for data in demo.CHAPTERS:
        chapter = ChapterPage.objects.get(slug=data["slug"], locale__language_code="de")
        board = Person.objects.of_chapter(chapter).in_group(BOARD)
        assert board.count() == 3
        for person in board:
            assert person.photo is not None
            with person.photo.file.open() as file, PILImage.open(file) as image:
                assert image.format == "PNG" and image.size == (320, 320)
        for slug in ("impressum", "datenschutz"):
            page = ContentPage.objects.child_of(chapter).get(slug=slug)
            assert data["title"] in str(page.body)
        kontakt = ContactPage.objects.child_of(chapter).get(slug="kontakt")
        html = client.get(kontakt.url).content.decode()
        assert "person__photo" in html
        response = client.post(
            f"/kontakt/senden/{kontakt.pk}/",
            {
                "name": "Demo",
                "email": "demo@example.net",
                "message": "Hallo",
                "consent": "on",
                "token": old_token(kontakt),
            },
            REMOTE_ADDR=f"192.0.2.{kontakt.pk % 250}",
        )
        assert response.status_code == 302
    assert len(smtp_server.received) == len(demo.CHAPTERS)
    home_html = client.get("/").content.decode()
    assert "Vorsitz:" in home_html
    for slug in ("impressum", "datenschutz", "kontakt"):
        assert client.get(f"/{slug}/").status_code == 200
    assert demo.PLATFORM["office_name"] in client.get("/impressum/").content.decode()
    assert demo.PLATFORM["join_url"] in home_html


@pytest.mark.usefixtures("seeded")
def test_seeding_twice_adds_no_people(settings):
    before = Person.objects.count()
    call_command("seed_demo", stdout=None)
    assert Person.objects.count() == before == 3 * len(demo.CHAPTERS)


@pytest.mark.usefixtures("seeded")
def test_demo_footer_is_english_on_english_pages(client):
    assert "A service of info.websozis.de" in client.get("/en/").content.decode()
    assert "Ein Service von info.websozis.de" in client.get("/").content.decode()
