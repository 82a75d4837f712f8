"""Two-factor authentication for the Wagtail admin, on django-otp's TOTP devices."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator-App"


def needs_verification(user):
    """Whether this admin user must enter a code after the password."""
    if getattr(settings, "CHAPTERHOUSE_2FA_REQUIRED", False):
        return True
    return user_has_device(user, confirmed=True)


def start_setup(user):
    """The user's unconfirmed device, created on first call; confirming it enables 2FA."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def confirm_setup(device):
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()


def remove_devices(user):
    TOTPDevice.objects.filter(user=user).delete()


def secret_for_display(device):
    """Base32 secret in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_url(device):
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
