"""A reader writes to a chapter through its contact form; the contact page and the chapter's
people pass axe at desktop and phone width."""

import time

import pytest
from django.core import mail

from tests.browser.conftest import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_site"),
]


def test_reader_sends_the_contact_form_and_sees_a_confirmation(page, live_server, settings):
    settings.CONTACT_MIN_FILL_SECONDS = 1
    page.goto(live_server.url + "/wustermark/kontakt/")
    page.locator("#id_name").fill("Erika Mustermann")
    page.locator("#id_email").fill("erika@example.org")
    page.get_by_role("textbox", name="Ihre Nachricht").fill("Wann ist die nächste Sitzung?")
    page.locator("#id_consent").check()
    time.sleep(1.2)  # a person takes longer than the minimum fill time
    page.get_by_role("button", name="Nachricht senden").click()
    page.wait_for_load_state()
    assert (
        "Vielen Dank! Ihre Nachricht ist angekommen." in page.locator("[role=status]").inner_text()
    )
    screenshot(page, "contact-sent")
    (message,) = mail.outbox
    assert message.reply_to == ["Erika Mustermann <erika@example.org>"]
    assert "Wann ist die nächste Sitzung?" in message.body


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["/wustermark/kontakt/", "/wustermark/"])
def test_contact_and_people_pages_have_no_accessibility_violations(page, live_server, path, width):
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 900})
    assert page.goto(live_server.url + path).status == 200
    assert page.locator(".people").count() or "kontakt" not in path
    screenshot(page, f"people-{path.strip('/').replace('/', '-')}-{width}")
    violations = [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]])
        for violation in Axe().run(page).response["violations"]
    ]
    assert violations == []
