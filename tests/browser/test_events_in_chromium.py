"""A reader finds a chapter's dates in a real Chromium: home → chapter → Termine → one
event → "In Kalender übernehmen" downloads an .ics that parses. The events index, an event
page and the regional calendar /termine/ pass axe with no violation of any impact, on a
desktop and on a phone."""

import icalendar
import pytest

from tests.browser.conftest import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_site"),
]

PAGES = {
    "events-index": "/wustermark/termine/",
    "event": "/wustermark/termine/infostand/",
    "regional-calendar": "/termine/",
}
WIDTHS = {"desktop": 1280, "phone": 390}


def test_reader_downloads_an_event_into_the_calendar(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="SPD Wustermark", exact=True).first.click()
    page.wait_for_url("**/wustermark/")
    page.get_by_role("link", name="Alle Termine").click()
    page.wait_for_url("**/wustermark/termine/")
    assert page.get_by_role("heading", level=1).inner_text() == "Termine"
    page.get_by_role("link", name="Infostand auf dem Wochenmarkt").first.click()
    page.wait_for_url("**/wustermark/termine/infostand/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Infostand auf dem Wochenmarkt"
    screenshot(page, "events-reader-event")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="In Kalender übernehmen").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    with open(download.path(), "rb") as file:
        calendar = icalendar.Calendar.from_ical(file.read())
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Infostand auf dem Wochenmarkt"]
    assert events[0].decoded("DTSTART").hour == 9


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_events_pages_have_no_accessibility_violations(page, live_server, name, width):
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    response = page.goto(live_server.url + PAGES[name])
    assert response.status == 200
    screenshot(page, f"events-{width}-{name}")
    results = Axe().run(page)
    violations = [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
    ]
    assert violations == []
