"""The calendar subscriptions in the admin ("Kalender-Abos"): a listing with the status
of the last import, "Jetzt importieren" in the listing's "…" menu and the edit header.
Chapter editors see and manage only their own chapter's subscriptions
(events/permissions.py)."""

from django.core.exceptions import PermissionDenied
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn
from wagtail.snippets.views.snippets import DeleteView, HistoryView, SnippetViewSet, UsageView

from core.admin_views import ImportNowEditView, ImportNowIndexView, ImportNowViewSetMixin

from .models import CalendarSubscription
from .permissions import SubscriptionForm
from .views import ImportCalendarView


class OwnSubscriptionsMixin:
    """Another chapter's subscription answers 403, as if the user had no rights at all."""

    def get_object(self, *args, **kwargs):
        subscription = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, ["change", "delete"], subscription
        ):
            raise PermissionDenied
        return subscription


class SubscriptionIndexView(ImportNowIndexView):
    """Only the subscriptions the user may manage; "Jetzt importieren" as for press feeds."""

    def get_base_queryset(self):
        allowed = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "delete", "view"]
        )
        return super().get_base_queryset().filter(pk__in=allowed.values("pk"))


class SubscriptionEditView(OwnSubscriptionsMixin, ImportNowEditView):
    pass


class SubscriptionDeleteView(OwnSubscriptionsMixin, DeleteView):
    pass


class SubscriptionHistoryView(OwnSubscriptionsMixin, HistoryView):
    pass


class SubscriptionUsageView(OwnSubscriptionsMixin, UsageView):
    pass


def _status(subscription):
    if not subscription.last_checked_at:
        return _("noch nie abgerufen")
    if subscription.last_success_at == subscription.last_checked_at:
        return _("%(created)d neu, %(updated)d aktualisiert, %(unchanged)d unverändert") % {
            "created": subscription.last_created,
            "updated": subscription.last_updated,
            "unchanged": subscription.last_unchanged,
        }
    return _("FEHLER")


class CalendarSubscriptionViewSet(ImportNowViewSetMixin, SnippetViewSet):
    model = CalendarSubscription
    icon = "date"
    menu_label = _("Kalender-Abos")
    menu_order = 310
    add_to_admin_menu = True
    list_display = [
        "name",
        "target",
        StatusFlagColumn("active", label=_("aktiv"), true_label=_("aktiv"), false_label=_("aus")),
        DateColumn("last_checked_at", label=_("zuletzt abgerufen")),
        Column("status", label=_("letzter Import"), accessor=_status),
        Column(
            "last_error",
            label=_("letzter Fehler / Hinweise"),
            accessor=lambda subscription: Truncator(subscription.last_error).chars(300),
        ),
    ]
    list_filter = ["active"]
    search_fields = ["name", "url"]
    import_view_class = ImportCalendarView
    index_view_class = SubscriptionIndexView
    edit_view_class = SubscriptionEditView
    delete_view_class = SubscriptionDeleteView
    history_view_class = SubscriptionHistoryView
    usage_view_class = SubscriptionUsageView
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("url"), FieldPanel("target"), FieldPanel("active")],
        base_form_class=SubscriptionForm,
    )
