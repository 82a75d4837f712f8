"""The people of a chapter (board and elected representatives), the vocabulary of their
roles, and the chapter's contact page with the messages sent through it.

`people` sits below `chapters` in the app map (tests/test_layout.py): chapters are named by
their model label ("chapters.ChapterPage"), never imported.
"""

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from core.blocks import ArticleBodyBlock
from core.chapter import ChapterMixin
from core.localized import LocalizedQuerySet

BOARD = "board"
MANDATE = "mandate"
GROUP_CHOICES = [(BOARD, _("Vorstand")), (MANDATE, _("Mandatsträger"))]


class Role(TranslatableMixin, models.Model):
    """A function a person holds: "Vorsitzende/r", "Kassierer/in", "Gemeindevertreter/in"…
    Shared by all chapters and maintained by the regional office; translatable."""

    name = models.CharField(_("Bezeichnung"), max_length=100)
    group = models.CharField(_("Gruppe"), max_length=20, choices=GROUP_CHOICES, default=BOARD)
    is_chair = models.BooleanField(
        _("Vorsitz"),
        default=False,
        help_text=_("Wer diese Funktion hat, erscheint im Regionalportal beim Ortsverein."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("Reihenfolge"), default=100, help_text=_("Kleinere Zahlen stehen weiter oben.")
    )

    objects = LocalizedQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("group"), FieldPanel("sort_order")]),
        FieldPanel("is_chair"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Funktion")
        verbose_name_plural = _("Funktionen")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    def of_chapter(self, chapter):
        # A translated chapter page shares its people with the German original.
        keys = Q(chapter=chapter) | Q(chapter__translation_key=chapter.translation_key)
        return self.filter(keys)

    def in_group(self, group):
        return self.filter(roles__role__group=group).distinct()

    def with_roles(self):
        return self.select_related("photo").prefetch_related("roles__role")


class Person(ClusterableModel):
    """Somebody a chapter presents: board member or elected representative."""

    chapter = models.ForeignKey(
        "chapters.ChapterPage",
        verbose_name=_("Ortsverein"),
        on_delete=models.CASCADE,
        related_name="people",
    )
    name = models.CharField(_("Name"), max_length=200)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("Kurzbiografie"), max_length=1000, blank=True)
    email = models.EmailField(_("Öffentliche E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    website_url = models.URLField(_("Website"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    sort_order = models.PositiveSmallIntegerField(
        _("Reihenfolge"), default=100, help_text=_("Kleinere Zahlen stehen weiter oben.")
    )

    objects = PersonQuerySet.as_manager()

    panels = [
        # A plain select: the form offers the user's own chapters only (wagtail_hooks.py).
        FieldPanel("chapter", widget=forms.Select),
        FieldRowPanel([FieldPanel("name"), FieldPanel("sort_order")]),
        FieldPanel("photo"),
        InlinePanel("roles", label=_("Funktionen"), min_num=1),
        FieldPanel("bio"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("website_url"),
                FieldRowPanel(
                    [
                        FieldPanel("mastodon_url"),
                        FieldPanel("instagram_url"),
                        FieldPanel("facebook_url"),
                    ]
                ),
            ],
            heading=_("Kontakt und Links"),
        ),
    ]

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def links(self):
        candidates = [
            (_("Website"), self.website_url),
            ("Mastodon", self.mastodon_url),
            ("Instagram", self.instagram_url),
            ("Facebook", self.facebook_url),
        ]
        return [(label, url) for label, url in candidates if url]


class PersonRole(Orderable):
    person = ParentalKey(Person, on_delete=models.CASCADE, related_name="roles")
    role = models.ForeignKey(
        Role, verbose_name=_("Funktion"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("Funktion")
        verbose_name_plural = _("Funktionen")


class ContactPage(ChapterMixin, Page):
    """A chapter's (or the region's) "Kontakt": text, the board, and a contact form.

    The form posts to people.views.contact_submit (see people/contact.py for why it needs
    no CSRF cookie); the page itself sets no cookie and stays in the page cache.
    """

    body = StreamField(ArticleBodyBlock(), verbose_name=_("Inhalt"), blank=True)
    show_people = models.BooleanField(_("Vorstand und Mandatsträger zeigen"), default=True)
    form_intro = models.CharField(
        _("Text über dem Formular"),
        max_length=300,
        blank=True,
        default="Schreiben Sie uns – wir antworten so bald wie möglich.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        FieldPanel("form_intro"),
        FieldPanel("show_people"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["chapters.ChapterPage", "home.HomePage"]
    subpage_types = []
    template = "people/contact_page.html"

    class Meta:
        verbose_name = _("Kontaktseite")
        verbose_name_plural = _("Kontaktseiten")

    def get_context(self, request, *args, form=None, sent=False, **kwargs):
        from .contact import ContactForm, current_token
        from .legal_links import legal_pages

        context = super().get_context(request, *args, **kwargs)
        context["form"] = form or ContactForm(page=self)
        context["token"] = current_token(self, form)
        context["sent"] = sent or request.GET.get("gesendet") == "1"
        privacy = legal_pages(request, self).get("datenschutz")
        context["privacy_url"] = privacy.get_url(request) if privacy else ""
        return context


class ContactSubmission(models.Model):
    """A message sent through a contact form, kept for CONTACT_RETENTION_DAYS days."""

    chapter = models.ForeignKey(
        "chapters.ChapterPage",
        verbose_name=_("Ortsverein"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contact_submissions",
        help_text=_("Leer: an die Region."),
    )
    page = models.ForeignKey(
        ContactPage,
        verbose_name=_("Kontaktseite"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"))
    message = models.TextField(_("Nachricht"))
    created_at = models.DateTimeField(_("eingegangen am"), auto_now_add=True, db_index=True)
    mailed_to = models.CharField(_("weitergeleitet an"), max_length=254, blank=True)

    class Meta:
        verbose_name = _("Kontaktanfrage")
        verbose_name_plural = _("Kontaktanfragen")
        ordering = ["-created_at"]

    def __str__(self):
        # No name or address: this label ends up in the admin's logs and reports, which
        # every chapter team can read.
        return gettext("Kontaktanfrage Nr. %(number)s") % {"number": self.pk}
