from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class TokenField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Code aus der Authenticator-App"),
            max_length=8,
            widget=forms.TextInput(
                attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
            ),
            **kwargs,
        )


class VerifyForm(forms.Form):
    """The second step after the password: the current code of the user's app."""

    otp_token = TokenField()

    def __init__(self, user, *args, **kwargs):
        self.user = user
        self.device = None
        super().__init__(*args, **kwargs)

    def clean(self):
        token = (self.cleaned_data.get("otp_token") or "").strip()
        device = TOTPDevice.objects.filter(user=self.user, confirmed=True).first()
        if not token or device is None:
            return self.cleaned_data
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            # django-otp's throttling: after each wrong code the wait doubles.
            raise forms.ValidationError(_("Zu viele falsche Codes. Bitte warten Sie einen Moment."))
        if not device.verify_token(token):
            raise forms.ValidationError(
                _("Der Code stimmt nicht. Bitte geben Sie den aktuellen Code ein.")
            )
        self.device = device
        return self.cleaned_data


class RemoveForm(forms.Form):
    """Asks for the current password before anything about the second factor changes."""

    password = forms.CharField(label=_("Ihr aktuelles Passwort"), widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Das Passwort stimmt nicht."))
        return password


class SetupForm(RemoveForm):
    """Confirms a new authenticator app: current password plus one code from the app."""

    otp_token = TokenField()

    def __init__(self, user, device, *args, **kwargs):
        self.device = device
        super().__init__(user, *args, **kwargs)

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].strip()
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("Der Code stimmt nicht. Bitte prüfen Sie die Uhrzeit Ihres Telefons.")
            )
        return token
