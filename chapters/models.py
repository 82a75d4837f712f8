from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import ArticleBodyBlock
from core.chapter import ChapterMixin
from core.routing import loaded_children
from core.slugs import GermanSlugMixin
from core.visibility import public
from events.models import EventIndexPage
from news import teasers
from news.models import NewsIndexPage

from .search import SiteSearchMixin


class ChapterPage(SiteSearchMixin, ChapterMixin, GermanSlugMixin, Page):
    municipality = models.CharField(_("Gemeinde"), max_length=100, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Titelbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Freiwillig: erscheint auf der Startseite des Ortsvereins und in Link-Vorschauen "
            "(Querformat; den Bildausschnitt bestimmt der Fokuspunkt)."
        ),
    )
    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_address = models.TextField(_("Anschrift"), blank=True)
    contact_email = models.EmailField(_("E-Mail"), blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("municipality"), FieldPanel("logo")]),
        FieldPanel("lead_image"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_address"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Kontakt"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url"), FieldPanel("mastodon_url")],
            heading=_("Soziale Medien"),
        ),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "news.NewsIndexPage",
        "events.EventIndexPage",
        "chapters.ContentPage",
        "people.ContactPage",
    ]

    class Meta:
        verbose_name = _("Ortsverein")
        verbose_name_plural = _("Ortsvereine")

    def _first_live_child(self, model):
        children = loaded_children(self)  # loaded while routing (with their chapter): no query
        if children is not None:
            return next((c for c in children if isinstance(c, model) and c.live), None)
        child = model.objects.child_of(self).live().first()
        if child is not None:
            child.__dict__.setdefault("chapter", self)  # as routing gives it
        return child

    @cached_property
    def news_index(self):
        return self._first_live_child(NewsIndexPage)

    def content_pages(self):
        """The live public content pages below the chapter ("Über uns", "Kontakt", …)."""
        children = loaded_children(self)
        if children is None:
            return public(ContentPage.objects.child_of(self).live())
        return [
            c for c in children if isinstance(c, ContentPage) and c.live and not c.view_restricted
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A callable: the template calls it, so routes that do not list articles (the
        # chapter's search) pay no query for them.
        context["latest_articles"] = self.latest_articles
        context["news_index"] = self.news_index
        context["chapter_pages"] = self.content_pages()
        return context

    def latest_articles(self):
        """The chapter's five newest articles."""
        return teasers.latest_of(self.news_index, 5) if self.news_index else []

    @cached_property
    def event_index(self):
        return self._first_live_child(EventIndexPage)

    def upcoming_events(self):
        """The next three dates of the chapter and the region."""
        return self.event_index.upcoming(3) if self.event_index else []


class ContentPage(ChapterMixin, GermanSlugMixin, Page):
    """Kontakt, Impressum, Datenschutz, Über uns."""

    body = StreamField(ArticleBodyBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["chapters.ChapterPage", "home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")


# --- Tenancy ------------------------------------------------------------------------------


class ChapterTeam(models.Model):
    """Who works on a chapter and where: its editors' and authors' groups, its media
    collection and its approval workflow. Created by `provision_chapter`, never by hand."""

    chapter = models.OneToOneField(
        ChapterPage, verbose_name=_("Ortsverein"), on_delete=models.CASCADE, related_name="team"
    )
    editors = models.OneToOneField(
        "auth.Group",
        verbose_name=_("Redaktion"),
        on_delete=models.PROTECT,
        related_name="chapter_as_editors",
    )
    authors = models.OneToOneField(
        "auth.Group",
        verbose_name=_("Autorinnen und Autoren"),
        on_delete=models.PROTECT,
        related_name="chapter_as_authors",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("Sammlung"),
        on_delete=models.PROTECT,
        related_name="chapter_team",
    )
    workflow = models.OneToOneField(
        "wagtailcore.Workflow",
        verbose_name=_("Freigabe-Workflow"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="chapter_team",
    )
    retired_at = models.DateTimeField(_("stillgelegt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Team eines Ortsvereins")
        verbose_name_plural = _("Teams der Ortsvereine")
        permissions = [
            ("manage_chapters", "Kann Ortsvereine anlegen, stilllegen und Redaktionen besetzen")
        ]

    def __str__(self):
        return str(self.chapter)

    @property
    def is_retired(self):
        return self.retired_at is not None
