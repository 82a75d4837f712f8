from axes.models import AccessAttempt
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from security import views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("2fa/", views.manage, name="security_2fa_manage"),
        path("2fa/verify/", views.verify, name="security_2fa_verify"),
        path("2fa/setup/", views.setup, name="security_2fa_setup"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("security_2fa_manage"),
        "label": _("Zwei-Faktor-Anmeldung"),
        "help_text": _("Authenticator-App für die Anmeldung einrichten oder entfernen."),
    }


class LockoutPermissionPolicy(ModelPermissionPolicy):
    """Lock-outs are made by django-axes only: they can be looked at and lifted (deleted)."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class LockoutViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Gesperrte Anmeldungen")
    add_to_settings_menu = True
    url_prefix = "lockouts"
    name = "lockouts"
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    list_filter = ["username", "ip_address"]
    search_fields = ["username", "ip_address"]
    inspect_view_enabled = True
    form_fields = ["username"]


register_permission_policy(AccessAttempt, LockoutPermissionPolicy(AccessAttempt))


@hooks.register("register_admin_viewset")
def register_lockout_viewset():
    return LockoutViewSet()
