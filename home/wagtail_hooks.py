from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from news.viewsets import NewsCategoryViewSet
from notices.viewsets import BannerViewSet
from press.viewsets import PressReleaseFeedViewSet, PressReleaseViewSet

from .models import PlatformText


class PlatformTextViewSet(SnippetViewSet):
    """Name and footer line of the platform, translated like every shared snippet."""

    model = PlatformText
    icon = "cog"
    menu_label = _("Plattform-Texte")
    list_display = ["platform_name", "footer_line"]


class SharedContentViewSetGroup(SnippetViewSetGroup):
    """Content kept once for all chapters; only the regional office edits it."""

    menu_label = _("Gemeinsame Inhalte")
    menu_icon = "globe"
    menu_order = 300
    items = (
        PressReleaseViewSet,
        PressReleaseFeedViewSet,
        BannerViewSet,
        NewsCategoryViewSet,
        PlatformTextViewSet,
    )


register_snippet(SharedContentViewSetGroup)
