"""Admin views for the shared press releases: "Jetzt importieren" for one feed and
"Ausblenden"/"Einblenden" for one press release.

Wired into the admin by the snippet viewsets in press/viewsets.py: own URLs inside each
snippet's URL namespace, a button in the listing's "…" menu (and for feeds in the edit
view's header).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin_views import ConfirmedActionView

from .importer import import_feed
from .models import PressRelease, PressReleaseFeed


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
        details = [
            _("Zuletzt abgerufen am %(when)s Uhr.")
            % {"when": date_format(localtime(feed.last_checked_at), "d.m.Y H:i")}
        ]
        if feed.error_text:
            details.append(_("Letzter Fehler: %(error)s") % {"error": feed.error_text})
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
