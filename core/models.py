from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class DocumentAttachment(Orderable):
    """A document attached to a page (articles, events), listed under its text. Subclasses
    add the `page` ParentalKey with related_name="attachments"."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Dokument"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("Bezeichnung"), max_length=250, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("Angehängtes Dokument")
        verbose_name_plural = _("Angehängte Dokumente")

    @property
    def display_title(self):
        return self.title or self.document.title
