from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = _("Nachrichten")

    def ready(self):
        from pagecache.scopes import register_dependent_chapters

        from .models import SharedArticle

        # A shared article's change purges the chapters that show it, not only its own.
        register_dependent_chapters(SharedArticle.objects.chapters_showing)
