from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device

from core.http import safe_next_url
from security import two_factor
from security.forms import RemoveForm, SetupForm, VerifyForm


def _next_url(request):
    return safe_next_url(request, reverse("wagtailadmin_home"))


@never_cache
@sensitive_post_parameters()
def verify(request):
    """Second login step: the code from the authenticator app."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = VerifyForm(request.user, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(_next_url(request))
    return TemplateResponse(
        request, "security/verify.html", {"form": form, "next": _next_url(request)}
    )


@never_cache
@sensitive_post_parameters()
def setup(request):
    """Shows the QR code of a new TOTP device and confirms it with a first code."""
    user = request.user
    if user_has_device(user, confirmed=True):
        return redirect("security_2fa_manage")
    device = two_factor.start_setup(user)
    form = SetupForm(user, device, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        two_factor.confirm_setup(device)
        otp_login(request, device)
        messages.success(request, _("Die Zwei-Faktor-Anmeldung ist eingerichtet."))
        return redirect(_next_url(request) if request.GET.get("next") else "security_2fa_manage")
    return TemplateResponse(
        request,
        "security/setup.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_data_url(device),
            "secret": two_factor.secret_for_display(device),
        },
    )


@never_cache
@sensitive_post_parameters()
def manage(request):
    """Status of the user's own second factor; switching it off needs the password."""
    user = request.user
    enabled = user_has_device(user, confirmed=True)
    form = RemoveForm(user, data=request.POST or None)
    if request.method == "POST" and enabled and form.is_valid():
        two_factor.remove_devices(user)
        messages.success(request, _("Die Zwei-Faktor-Anmeldung ist ausgeschaltet."))
        return redirect("security_2fa_manage")
    return TemplateResponse(
        request,
        "security/manage.html",
        {"enabled": enabled, "form": form, "required": two_factor.needs_verification(user)},
    )
