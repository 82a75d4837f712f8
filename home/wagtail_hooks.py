from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from news.viewsets import NewsCategoryViewSet
from notices.viewsets import BannerViewSet
from press.viewsets import PressReleaseFeedViewSet, PressReleaseViewSet


class SharedContentViewSetGroup(SnippetViewSetGroup):
    """Content kept once for all chapters; only the regional office edits it."""

    menu_label = _("Gemeinsame Inhalte")
    menu_icon = "globe"
    menu_order = 300
    items = (PressReleaseViewSet, PressReleaseFeedViewSet, BannerViewSet, NewsCategoryViewSet)


register_snippet(SharedContentViewSetGroup)
