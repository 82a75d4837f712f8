from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Banner


class BannerViewSet(SnippetViewSet):
    model = Banner
    icon = "warning"
    menu_label = _("Hinweis-Banner")
    list_display = ["title", "show_from", "show_until"]
