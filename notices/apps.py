from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notices"
    verbose_name = _("Hinweis-Banner")

    def ready(self):
        from pagecache.cache import register_time_boundary

        from .models import Banner

        # No cached page outlives the moment a banner's display window opens or closes.
        register_time_boundary(Banner.objects.next_boundary)
