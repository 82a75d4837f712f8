from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django_otp import user_has_device

from security.two_factor import needs_verification

# Reachable before the second factor: signing in and out, the code form, the setup.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "security_2fa_verify",
}


class AdminTwoFactorMiddleware:
    """The admin gate, after django-otp's OTPMiddleware (request.user.is_verified()): a user
    who has an authenticator app — or everyone when ADMIN_2FA_REQUIRED — gets into the admin
    only after entering its code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/"):
            gate = self._gate(request)
            if gate is not None:
                return gate
        return self.get_response(request)

    def _gate(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return None
        if url_name in OPEN_URL_NAMES or not needs_verification(user):
            return None
        has_device = user_has_device(user, confirmed=True)
        if url_name == "security_2fa_setup" and not has_device:
            return None  # first setup when 2FA is mandatory; never a second app unverified
        target = "security_2fa_verify" if has_device else "security_2fa_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
