"""Dates and times of events read naturally in both languages: "Freitag, 4. Januar 2030,
19:00 Uhr" in German, "Friday, 4 January 2030, 19:00" in English (no "Uhr", no "4.")."""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from tests import factories
from tests.events.conftest import berlin
from translations.sync import sync_locales

pytestmark = pytest.mark.django_db


def english(page):
    return Page.objects.get(translation_key=page.translation_key, locale__language_code="en")


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return re.sub(r"\s+", " ", strip_tags(response.content.decode()))


@pytest.fixture
def event(event_index):
    event = factories.EventPageFactory(
        parent=event_index,
        title="Stammtisch",
        slug="stammtisch",
        start=berlin(2030, 1, 4, 19),
        end=berlin(2030, 1, 4, 21, 30),
    )
    sync_locales()
    return event


def test_the_german_event_page_says_uhr(anonymous, event):
    text = text_of(anonymous, event.url)
    assert "Freitag, 4. Januar 2030, 19:00 Uhr – 21:30 Uhr" in text


def test_the_english_event_page_reads_as_english(anonymous, event):
    url = english(event).url
    assert url.startswith("/en/")
    text = text_of(anonymous, url)
    assert "Friday, 4 January 2030, 19:00 – 21:30" in text
    assert "Uhr" not in text


def test_the_english_events_list_and_chapter_home_show_no_uhr(anonymous, event_index):
    # the lists show the coming year, so this one is a month from today, 19:00 in Berlin
    day = (timezone.localtime() + datetime.timedelta(days=30)).date()
    factories.EventPageFactory(
        parent=event_index, title="Sommerfest", start=berlin(day.year, day.month, day.day, 19)
    )
    sync_locales()
    for page in (event_index, event_index.get_parent()):
        german = text_of(anonymous, page.url)
        assert re.search(r"\b[A-Z][a-z], \d{1,2}\. [A-Z][a-zä]+ \d{4}, 19:00 Uhr", german), page.url
        text = text_of(anonymous, english(page).url)
        assert re.search(r"\b[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]+ \d{4}, 19:00\b", text), page.url
        assert "Uhr" not in text, page.url
