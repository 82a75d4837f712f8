from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Übersetzungen")

    def ready(self):
        from . import signals

        # Aliases for published pages, translation rights that follow page rights (signals.py).
        signals.connect()
