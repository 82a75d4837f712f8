from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChaptersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "chapters"
    verbose_name = _("Ortsvereine")

    def ready(self):
        from . import cache_signals

        cache_signals.connect()

        from .translation import connect_signals

        connect_signals()

        from .rich_text_threads import serialise_contentstate_parsing

        serialise_contentstate_parsing()
