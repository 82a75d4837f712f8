import socket
import time
from email import message_from_bytes, policy
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from django.core import signing
from django.core.mail.utils import DNS_NAME

from chapters.provisioning import provision_chapter
from people.contact import issue_token


class Inbox:
    """What the loopback SMTP server received: (envelope sender, recipients, message)."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1; Django's SMTP backend sends to it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.DEFAULT_FROM_EMAIL = "website@example.org"
    # EHLO names this machine; no name lookup beyond localhost (tests/network_guard.py).
    DNS_NAME._fqdn = "localhost"
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def provisioned(home):
    return provision_chapter(
        home,
        "SPD Wustermark",
        slug="wustermark",
        contact_name="Erika Muster",
        contact_address="Hauptstraße 1\n14641 Wustermark",
        contact_email="vorstand@wustermark.example.org",
    )


def old_token(page, seconds=60):
    """A genuine token for *page*, issued *seconds* ago (a visitor who took their time)."""
    with mock.patch.object(signing.time, "time", return_value=time.time() - seconds):
        return issue_token(page)
