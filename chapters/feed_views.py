"""Admin views for the press-release feeds: "Jetzt importieren" for one feed.

Wired into the admin by `PressReleaseFeedViewSet` (chapters/viewsets.py): its own URL
inside the snippet's URL namespace, a button in the listing and in the edit view's header.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .feeds import import_feed
from .models import PressReleaseFeed


class ImportFeedView(
    PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, TemplateView
):
    """GET asks for confirmation, POST imports the feed and reports the outcome."""

    model = PressReleaseFeed
    permission_required = "change"
    page_title = _("Jetzt importieren")
    header_icon = "download"
    template_name = "chapters/admin/import_feed.html"

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return []

    def get_next_url(self):
        next_url = self.request.POST.get("next") or self.request.GET.get("next")
        if next_url and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={self.request.get_host()}
        ):
            return next_url
        return AdminURLFinder(self.request.user).get_edit_url(self.object) or reverse(
            "wagtailadmin_home"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feed"] = self.object
        context["next_url"] = self.get_next_url()
        return context

    def post(self, request, *args, **kwargs):
        result = import_feed(self.object)
        if result.ok:
            messages.success(request, result.summary())
        else:
            messages.error(request, result.summary())
        return redirect(self.get_next_url())
