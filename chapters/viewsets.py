from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Banner, NewsCategory, PressRelease, PressReleaseFeed


class PressReleaseViewSet(SnippetViewSet):
    model = PressRelease
    icon = "doc-full"
    menu_label = _("Pressemitteilungen")
    list_display = ["title", "published_at", "source_name", "hidden"]
    list_filter = ["hidden", "feed", "locale"]
    search_fields = ["title", "teaser"]
    ordering = ["-published_at"]


class PressReleaseFeedViewSet(SnippetViewSet):
    model = PressReleaseFeed
    icon = "link"
    menu_label = _("Feeds")
    list_display = ["name", "url", "active", "last_success_at", "last_error"]


class BannerViewSet(SnippetViewSet):
    model = Banner
    icon = "warning"
    menu_label = _("Hinweis-Banner")
    list_display = ["title", "show_from", "show_until"]


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("Kategorien")
    list_display = ["name", "slug"]


class SharedContentViewSetGroup(SnippetViewSetGroup):
    """Content kept once for all chapters; only the regional office edits it."""

    menu_label = _("Gemeinsame Inhalte")
    menu_icon = "globe"
    menu_order = 300
    items = (PressReleaseViewSet, PressReleaseFeedViewSet, BannerViewSet, NewsCategoryViewSet)
