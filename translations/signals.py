"""Signal receivers of the translations app, connected in TranslationsConfig.ready()."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import GroupPagePermission
from wagtail.signals import page_published

from .sync import mirror_page_permission, unmirror_page_permission
from .tasks import create_aliases_task


def on_page_published(sender, instance, **kwargs):
    if instance.alias_of_id is None:  # an alias has no aliases of its own
        create_aliases_task.enqueue(instance.pk)


def on_page_permission_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        mirror_page_permission(instance)


def on_page_permission_deleted(sender, instance, **kwargs):
    unmirror_page_permission(instance)


def connect():
    # A published German page gets its alias in every other content language (as a task).
    page_published.connect(on_page_published, dispatch_uid="translations-aliases")
    # A right on a German page holds for the same page in every language.
    post_save.connect(
        on_page_permission_saved, sender=GroupPagePermission, dispatch_uid="translations-mirror"
    )
    post_delete.connect(
        on_page_permission_deleted,
        sender=GroupPagePermission,
        dispatch_uid="translations-unmirror",
    )
