"""Admin views for the shared press releases: "Jetzt importieren" for one feed and
"Ausblenden"/"Einblenden" for one press release.

Wired into the admin by the snippet viewsets in chapters/viewsets.py: own URLs inside
each snippet's URL namespace, a button in the listing's "…" menu (and for feeds in the
edit view's header). GET asks for confirmation, POST acts, like Wagtail's delete views.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .feeds import import_feed
from .models import PressRelease, PressReleaseFeed


class ConfirmedActionView(
    PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, TemplateView
):
    permission_required = "change"
    template_name = "chapters/admin/confirm_action.html"

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return []

    def get_default_next_url(self):
        return AdminURLFinder(self.request.user).get_edit_url(self.object)

    def get_next_url(self):
        next_url = self.request.POST.get("next") or self.request.GET.get("next")
        if next_url and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={self.request.get_host()}
        ):
            return next_url
        return self.get_default_next_url() or reverse("wagtailadmin_home")

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


class ImportFeedView(ConfirmedActionView):
    """Fetch one feed now and report the outcome as a message."""

    model = PressReleaseFeed
    page_title = gettext_lazy("Jetzt importieren")
    header_icon = "download"

    def get_question(self):
        return _(
            "Die Pressemitteilungen aus dem Feed „%(name)s“ (%(url)s) jetzt abrufen? Neue "
            "Einträge werden angelegt, geänderte aktualisiert; ausgeblendete bleiben ausgeblendet."
        ) % {"name": self.object.name, "url": self.object.url}

    def get_details(self):
        feed = self.object
        if not feed.last_checked_at:
            return [_("Dieser Feed wurde noch nie abgerufen.")]
        from django.utils.formats import date_format
        from django.utils.timezone import localtime

        details = [
            _("Zuletzt abgerufen am %(when)s Uhr.")
            % {"when": date_format(localtime(feed.last_checked_at), "d.m.Y H:i")}
        ]
        if feed.last_error:
            details.append(_("Letzter Fehler: %(error)s") % {"error": feed.last_error})
        return details

    def post(self, request, *args, **kwargs):
        result = import_feed(self.object)
        (messages.success if result.ok else messages.error)(request, result.summary())
        return redirect(self.get_next_url())


class TogglePressReleaseHiddenView(ConfirmedActionView):
    """Hide one press release everywhere, or show it again; imports keep the choice."""

    model = PressRelease
    index_url_name = None

    def get_page_title(self):
        return _("Wieder anzeigen") if self.object.hidden else _("Ausblenden")

    def get_header_icon(self):
        return "view" if self.object.hidden else "no-view"

    def get_default_next_url(self):
        return reverse(self.index_url_name)

    def get_question(self):
        if self.object.hidden:
            return _("„%(title)s“ wieder auf allen Seiten anzeigen?") % {"title": self.object}
        return _(
            "„%(title)s“ auf allen Seiten aller Ortsvereine und im Archiv ausblenden? "
            "Spätere Importe blenden sie nicht wieder ein."
        ) % {"title": self.object}

    def post(self, request, *args, **kwargs):
        self.object.hidden = not self.object.hidden
        self.object.save(update_fields=["hidden"])
        if self.object.hidden:
            messages.success(request, _("„%(title)s“ ist ausgeblendet.") % {"title": self.object})
        else:
            messages.success(
                request, _("„%(title)s“ wird wieder angezeigt.") % {"title": self.object}
            )
        return redirect(self.get_next_url())
