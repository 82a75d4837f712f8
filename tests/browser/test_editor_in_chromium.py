"""A chapter editor writes an article in Wagtail's page editor and readers find it."""

import pytest

from chapters.models import ChapterPage
from tests.browser.conftest import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_site"),
]


def test_chapter_editor_publishes_an_article_that_appears_on_the_index(page, live_server):
    from home import demo

    index = ChapterPage.objects.get(slug="wustermark", locale__language_code="de").news_index
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("redaktion-wustermark")
    page.locator("#id_password").fill(demo.PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/admin/")

    page.goto(f"{live_server.url}/admin/pages/add/news/newsarticlepage/{index.pk}/")
    page.locator("#id_title").fill("Neuer Spielplatz in Elstal")
    page.locator("#id_kicker").fill("Antrag angenommen")
    page.locator("#id_teaser").fill("Der Gemeinderat hat unserem Antrag zugestimmt.")
    screenshot(page, "editor-new-article")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_url(f"**/admin/pages/{index.pk}/**")

    page.goto(live_server.url + "/wustermark/aktuelles/")
    titles = page.locator(".teaser__title").all_inner_texts()
    assert titles[0] == "Neuer Spielplatz in Elstal"
    page.get_by_role("link", name="Neuer Spielplatz in Elstal").click()
    assert page.locator(".article__kicker").inner_text() == "Antrag angenommen"
