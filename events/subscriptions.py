"""Calendar subscriptions: an outside .ics address imported regularly into one "Termine"
page (a chapter's or the regional one), with the outcome of the last import.

Who may see and manage a subscription follows the page rights on its target: see
events/permissions.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class CalendarSubscription(models.Model):
    name = models.CharField(
        _("Name"), max_length=100, unique=True, help_text=_("Zum Beispiel „Kreisverband“.")
    )
    url = models.URLField(_("Kalender-Adresse (.ics)"), max_length=500)
    target = models.ForeignKey(
        "events.EventIndexPage",
        verbose_name=_("Terminübersicht"),
        on_delete=models.CASCADE,
        related_name="subscriptions",
        help_text=_("Die Termine-Seite, in die die Termine übernommen werden."),
    )
    active = models.BooleanField(_("aktiv"), default=True)
    last_checked_at = models.DateTimeField(_("zuletzt abgerufen"), null=True, editable=False)
    last_success_at = models.DateTimeField(_("zuletzt erfolgreich"), null=True, editable=False)
    last_error = models.TextField(_("letzter Fehler"), blank=True, editable=False)
    last_created = models.PositiveIntegerField(_("neu"), default=0, editable=False)
    last_updated = models.PositiveIntegerField(_("aktualisiert"), default=0, editable=False)
    last_unchanged = models.PositiveIntegerField(_("unverändert"), default=0, editable=False)

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("target"), FieldPanel("active")]

    class Meta:
        verbose_name = _("Kalender-Abo")
        verbose_name_plural = _("Kalender-Abos")
        ordering = ["name"]

    def __str__(self):
        return self.name
