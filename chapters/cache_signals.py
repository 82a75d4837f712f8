"""Purge the page cache (and a configured CDN) exactly when public content changes.

Connected in ChaptersConfig.ready(). Saving a draft, locking a page or recording a feed's
fetch status changes nothing the public sees and purges nothing. A feed import purges
through the press releases it creates or updates (post_save; once per import, see
once_after_commit); an import that changed nothing purges nothing.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from .cache import once_after_commit, purge_page_cache

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
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    return (get_image_model(), get_document_model())


def _is_draft_only(update_fields):
    return bool(update_fields) and set(update_fields) <= DRAFT_ONLY_FIELDS


# --- pages ------------------------------------------------------------------------------


def on_page_published(sender, instance, **kwargs):
    purge_page_cache(f"page published: {instance.pk}")
    purge_frontend_cache_around(instance)


def on_page_unpublished(sender, instance, **kwargs):
    purge_page_cache(f"page unpublished: {instance.pk}")
    purge_frontend_cache_around(instance)


def on_page_moved(sender, instance, parent_page_before=None, **kwargs):
    purge_page_cache(f"page moved: {instance.pk}")
    purge_frontend_cache_around(instance, include_self=True)
    if parent_page_before is not None:
        purge_frontend_cache_around(parent_page_before, include_self=True)


def on_page_saved(sender, instance, created, update_fields=None, **kwargs):
    # Publishing is handled by page_published; this catches live pages changed directly
    # (shell, data migrations, provisioning) without a revision.
    if created or not instance.live or _is_draft_only(update_fields):
        return
    purge_page_cache(f"live page saved: {instance.pk}")


def on_page_deleted(sender, instance, **kwargs):
    if instance.live:
        purge_page_cache(f"page deleted: {instance.pk}")


# --- shared content ---------------------------------------------------------------------


def on_shared_content_changed(sender, instance, update_fields=None, **kwargs):
    if _is_draft_only(update_fields):
        return
    if sender.__name__ == "PlatformSettings" and kwargs.get("created"):
        return  # created with its defaults on the first page view: nothing changed
    if sender in _media_models() and (
        kwargs.get("created") or (update_fields and set(update_fields) <= MEDIA_BOOKKEEPING)
    ):
        return  # a new upload is on no page yet; file hash/size bookkeeping shows nowhere
    purge_page_cache(f"{sender.__name__} changed: {instance.pk}")
    if sender.__name__ in ("PressRelease", "Banner") and frontend_cache_configured():
        once_after_commit(purge_frontend_cache_everywhere)


# --- CDN --------------------------------------------------------------------------------


def frontend_cache_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_frontend_cache_around(page, include_self=False):
    """Wagtail purges the page itself; its ancestors list it (index, chapter, home)."""
    if not frontend_cache_configured():
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

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
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    from home.models import HomePage

    from .models import ChapterPage, NewsIndexPage

    batch = PurgeBatch()
    for model in (HomePage, ChapterPage, NewsIndexPage):
        batch.add_pages(model.objects.live().public())
    batch.purge()


def connect():
    from home.models import PlatformSettings

    from .models import Banner, NewsCategory, PressRelease

    page_published.connect(on_page_published, dispatch_uid="pagecache-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="pagecache-page-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="pagecache-page-moved")
    for model in apps.get_models():
        if issubclass(model, Page):
            post_save.connect(on_page_saved, sender=model, dispatch_uid=f"pc-page-s-{model}")
            post_delete.connect(on_page_deleted, sender=model, dispatch_uid=f"pc-page-d-{model}")
    # Images and documents: a replaced file or a new title shows on the pages using them.
    shared = (PressRelease, Banner, NewsCategory, PlatformSettings, Site, Locale, *_media_models())
    for model in (*shared, PageViewRestriction):
        post_save.connect(on_shared_content_changed, sender=model, dispatch_uid=f"pc-s-{model}")
        post_delete.connect(on_shared_content_changed, sender=model, dispatch_uid=f"pc-d-{model}")
    published.connect(on_shared_content_changed, sender=Banner, dispatch_uid="pc-banner-pub")
    unpublished.connect(on_shared_content_changed, sender=Banner, dispatch_uid="pc-banner-unp")
