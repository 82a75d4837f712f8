from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin

from core.localized import LocalizedQuerySet


class BannerQuerySet(LocalizedQuerySet):
    def showing(self, now=None):
        """Published banners whose display window contains *now*."""
        now = now or timezone.now()
        return (
            self.filter(live=True)
            .filter(Q(show_from__isnull=True) | Q(show_from__lte=now))
            .filter(Q(show_until__isnull=True) | Q(show_until__gt=now))
            .localized()
            .order_by("-show_from", "-pk")
        )

    def next_boundary(self, now=None):
        """The next moment a published banner starts or stops showing, or None."""
        now = now or timezone.now()
        live = self.filter(live=True)
        starts = live.filter(show_from__gt=now).order_by("show_from")
        ends = live.filter(show_until__gt=now).order_by("show_until")
        moments = [
            starts.values_list("show_from", flat=True).first(),
            ends.values_list("show_until", flat=True).first(),
        ]
        moments = [moment for moment in moments if moment is not None]
        return min(moments) if moments else None


class Banner(TranslatableMixin, DraftStateMixin, RevisionMixin, models.Model):
    """A notice shown on every public page of every chapter and the regional home."""

    title = models.CharField(_("Titel"), max_length=200)
    text = RichTextField(_("Text"), blank=True, features=["bold", "italic", "link"])
    link_url = models.URLField(_("Link"), blank=True)
    link_text = models.CharField(_("Linktext"), max_length=100, blank=True)
    show_from = models.DateTimeField(_("anzeigen ab"), null=True, blank=True)
    show_until = models.DateTimeField(_("anzeigen bis"), null=True, blank=True)

    objects = BannerQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("link_url"), FieldPanel("link_text")]),
        FieldRowPanel([FieldPanel("show_from"), FieldPanel("show_until")]),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Hinweis-Banner")
        verbose_name_plural = _("Hinweis-Banner")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.show_from and self.show_until and self.show_until <= self.show_from:
            raise ValidationError(
                {"show_until": _("Das Ende muss nach dem Beginn der Anzeige liegen.")}
            )
