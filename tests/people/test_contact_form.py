"""The contact form of a chapter's Kontakt page, over HTTP, with a real SMTP server on the
loopback interface: what arrives, and everything that must never arrive."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from home.models import PlatformSettings
from people.contact import issue_token
from people.models import ContactPage, ContactSubmission
from tests import factories
from tests.people.conftest import old_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(provisioned):
    return ContactPage.objects.child_of(provisioned).get(slug="kontakt")


def post(client, page, **fields):
    data = {
        "name": "Max Mustermann",
        "email": "max@example.net",
        "message": "Wann ist die nächste Mitgliederversammlung?",
        "consent": "on",
        "website": "",
        "token": old_token(page),
        **fields,
    }
    return client.post(f"/kontakt/senden/{page.pk}/", data, REMOTE_ADDR="192.0.2.10")


def test_provisioned_kontakt_is_a_contact_page_without_cookies(anonymous, contact, settings):
    settings.PAGE_CACHE_ENABLED = True
    response = anonymous.get(contact.url)
    assert response.status_code == 200
    assert not response.cookies
    html = response.content.decode()
    assert 'name="token"' in html and 'name="website"' in html
    assert 'for="id_name"' in html and 'for="id_email"' in html and 'for="id_message"' in html
    # The consent links the chapter's own Datenschutz page.
    assert 'href="/wustermark/datenschutz/"' in html
    assert response["X-Page-Cache"] == "miss"
    assert anonymous.get(contact.url)["X-Page-Cache"] == "hit"


def test_message_arrives_with_reply_to_and_is_stored(anonymous, contact, smtp_server, settings):
    settings.PAGE_CACHE_ENABLED = True
    response = post(anonymous, contact)
    assert response.status_code == 302
    assert response["Location"] == "/wustermark/kontakt/?gesendet=1"
    assert "X-Page-Cache" not in response
    assert "no-cache" in response["Cache-Control"]

    [(sender, recipients, message)] = smtp_server.received
    assert sender == "website@example.org"
    assert recipients == ["vorstand@wustermark.example.org"]
    assert message["To"] == "vorstand@wustermark.example.org"
    assert message["Reply-To"] == "Max Mustermann <max@example.net>"
    assert "Mitgliederversammlung" in message.get_content()

    submission = ContactSubmission.objects.get()
    assert submission.chapter_id == contact.chapter.pk
    assert submission.mailed_to == "vorstand@wustermark.example.org"
    thanks = anonymous.get(response["Location"]).content.decode()
    assert "Vielen Dank" in thanks


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"name": "Eve\r\nBcc: opfer@example.com"}, "ohne Zeilenumbruch"),
        ({"name": "Eve\nBcc: opfer@example.com"}, "ohne Zeilenumbruch"),
        ({"email": "eve@example.net\r\nBcc: opfer@example.com"}, "E-Mail-Adresse"),
        ({"name": ""}, "Bitte füllen Sie dieses Feld aus."),
        ({"email": ""}, "Bitte füllen Sie dieses Feld aus."),
        ({"message": ""}, "Bitte füllen Sie dieses Feld aus."),
        ({"email": "keine-adresse"}, "gültige E-Mail-Adresse"),
        ({"consent": ""}, "Bitte stimmen Sie der Speicherung"),
        ({"message": "x" * 5001}, "Die Nachricht ist zu lang"),
        ({"message": "x" * (1024 * 1024)}, "Die Nachricht ist zu lang"),
        ({"name": "n" * 201}, "höchstens 200 Zeichen"),
    ],
)
def test_bad_input_gets_a_german_error_and_sends_nothing(
    anonymous, contact, smtp_server, fields, error
):
    response = post(anonymous, contact, **fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    assert 'aria-invalid="true"' in html and "aria-describedby=" in html
    assert smtp_server.received == []
    assert not ContactSubmission.objects.exists()


def test_error_message_is_linked_to_its_field(anonymous, contact, smtp_server):
    html = post(anonymous, contact, email="").content.decode()
    assert 'aria-describedby="id_email_error"' in html
    assert 'id="id_email_error"' in html
    # What the visitor typed stays in the form.
    assert "Max Mustermann" in html


def test_honeypot_refuses(anonymous, contact, smtp_server):
    response = post(anonymous, contact, website="http://spam.example/")
    assert response.status_code == 400
    assert "unerwünscht" in response.content.decode()
    assert smtp_server.received == []
    assert not ContactSubmission.objects.exists()


def test_posting_faster_than_a_person_refuses(anonymous, contact, smtp_server):
    response = post(anonymous, contact, token=issue_token(contact))
    assert response.status_code == 400
    assert "Das ging sehr schnell" in response.content.decode()
    assert smtp_server.received == []


@pytest.mark.parametrize("token", ["", "gefälscht", "1:abc:def"])
def test_forged_or_missing_token_refuses(anonymous, contact, smtp_server, token):
    response = post(anonymous, contact, token=token)
    assert response.status_code == 400
    assert "Das Formular ist abgelaufen" in response.content.decode()
    assert smtp_server.received == []


def test_token_of_another_page_or_expired_refuses(anonymous, contact, home, smtp_server):
    other = factories.ContactPageFactory(parent=home)
    assert post(anonymous, contact, token=old_token(other)).status_code == 400
    assert post(anonymous, contact, token=old_token(contact, seconds=2 * 86400)).status_code == 400
    assert smtp_server.received == []


def test_rate_limit_per_address(anonymous, contact, smtp_server, settings):
    settings.CONTACT_RATE_LIMIT = 5
    for _ in range(5):
        assert post(anonymous, contact).status_code == 302
    response = post(anonymous, contact)
    assert response.status_code == 429
    assert "sehr viele Nachrichten" in response.content.decode()
    assert len(smtp_server.received) == 5
    assert ContactSubmission.objects.count() == 5
    # Another address is not affected.
    other = anonymous.post(
        f"/kontakt/senden/{contact.pk}/",
        {
            "name": "Eva",
            "email": "eva@example.net",
            "message": "Hallo",
            "consent": "on",
            "token": old_token(contact),
        },
        REMOTE_ADDR="192.0.2.99",
    )
    assert other.status_code == 302


def test_typos_do_not_use_up_the_rate_limit_but_spam_does(anonymous, contact, smtp_server):
    for _ in range(6):
        assert post(anonymous, contact, email="").status_code == 400
    assert post(anonymous, contact).status_code == 302
    for _ in range(4):
        assert post(anonymous, contact, website="spam").status_code == 400
    assert post(anonymous, contact).status_code == 429
    assert len(smtp_server.received) == 1


def test_get_on_the_post_address_and_unknown_pages(anonymous, contact):
    assert anonymous.get(f"/kontakt/senden/{contact.pk}/").status_code == 405
    assert anonymous.post("/kontakt/senden/999999/", {}).status_code == 404


def test_smtp_down_still_stores_and_never_500(anonymous, contact, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens on discard
    settings.EMAIL_TIMEOUT = 2
    response = post(anonymous, contact)
    assert response.status_code == 302
    assert ContactSubmission.objects.get().mailed_to == ""


def test_regional_contact_page_mails_the_office(anonymous, home, smtp_server):
    platform = PlatformSettings.load()
    platform.office_email = "region@example.org"
    platform.save()
    page = factories.ContactPageFactory(parent=home)
    assert post(anonymous, page).status_code == 302
    [(_sender, recipients, _message)] = smtp_server.received
    assert recipients == ["region@example.org"]
    assert ContactSubmission.objects.get().chapter is None


def test_retention_command_deletes_old_submissions_only(contact, settings):
    settings.CONTACT_RETENTION_DAYS = 90
    old = ContactSubmission.objects.create(chapter=contact.chapter, name="A", email="a@x.de")
    recent = ContactSubmission.objects.create(chapter=contact.chapter, name="B", email="b@x.de")
    ContactSubmission.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=91)
    )
    ContactSubmission.objects.filter(pk=recent.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=89)
    )
    call_command("purge_contact_submissions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(ContactSubmission.objects.values_list("pk", flat=True)) == [recent.pk]


def test_english_contact_page_delivers_to_the_german_chapter(anonymous, contact, smtp_server):
    from wagtail.models import Locale

    from translations.sync import sync_locales

    sync_locales()
    english = contact.get_translation(Locale.objects.get(language_code="en"))
    response = post(anonymous, english)
    assert response.status_code == 302
    assert response["Location"] == "/en/wustermark/kontakt/?gesendet=1"
    [(_sender, recipients, _message)] = smtp_server.received
    assert recipients == ["vorstand@wustermark.example.org"]
    assert ContactSubmission.objects.get().chapter_id == contact.chapter.pk


def test_names_with_commas_and_umlauts_make_a_valid_reply_to(anonymous, contact, smtp_server):
    assert post(anonymous, contact, name="Müller, Jürgen").status_code == 302
    [(_sender, _recipients, message)] = smtp_server.received
    assert message["Reply-To"].addresses[0].display_name == "Müller, Jürgen"
    assert message["Reply-To"].addresses[0].addr_spec == "max@example.net"
    assert message["Bcc"] is None and message["Cc"] is None


def test_a_post_beyond_the_upload_limit_is_refused_without_a_500(anonymous, contact, smtp_server):
    response = post(anonymous, contact, message="x" * (3 * 1024 * 1024))
    assert response.status_code == 400
    assert smtp_server.received == []
    assert not ContactSubmission.objects.exists()


def test_input_echoed_back_is_escaped(anonymous, contact, smtp_server):
    html = post(anonymous, contact, name='"><script>alert(1)</script>', email="").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
