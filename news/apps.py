from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = _("Nachrichten")

    def ready(self):
        from wagtail.signals import post_page_move

        from pagecache.scopes import register_dependent_chapters

        from .models import SharedArticle
        from .signals import keep_news_index

        # A shared article's change purges the chapters that show it, not only its own.
        register_dependent_chapters(SharedArticle.objects.chapters_showing)
        # A moved article is listed by its new news index.
        post_page_move.connect(keep_news_index, dispatch_uid="news-keep-news-index")
