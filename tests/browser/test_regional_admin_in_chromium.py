"""The regional admin opens a chapter in the admin, sees it once in the list and on the
dashboard, retires it, and sees one consistent row."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_site"),
]


def test_regional_admin_provisions_and_retires_a_chapter(page, live_server):
    from home import demo

    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(demo.REGIONAL_ADMIN)
    page.locator("#id_password").fill(demo.PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/admin/")

    page.goto(live_server.url + "/admin/ortsvereine/neu/")
    regions = page.locator("#id_region option").all_inner_texts()
    assert regions == ["SPD Havelland"]  # the German home page only
    page.locator("#id_title").fill("SPD Brieselang")
    page.locator("#id_slug").fill("brieselang")
    page.get_by_role("button", name="Ortsverein anlegen").click()
    page.wait_for_url("**/admin/ortsvereine/*/person/")

    page.goto(live_server.url + "/admin/ortsvereine/")
    rows = page.locator('tr[data-chapter="brieselang"]')
    assert rows.count() == 1
    screenshot(page, "admin-chapters-list")

    page.goto(live_server.url + "/admin/")
    quiet = page.locator("[data-quiet-chapters]").inner_text()
    assert "SPD Brieselang" in quiet  # new, nothing published yet
    screenshot(page, "admin-regional-dashboard")

    page.goto(live_server.url + "/admin/ortsvereine/")
    rows.get_by_role("link", name="Stilllegen").click()
    page.get_by_role("button", name="Ja, stilllegen").click()
    page.wait_for_url("**/admin/ortsvereine/")
    rows = page.locator('tr[data-chapter="brieselang"]')
    assert rows.count() == 1
    row = rows.inner_text()
    assert "stillgelegt" in row and "offline" not in row
    assert rows.get_by_role("link", name="Person hinzufügen").count() == 0
    assert page.goto(live_server.url + "/brieselang/").status == 404
