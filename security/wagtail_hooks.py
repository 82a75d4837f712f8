from axes.models import AccessAttempt
from django.contrib import messages
from django.shortcuts import redirect
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


# --- Superuser accounts: only superusers create, edit or delete them -----------------------


def _refuse(request, message):
    messages.error(request, message)
    return redirect("wagtailadmin_home")


@hooks.register("before_create_user")
def only_superusers_create_superusers(request):
    if (
        request.method == "POST"
        and request.POST.get("is_superuser")
        and not request.user.is_superuser
    ):
        return _refuse(request, _("Nur Superuser dürfen Administrator-Konten anlegen."))
    return None


@hooks.register("before_edit_user")
def only_superusers_edit_superusers(request, user):
    """The regional admin manages people, but cannot make or take over a superuser."""
    if request.user.is_superuser:
        return None
    if user.is_superuser:
        return _refuse(request, _("Administrator-Konten bearbeiten nur Superuser."))
    if request.method == "POST" and request.POST.get("is_superuser"):
        return _refuse(request, _("Nur Superuser dürfen Administrator-Rechte vergeben."))
    return None


@hooks.register("before_delete_user")
def only_superusers_delete_superusers(request, user):
    if user.is_superuser and not request.user.is_superuser:
        return _refuse(request, _("Administrator-Konten löschen nur Superuser."))
    return None
