"""A confirm-then-act admin view for actions on one object ("Jetzt importieren", "Ausblenden").

GET asks for confirmation, POST acts, like Wagtail's delete views.
"""

from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

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
