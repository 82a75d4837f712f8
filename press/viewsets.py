from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from core.admin_views import ImportNowViewSetMixin

from .models import PressRelease, PressReleaseFeed
from .views import ImportFeedView, TogglePressReleaseHiddenView


class PressReleaseIndexView(IndexView):
    hide_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    _("Wieder anzeigen") if instance.hidden else _("Ausblenden"),
                    url=reverse(self.hide_url_name, args=(instance.pk,)),
                    icon_name="view" if instance.hidden else "no-view",
                    priority=15,
                )
            )
        return buttons


class PressReleaseViewSet(SnippetViewSet):
    model = PressRelease
    icon = "doc-full"
    menu_label = _("Pressemitteilungen")
    index_view_class = PressReleaseIndexView
    list_display = [
        "title",
        "published_at",
        "source_name",
        "feed",
        StatusFlagColumn(
            "hidden",
            label=_("Sichtbarkeit"),
            true_label=_("ausgeblendet"),
            false_label=_("sichtbar"),
            sort_key="hidden",
        ),
        StatusFlagColumn(
            "edited_by_editors",
            label=_("Redaktion"),
            true_label=_("von Redaktion geändert"),
            false_label=_("wie im Feed"),
        ),
    ]
    list_filter = ["hidden", "feed", "locale"]
    search_fields = ["title", "teaser"]
    ordering = ["-published_at"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(hide_url_name=self.get_url_name("hide"), **kwargs)

    @property
    def hide_view(self):
        return TogglePressReleaseHiddenView.as_view(
            permission_policy=self.permission_policy, index_url_name=self.get_url_name("list")
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("hide/<int:pk>/", self.hide_view, name="hide"),
        ]


class PressReleaseFeedViewSet(ImportNowViewSetMixin, SnippetViewSet):
    model = PressReleaseFeed
    icon = "link"
    menu_label = _("Feeds")
    list_display = [
        "name",
        "url",
        StatusFlagColumn("active", label=_("aktiv"), true_label=_("aktiv"), false_label=_("aus")),
        DateColumn("last_checked_at", label=_("zuletzt abgerufen")),
        DateColumn("last_success_at", label=_("zuletzt erfolgreich")),
        Column(
            "last_error",
            label=_("letzter Fehler"),
            accessor=lambda feed: Truncator(feed.error_text).chars(300),
        ),
    ]
    list_filter = ["active"]
    import_view_class = ImportFeedView
