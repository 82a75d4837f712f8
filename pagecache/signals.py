"""Every purge rule: the page cache (and a configured CDN) is purged exactly when public
content changes.

Connected in PageCacheConfig.ready(). Saving a draft, locking a page or recording a feed's
fetch status changes nothing the public sees and purges nothing. A feed import purges
through the press releases it creates or updates (post_save; once per import, see
AfterCommitOnce); an import that changed nothing purges nothing.

The shared content lives in apps above this one, so its models are named by label and
looked up in the app registry when the receivers are connected.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished
from modelsearch.tasks import insert_or_update_object_task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from .cache import AfterCommitOnce, purge_page_cache, purge_scopes
from .scopes import changed_scopes, scopes_of_page

# Shown on every page of every host: a change purges everything, on the CDN too.
EVERYWHERE = ("press.PressRelease", "notices.Banner")
# Shown on every page as well, but not worth a CDN-wide purge of their own.
SHARED = ("news.NewsCategory", "news.SharedArticle", "home.PlatformSettings", "home.PlatformText")
# People show on their chapter's Kontakt and home page, chairs on the regional home.
PEOPLE = ("people.Person", "people.PersonRole", "people.Role")
# The pages people land on, purged from the CDN when something shown everywhere changes.
LANDING_PAGES = ("home.HomePage", "chapters.ChapterPage", "news.NewsIndexPage")

# update_fields Wagtail uses when it records a draft revision or a lock: no public change.
DRAFT_ONLY_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "approved_go_live_at",
}


# update_fields Wagtail uses to record an image's or document's file hash and size.
MEDIA_BOOKKEEPING = {"file_hash", "file_size"}


def _media_models():
    return (get_image_model(), get_document_model())


def _is_draft_only(update_fields):
    return bool(update_fields) and set(update_fields) <= DRAFT_ONLY_FIELDS


# --- pages ------------------------------------------------------------------------------


def purge_around(reason, *paths, page=None):
    """A page change purges the scopes of the chapters it happened in and REGION (the
    regional home, search and archive list every chapter), and those that apps name for
    *page*'s type; outside every chapter, all."""
    scopes = changed_scopes(*paths)
    if scopes is None:
        purge_page_cache(reason)
    else:
        purge_scopes(scopes | scopes_of_page(page), reason)


def on_page_published(sender, instance, **kwargs):
    purge_around(f"page published: {instance.pk}", instance.path, page=instance)
    purge_frontend_cache_around(instance)


def on_page_unpublished(sender, instance, **kwargs):
    purge_around(f"page unpublished: {instance.pk}", instance.path, page=instance)
    purge_frontend_cache_around(instance)


def on_page_moved(sender, instance, parent_page_before=None, **kwargs):
    paths = [instance.path]
    if parent_page_before is not None:
        paths.append(parent_page_before.path)  # the old chapter listed it
    purge_around(f"page moved: {instance.pk}", *paths, page=instance)
    purge_frontend_cache_around(instance, include_self=True)
    if parent_page_before is not None:
        purge_frontend_cache_around(parent_page_before, include_self=True)


def on_page_saved(sender, instance, created, update_fields=None, **kwargs):
    # Publishing is handled by page_published; this catches live pages changed directly
    # (shell, data migrations, provisioning, alias updates) without a revision, and new
    # aliases: a new language version that the original's hreflang and switcher list.
    new_page = created and instance.alias_of_id is None
    if new_page or not instance.live or _is_draft_only(update_fields):
        return
    purge_around(f"live page saved: {instance.pk}", instance.path, page=instance)


def on_page_deleted(sender, instance, **kwargs):
    # Deleting a chapter deletes its row too: no chapter found, everything is purged.
    if instance.live:
        purge_around(f"page deleted: {instance.pk}", instance.path, page=instance)


def on_task_finished(sender, task_result, **kwargs):
    """The task worker added a page or press release to the search index after its publish
    purged: search pages cached in between did not find it yet. (A task run inside the
    request, ImmediateBackend, finished before the publish purged.)"""
    if (
        sender is ImmediateBackend
        or task_result.status != TaskResultStatus.SUCCESSFUL
        or task_result.task.module_path != insert_or_update_object_task.module_path
    ):
        return
    app_label, model_name, pk = task_result.args
    model = apps.get_model(app_label, model_name)
    if not issubclass(model, Page):
        purge_page_cache(f"{model_name} indexed: {pk}")
    elif path := Page.objects.filter(pk=pk, live=True).values_list("path", flat=True).first():
        purge_around(f"page indexed: {pk}", path)


# --- shared content ---------------------------------------------------------------------


def on_shared_content_changed(sender, instance, update_fields=None, **kwargs):
    if _is_draft_only(update_fields):
        return
    if sender is apps.get_model("home.PlatformSettings") and kwargs.get("created"):
        return  # created with its defaults on the first page view: nothing changed
    if sender in _media_models() and (
        kwargs.get("created") or (update_fields and set(update_fields) <= MEDIA_BOOKKEEPING)
    ):
        return  # a new upload is on no page yet; file hash/size bookkeeping shows nowhere
    purge_page_cache(f"{sender.__name__} changed: {instance.pk}")
    if sender in _models(EVERYWHERE) and frontend_cache_configured():
        purge_frontend_cache_everywhere_after_commit()


# --- CDN --------------------------------------------------------------------------------


def frontend_cache_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_frontend_cache_around(page, include_self=False):
    """Wagtail purges the page itself; its ancestors list it (index, chapter, home)."""
    if not frontend_cache_configured():
        return
    batch = PurgeBatch()
    ancestors = Page.objects.ancestor_of(page, inclusive=include_self)
    batch.add_pages(ancestors.live().filter(depth__gt=1).specific())
    batch.purge()


def purge_frontend_cache_everywhere():
    """Banners and press releases show on every page; purge the pages people land on
    (regional home, chapter homes, news indexes). Other pages follow within their
    Cache-Control max-age."""
    if not frontend_cache_configured():
        return
    batch = PurgeBatch()
    for model in _models(LANDING_PAGES):
        batch.add_pages(model.objects.live().public())
    batch.purge()


purge_frontend_cache_everywhere_after_commit = AfterCommitOnce(purge_frontend_cache_everywhere)


def _models(labels):
    return tuple(apps.get_model(label) for label in labels)


def connect():
    # Publishing, unpublishing and moving pages purge; so do live pages saved without a
    # revision and deleted live pages (every page model).
    page_published.connect(on_page_published, dispatch_uid="pagecache-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="pagecache-page-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="pagecache-page-moved")
    for model in apps.get_models():
        if issubclass(model, Page):
            post_save.connect(on_page_saved, sender=model, dispatch_uid=f"pc-page-s-{model}")
            post_delete.connect(on_page_deleted, sender=model, dispatch_uid=f"pc-page-d-{model}")
    # Search results change when the task worker has indexed what a publish changed.
    task_finished.connect(on_task_finished, dispatch_uid="pagecache-task-finished")
    # Shared content, sites, languages, view restrictions and media (a replaced file or a new
    # title shows on the pages using them) purge when saved or deleted.
    shared = (
        *_models(EVERYWHERE + SHARED + PEOPLE),
        Site,
        Locale,
        PageViewRestriction,
        *_media_models(),
    )
    for model in shared:
        post_save.connect(on_shared_content_changed, sender=model, dispatch_uid=f"pc-s-{model}")
        post_delete.connect(on_shared_content_changed, sender=model, dispatch_uid=f"pc-d-{model}")
    # Banners are published and unpublished like pages.
    banner = apps.get_model("notices.Banner")
    published.connect(on_shared_content_changed, sender=banner, dispatch_uid="pc-banner-pub")
    unpublished.connect(on_shared_content_changed, sender=banner, dispatch_uid="pc-banner-unp")
