"""Signal receivers of the security app, connected in SecurityConfig.ready()."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate

from chapters.roles import REGIONAL_ADMIN_GROUP

LOCKOUT_PERMISSIONS = ["view_accessattempt", "delete_accessattempt"]


def grant_lockout_permissions(**kwargs):
    """Regional admins see and lift login lock-outs. Runs after every migrate, once the
    permissions exist; does nothing until the group exists."""
    group = Group.objects.filter(name=REGIONAL_ADMIN_GROUP).first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="axes", codename__in=LOCKOUT_PERMISSIONS)
    )


def connect():
    # After every migrate: the regional admins may see and lift lock-outs.
    post_migrate.connect(grant_lockout_permissions, dispatch_uid="grant_lockout_permissions")
