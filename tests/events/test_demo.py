"""seed_demo gives every demo chapter upcoming events, a monthly one with a cancelled date,
and the region its calendar with one regional event."""

import pytest
from django.core.management import call_command

from chapters.models import ChapterPage
from events.models import EventPage

pytestmark = pytest.mark.django_db


def test_demo_events(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    chapters = ChapterPage.objects.filter(locale__language_code="de")
    for chapter in chapters:
        html = client.get(f"/{chapter.slug}/termine/").content.decode()
        assert "Mitgliederversammlung" in html and "Infostand" in html
        assert "abgesagt" in html
        assert "Termin von SPD Havelland" in html  # the regional event
    regional = client.get("/termine/").content.decode()
    assert "Regionalkonferenz" in regional
    assert EventPage.objects.get(slug="regionalkonferenz", locale__language_code="de").live
