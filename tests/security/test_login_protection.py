"""Admin login over HTTP: lock-out after repeated failures (django-axes), lifted by the
regional admin; password rules; two-factor authentication with an authenticator app."""

import re
import time

import pytest
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from chapters.roles import REGIONAL_ADMIN_GROUP
from security.signals import grant_lockout_permissions
from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-und-lang-genug"


def login(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


@pytest.fixture
def regional_admin():
    user = factories.UserFactory(username="regio")
    group, _ = Group.objects.get_or_create(name=REGIONAL_ADMIN_GROUP)
    from django.contrib.auth.models import Permission

    group.permissions.add(Permission.objects.get(codename="access_admin"))
    grant_lockout_permissions()
    user.groups.add(group)
    return user


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_until_regional_admin_lifts_it(regional_admin):
    editor = factories.UserFactory(username="redaktion", is_superuser=True)
    attacker = Client()
    for _ in range(3):
        response = login(attacker, "redaktion", "falsch")
        assert response.status_code in (200, 429)
    # Even the right password is refused now, with a German explanation.
    response = login(Client(), "redaktion", PASSWORD)
    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
    assert "_auth_user_id" not in response.client.session

    # The regional admin sees the lock-out in the admin and lifts it.
    office = Client()
    assert login(office, "regio", PASSWORD).status_code == 302
    listing = office.get("/admin/lockouts/")
    assert listing.status_code == 200
    assert "redaktion" in listing.content.decode()
    settings_menu = office.get("/admin/").content.decode()
    assert "Gesperrte Anmeldungen" in settings_menu

    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.get(username="redaktion")
    response = office.post(f"/admin/lockouts/delete/{attempt.pk}/")
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="redaktion").exists()

    person = Client()
    assert login(person, editor.username, PASSWORD).status_code == 302
    assert person.get("/admin/").status_code == 200


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_chapter_editor_cannot_see_lockouts():
    editor = factories.UserFactory(username="redakteurin")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    assert login(client, "redakteurin", PASSWORD).status_code == 302
    assert client.get("/admin/lockouts/").status_code in (302, 403)


def test_weak_password_is_refused_when_creating_a_user(client):
    client.force_login(factories.UserFactory(is_superuser=True))
    response = client.post(
        "/admin/users/new/",
        {
            "username": "neu",
            "email": "neu@example.org",
            "first_name": "Neu",
            "last_name": "Person",
            "password1": "12345678",
            "password2": "12345678",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "zu kurz" in html or "too short" in html
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="neu").exists()


def current_code(device, steps_ahead=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return totp.token()


# django-otp slows down guessing: after a wrong code the next one is refused for a growing
# number of seconds. The tests enter wrong codes on purpose and must not sleep.
@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_two_factor_setup_and_login_over_http():
    user = factories.UserFactory(username="zweifach", is_superuser=True)
    client = Client()
    assert login(client, "zweifach", PASSWORD).status_code == 302
    # Without an app the admin works as before; the account menu offers the setup.
    assert client.get("/admin/").status_code == 200
    page = client.get("/admin/2fa/setup/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    assert re.search(r"<code data-secret>[A-Z2-7 ]+</code>", html)
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    wrong = client.post("/admin/2fa/setup/", {"password": PASSWORD, "otp_token": "000000"})
    assert "Der Code stimmt nicht" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    response = client.post(
        "/admin/2fa/setup/", {"password": PASSWORD, "otp_token": current_code(device)}
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed

    # A new login: the password alone no longer opens the admin.
    second = Client()
    assert login(second, "zweifach", PASSWORD).status_code == 302
    response = second.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/verify/")
    # Nor can a second app be added with the password alone.
    assert second.get("/admin/2fa/setup/")["Location"].startswith("/admin/2fa/verify/")
    refused = second.post("/admin/2fa/verify/", {"otp_token": "000000", "next": "/admin/pages/"})
    assert refused.status_code == 200
    assert "Der Code stimmt nicht" in refused.content.decode()
    assert second.get("/admin/pages/").status_code == 302

    accepted = second.post(
        "/admin/2fa/verify/", {"otp_token": current_code(device, 1), "next": "/admin/pages/"}
    )
    assert accepted.status_code == 302
    assert accepted["Location"] == "/admin/pages/"
    assert second.get("/admin/pages/").status_code == 200


@override_settings(CHAPTERHOUSE_2FA_REQUIRED=True)
def test_mandatory_two_factor_sends_users_without_app_to_setup():
    factories.UserFactory(username="pflicht", is_superuser=True)
    client = Client()
    assert login(client, "pflicht", PASSWORD).status_code == 302
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/setup/")
    assert client.get(response["Location"]).status_code == 200
