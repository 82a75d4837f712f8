from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = _("Seiten-Cache")

    def ready(self):
        from . import signals

        # Purge the page cache and the CDN whenever public content changes (signals.py).
        signals.connect()
