"""The events index over HTTP: upcoming occurrences, repeating events with exceptions,
filters, the archive, and the regional merge (a chapter's list shows the region's events,
the regional calendar every chapter's)."""

import pytest
from django.utils import timezone

from events.models import EventException
from tests import factories
from tests.events.conftest import berlin

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def test_upcoming_one_off_and_weekly_events(anonymous, event_index):
    factories.EventPageFactory(parent=event_index, title="Sommerfest", start=berlin(2030, 6, 1, 15))
    factories.EventPageFactory(
        parent=event_index,
        title="Stammtisch",
        start=berlin(2030, 5, 7, 19),
        repeat="weekly",
        repeat_count=3,
    )
    html = anonymous.get(event_index.url, {"monat": "2030-05"}).content.decode()
    assert html.count("Stammtisch") == 3
    assert "Sommerfest" not in html
    assert "Termin von SPD Wustermark" in html
    html = anonymous.get(event_index.url, {"monat": "2030-06"}).content.decode()
    assert "Sommerfest" in html and "Stammtisch" not in html


def test_past_events_leave_the_upcoming_list_for_the_archive(anonymous, event_index):
    factories.EventPageFactory(parent=event_index, title="Altes Fest", start=berlin(2025, 6, 1, 15))
    assert "Altes Fest" not in anonymous.get(event_index.url).content.decode()
    html = anonymous.get(event_index.url, {"jahr": "2025"}).content.decode()
    assert "Altes Fest" in html and "Vergangene Termine 2025" in html
    response = anonymous.get(event_index.url + "archiv/2025/")
    assert response.status_code == 301 and response["Location"].endswith("?jahr=2025")


def test_monthly_on_the_first_tuesday_with_exceptions(anonymous, event_index):
    event = factories.EventPageFactory(
        parent=event_index,
        title="Mitgliederversammlung",
        start=berlin(2030, 1, 1, 19),  # a Tuesday
        repeat="monthly",
        repeat_nth=1,
        repeat_until=berlin(2030, 6, 30, 0).date(),
    )
    assert event.rrule == "FREQ=MONTHLY;BYDAY=1TU;UNTIL=20300630T215959Z"
    EventException.objects.create(page=event, date=berlin(2030, 3, 5, 0).date(), kind="cancelled")
    EventException.objects.create(page=event, date=berlin(2030, 4, 2, 0).date(), kind="omitted")
    page = anonymous.get(event_index.url).content.decode()
    assert page.count("Mitgliederversammlung") == 5  # January to June without April
    assert 'datetime="2030-02-05T19:00:00+01:00"' in page
    assert 'datetime="2030-04-02' not in page
    assert 'datetime="2030-06-04T19:00:00+02:00"' in page  # summer time, same wall clock
    march = anonymous.get(event_index.url, {"monat": "2030-03"}).content.decode()
    assert "abgesagt" in march


def test_a_cancelled_event_says_so(anonymous, event_index):
    event = factories.EventPageFactory(parent=event_index, status="cancelled", title="Fest")
    assert "abgesagt" in anonymous.get(event_index.url).content.decode()
    html = anonymous.get(event.url).content.decode()
    assert "Dieser Termin ist abgesagt." in html
    assert "https://schema.org/EventCancelled" in html


def test_filters(anonymous, event_index):
    category = factories.NewsCategoryFactory(name="Wahlkampf", slug="wahlkampf")
    factories.EventPageFactory(parent=event_index, title="Infostand", category=category)
    factories.EventPageFactory(parent=event_index, title="Grillen")
    html = anonymous.get(event_index.url, {"kategorie": "wahlkampf"}).content.decode()
    assert "Infostand" in html and "Grillen" not in html
    assert anonymous.get(event_index.url, {"kategorie": "gibtsnicht"}).status_code == 404
    assert anonymous.get(event_index.url, {"monat": "2030-13"}).status_code == 404
    assert anonymous.get(event_index.url, {"jahr": "20x0"}).status_code == 404


def test_regional_events_in_a_chapter_and_every_chapter_in_the_region(
    anonymous, home, chapter, event_index, regional_index
):
    factories.EventPageFactory(parent=regional_index, title="Landesparteitag")
    factories.EventPageFactory(parent=event_index, title="Ortsvereinssitzung")
    other = factories.ChapterPageFactory(parent=home, title="SPD Falkensee", slug="falkensee")
    other_index = factories.EventIndexPageFactory(parent=other)
    factories.EventPageFactory(parent=other_index, title="Falkenseer Fest")

    html = anonymous.get(event_index.url).content.decode()
    assert "Landesparteitag" in html and "Ortsvereinssitzung" in html
    assert f"Termin von {home.title}" in html
    assert "Falkenseer Fest" not in html

    assert regional_index.url == "/termine/"
    html = anonymous.get("/termine/").content.decode()
    assert all(t in html for t in ("Landesparteitag", "Ortsvereinssitzung", "Falkenseer Fest"))
    html = anonymous.get("/termine/", {"ortsverein": "falkensee"}).content.decode()
    assert "Falkenseer Fest" in html and "Ortsvereinssitzung" not in html
    assert anonymous.get("/termine/", {"ortsverein": "nirgendwo"}).status_code == 404


def test_organiser_and_details_on_the_event_page(anonymous, event_index):
    event = factories.EventPageFactory(
        parent=event_index,
        organiser="Jusos Havelland",
        address="Hauptstraße 1",
        map_url="https://maps.example.org/1",
        end=berlin(2030, 1, 1, 21),
        start=berlin(2030, 1, 1, 19),
    )
    html = anonymous.get(event.url).content.decode()
    assert "Termin von Jusos Havelland" in html
    assert "19:00" in html and "21:00" in html
    assert "In Kalender übernehmen" in html
    assert '"@type": "Event"' in html


def test_now_is_used_for_upcoming(anonymous, event_index):
    factories.EventPageFactory(parent=event_index, title="Heute", start=timezone.now())
    assert "Heute" in anonymous.get(event_index.url).content.decode()


def test_an_all_day_event_lasts_until_its_last_day_ends(anonymous, event_index, monkeypatch):
    factories.EventPageFactory(
        parent=event_index,
        title="Kreisparteitag",
        all_day=True,
        start=berlin(2029, 11, 30, 0),
        end=berlin(2029, 12, 1, 0),  # the editor picked the last day
    )
    html = anonymous.get(event_index.url).content.decode()  # noon on the last day
    assert "Kreisparteitag" in html and 'datetime="2029-11-30"' in html
    monkeypatch.setattr(timezone, "now", lambda: berlin(2029, 12, 2, 0, 0, 1))
    assert "Kreisparteitag" not in anonymous.get(event_index.url).content.decode()


def test_a_finished_series_is_not_listed(anonymous, event_index):
    factories.EventPageFactory(
        parent=event_index,
        title="Sommerkino",
        start=berlin(2029, 6, 4, 21),
        repeat="weekly",
        repeat_until=berlin(2029, 8, 31, 0).date(),
    )
    assert "Sommerkino" not in anonymous.get(event_index.url).content.decode()
    html = anonymous.get(event_index.url, {"jahr": "2029"}).content.decode()
    assert html.count("Sommerkino") == 13


def test_a_series_page_shows_its_next_date_and_rule_in_words(anonymous, event_index):
    event = factories.EventPageFactory(
        parent=event_index,
        title="Mitgliederversammlung",
        start=berlin(2029, 1, 2, 19),
        repeat="monthly",
        repeat_nth=1,
        repeat_count=24,
    )
    html = anonymous.get(event.url).content.decode()
    assert "Jeden ersten Dienstag im Monat (24 Termine)" in html
    assert 'datetime="2029-12-04T19:00:00+01:00"' in html  # the next one after 1 December


def test_json_ld_is_valid_json(anonymous, event_index):
    import json
    import re

    event = factories.EventPageFactory(
        parent=event_index, title="</script> & <b>", status="moved", place="Saal"
    )
    html = anonymous.get(event.url).content.decode()
    texts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    # the Event, next to the page's own graph (breadcrumbs, organisation)
    data = next(d for d in map(json.loads, texts) if d.get("@type") == "Event")
    assert data["name"] == "</script> & <b>"
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["location"]["name"] == "Saal"


def test_the_chapter_menu_leads_to_its_termine(anonymous, chapter, event_index):
    nav = anonymous.get(chapter.url).content.decode()
    nav = nav[nav.index('class="site-nav"') : nav.index("</nav>", nav.index('class="site-nav"'))]
    assert f'href="{event_index.url}"' in nav
