"""Admin building blocks for actions on one object ("Jetzt importieren", "Ausblenden"): a
confirm-then-act view (GET asks, POST acts, like Wagtail's delete views) and the wiring of
"Jetzt importieren" into a snippet viewset (press feeds, calendar subscriptions).
"""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import EditView, IndexView

from core.http import safe_next_url


class ConfirmedActionView(
    PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, TemplateView
):
    permission_required = "change"
    template_name = "core/admin/confirm_action.html"

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return []

    def get_default_next_url(self):
        return AdminURLFinder(self.request.user).get_edit_url(self.object)

    def get_next_url(self):
        return safe_next_url(
            self.request, self.get_default_next_url() or reverse("wagtailadmin_home")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["next_url"] = self.get_next_url()
        context["question"] = self.get_question()
        context["details"] = self.get_details()
        context["submit_label"] = self.get_page_title()
        return context

    def get_details(self):
        return []


class ImportNowIndexView(IndexView):
    """The listing, with "Jetzt importieren" in each row's "…" menu."""

    import_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    _("Jetzt importieren"),
                    url=reverse(self.import_url_name, args=(instance.pk,)),
                    icon_name="download",
                    priority=15,
                )
            )
        return buttons


class ImportNowEditView(EditView):
    """The edit view, with "Jetzt importieren" in its header."""

    import_url_name = None

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.user_has_permission_for_instance("change", self.object):
            buttons.append(
                Button(
                    _("Jetzt importieren"),
                    url=reverse(self.import_url_name, args=(self.object.pk,)),
                    icon_name="download",
                    priority=5,
                )
            )
        return buttons


class ImportNowViewSetMixin:
    """For a SnippetViewSet: import_view_class (a ConfirmedActionView) under import/<pk>/,
    linked from the listing and the edit view (their classes derive from the two above)."""

    import_view_class = None
    index_view_class = ImportNowIndexView
    edit_view_class = ImportNowEditView

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(import_url_name=self.get_url_name("import"), **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(import_url_name=self.get_url_name("import"), **kwargs)

    @property
    def import_view(self):
        return self.import_view_class.as_view(permission_policy=self.permission_policy)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/<int:pk>/", self.import_view, name="import"),
        ]
