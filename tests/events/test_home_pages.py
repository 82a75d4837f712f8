"""The next dates on a chapter's home page (three, with the region's) and on the regional
home page (five, every chapter's), and what the lists cost in queries: the same for ten
times the events."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.events.conftest import berlin

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def add_events(index, count, prefix):
    for number in range(count):
        factories.EventPageFactory(
            parent=index,
            title=f"{prefix} {number}",
            start=berlin(2030, 1, 1 + number % 28, 19),
            repeat="weekly" if number % 2 else "",
            repeat_count=5 if number % 2 else None,
            category=factories.NewsCategoryFactory() if number % 3 else None,
        )


def test_chapter_home_shows_next_three_with_regional(
    anonymous, chapter, event_index, home, regional_index
):
    regional = regional_index
    factories.EventPageFactory(
        parent=regional, title="Regionalkonferenz", start=berlin(2029, 12, 2, 10)
    )
    for day in (3, 4, 5):
        factories.EventPageFactory(
            parent=event_index, title=f"Sitzung {day}", start=berlin(2029, 12, day, 19)
        )
    html = anonymous.get(chapter.url).content.decode()
    assert "Nächste Termine" in html
    assert "Regionalkonferenz" in html and f"Termin von {home.title}" in html
    assert "Sitzung 3" in html and "Sitzung 4" in html and "Sitzung 5" not in html


def test_regional_home_shows_next_five_with_chapter(anonymous, chapter, event_index, home):
    for day in range(2, 9):
        factories.EventPageFactory(
            parent=event_index, title=f"Treffen {day}", start=berlin(2029, 12, day, 19)
        )
    html = anonymous.get("/").content.decode()
    assert "Nächste Termine in der Region" in html
    assert html.count("Termin von SPD Wustermark") == 5
    assert "Treffen 6" in html and "Treffen 7" not in html


def test_next_five_are_right_when_later_dates_are_left_unread(anonymous, event_index, home):
    """The regional home reads only events beginning by the fifth one-off still to come: a
    series running since last year and a one-off whose date is left out must not fool it."""
    from events.models import EventException

    for day in range(2, 9):
        factories.EventPageFactory(
            parent=event_index, title=f"Treffen {day}", start=berlin(2029, 12, day, 19)
        )
    for day in (3, 4):
        dropped = factories.EventPageFactory(
            parent=event_index, title=f"Fällt aus {day}", start=berlin(2029, 12, day, 10)
        )
        EventException.objects.create(page=dropped, date=dropped.start.date(), kind="omitted")
    factories.EventPageFactory(  # Wednesdays since January; next on 5 December
        parent=event_index, title="Stammtisch", start=berlin(2029, 1, 3, 18), repeat="weekly"
    )
    html = anonymous.get("/").content.decode()
    listed = [t for t in ("Treffen 2", "Treffen 3", "Stammtisch", "Treffen 4", "Treffen 5",
                          "Treffen 6", "Fällt aus") if t in html]  # fmt: skip
    assert listed == ["Treffen 2", "Treffen 3", "Stammtisch", "Treffen 4", "Treffen 5"]


def count_queries(client, url):
    client.get(url)  # warm up per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_of", ["index", "chapter", "home", "regional", "ical"])
def test_query_count_does_not_grow_with_the_events(
    anonymous, chapter, event_index, home, regional_index, url_of
):
    regional = regional_index
    urls = {
        "index": event_index.url,
        "chapter": chapter.url,
        "home": "/",
        "regional": regional.url,
        "ical": event_index.url + "ical/",
    }
    add_events(event_index, 3, "Klein")
    add_events(regional, 1, "Region")
    small = count_queries(anonymous, urls[url_of])
    add_events(event_index, 27, "Groß")
    add_events(regional, 9, "Mehr Region")
    other = factories.ChapterPageFactory(parent=home)
    add_events(factories.EventIndexPageFactory(parent=other), 10, "Anderswo")
    large = count_queries(anonymous, urls[url_of])
    assert small == large


def test_regional_termine_page_is_found_once_and_its_change_shows_at_once(
    anonymous, chapter, event_index, regional_index, settings
):
    """Every chapter's dates include the region's: the regional Termine page is looked up
    once for all chapters (with the fragment caches on, as in production)."""
    settings.FRAGMENT_CACHE_ENABLED = True
    factories.EventPageFactory(
        parent=regional_index, title="Regionalkonferenz", start=berlin(2029, 12, 2, 10)
    )
    assert "Regionalkonferenz" in anonymous.get(chapter.url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert "Regionalkonferenz" in anonymous.get(chapter.url).content.decode()
    assert not [q for q in queries.captured_queries if 'FROM "events_eventindexpage"' in q["sql"]]

    regional_index.unpublish()
    assert "Regionalkonferenz" not in anonymous.get(chapter.url).content.decode()
