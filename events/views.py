"""Admin views for calendar subscriptions: "Jetzt importieren" for one subscription,
wired in by events/viewsets.py like the press feeds' import."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin_views import ConfirmedActionView

from .importer import import_subscription
from .models import CalendarSubscription


class ImportCalendarView(ConfirmedActionView):
    """Fetch one calendar now and report the outcome as a message."""

    model = CalendarSubscription
    page_title = gettext_lazy("Jetzt importieren")
    header_icon = "download"

    def get_object(self):
        subscription = super().get_object()
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", subscription
        ):
            raise PermissionDenied
        return subscription

    def get_question(self):
        return _(
            "Die Termine aus dem Kalender „%(name)s“ (%(url)s) jetzt abrufen? Neue Termine "
            "werden angelegt und veröffentlicht, geänderte aktualisiert."
        ) % {"name": self.object.name, "url": self.object.url}

    def get_details(self):
        subscription = self.object
        if not subscription.last_checked_at:
            return [_("Dieser Kalender wurde noch nie abgerufen.")]
        details = [
            _("Zuletzt abgerufen am %(when)s Uhr.")
            % {"when": date_format(localtime(subscription.last_checked_at), "d.m.Y H:i")}
        ]
        if subscription.last_error:
            details.append(_("Letzte Meldung: %(error)s") % {"error": subscription.last_error})
        return details

    def post(self, request, *args, **kwargs):
        result = import_subscription(self.object)
        (messages.success if result.ok else messages.error)(request, result.summary())
        return redirect(self.get_next_url())
