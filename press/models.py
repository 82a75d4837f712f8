from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from core.localized import LocalizedQuerySet

from .forms import PressReleaseForm


class PressReleaseFeed(models.Model):
    """An RSS/Atom feed the shared press releases are imported from."""

    name = models.CharField(
        _("Name"), max_length=100, unique=True, help_text=_("Erscheint als Quelle.")
    )
    url = models.URLField(_("Feed-Adresse"), max_length=500, unique=True)
    active = models.BooleanField(_("aktiv"), default=True)
    etag = models.CharField(max_length=255, blank=True, editable=False)
    last_modified = models.CharField(max_length=255, blank=True, editable=False)
    last_checked_at = models.DateTimeField(_("zuletzt abgerufen"), null=True, editable=False)
    last_success_at = models.DateTimeField(_("zuletzt erfolgreich"), null=True, editable=False)
    last_error = models.TextField(_("letzter Fehler"), blank=True, editable=False)
    last_import_partial = models.BooleanField(
        _("teilweise importiert"),
        default=False,
        editable=False,
        help_text=_("Der Feed wurde gelesen, aber einzelne Einträge nicht (siehe Fehler)."),
    )
    last_created = models.PositiveIntegerField(_("neu"), default=0, editable=False)
    last_updated = models.PositiveIntegerField(_("aktualisiert"), default=0, editable=False)
    last_unchanged = models.PositiveIntegerField(_("unverändert"), default=0, editable=False)

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("active")]

    class Meta:
        verbose_name = _("Pressemitteilungs-Feed")
        verbose_name_plural = _("Pressemitteilungs-Feeds")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def error_text(self):
        """The last error as editors read it; a partial import says so."""
        if self.last_import_partial and self.last_error:
            return _("Teilweise importiert: %(notes)s") % {"notes": self.last_error}
        return self.last_error


class PressReleaseQuerySet(LocalizedQuerySet):
    def visible(self):
        return self.filter(hidden=False).localized().order_by("-published_at")


class PressRelease(TranslatableMixin, index.Indexed, models.Model):
    """A press release shown on every chapter's pages; kept once for all chapters."""

    published_at = models.DateTimeField(_("veröffentlicht am"), db_index=True)
    title = models.CharField(_("Titel"), max_length=300)
    teaser = models.TextField(_("Anreißer"), blank=True)
    body = RichTextField(_("Text"), blank=True)
    source_name = models.CharField(_("Quelle"), max_length=100)
    source_url = models.URLField(_("Link zur Quelle"), max_length=1000)
    feed = models.ForeignKey(
        PressReleaseFeed,
        verbose_name=_("Feed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="press_releases",
    )
    guid = models.CharField(_("Kennung im Feed"), max_length=1000, blank=True, editable=False)
    hidden = models.BooleanField(
        _("ausgeblendet"), default=False, help_text=_("Ausgeblendete erscheinen nirgends.")
    )
    locked_fields = models.JSONField(
        _("von Redaktion geändert"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Felder, die der Import nicht mehr überschreibt."),
    )

    objects = PressReleaseQuerySet.as_manager()

    panels = [
        FieldPanel("published_at"),
        FieldPanel("title"),
        FieldPanel("teaser"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("source_name"), FieldPanel("source_url")]),
        FieldPanel("hidden"),
        FieldPanel("reimport"),
    ]

    base_form_class = PressReleaseForm

    # In the site search next to the pages (chapters/search.py): title first.
    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.SearchField("source_name"),
        index.FilterField("id"),
        index.FilterField("hidden"),
        index.FilterField("locale_id"),
        index.FilterField("published_at"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Pressemitteilung")
        verbose_name_plural = _("Pressemitteilungen")
        ordering = ["-published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["feed", "guid", "locale"],
                condition=Q(feed__isnull=False),
                name="unique_press_release_per_feed",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def edited_by_editors(self):
        return bool(self.locked_fields)
