from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = _("Seiten-Cache")

    def ready(self):
        from core.routing import use_chapter_store

        from . import signals
        from .cache import ChapterStore

        # Purge the page cache and the CDN whenever public content changes (signals.py).
        signals.connect()
        # Routing keeps a chapter and its children until the chapter changes (cache.py).
        use_chapter_store(ChapterStore())
