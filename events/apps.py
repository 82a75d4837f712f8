from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("Termine")

    def ready(self):
        from pagecache.cache import register_time_boundary
        from pagecache.scopes import register_page_scopes

        from .occurrences import dates_scopes, next_day_boundary

        # Cached "upcoming" lists drop ended events at midnight (Berlin) without a publish.
        register_time_boundary(next_day_boundary)
        # ... and are purged by changes to events and chapters, not by news.
        register_page_scopes(dates_scopes)
