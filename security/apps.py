from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

REGIONAL_ADMIN_GROUP = "Regionaladmin"
LOCKOUT_PERMISSIONS = ["view_accessattempt", "delete_accessattempt"]


def grant_lockout_permissions(**kwargs):
    """Regional admins see and lift login lock-outs. Runs after every migrate, once the
    permissions exist; does nothing until the group exists."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.filter(name=REGIONAL_ADMIN_GROUP).first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="axes", codename__in=LOCKOUT_PERMISSIONS)
    )


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = _("Sicherheit")

    def ready(self):
        post_migrate.connect(grant_lockout_permissions, dispatch_uid="grant_lockout_permissions")
