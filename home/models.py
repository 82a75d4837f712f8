from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page, TranslatableMixin

from chapters.models import ChapterPage
from chapters.search import SiteSearchMixin
from core.localized import LocalizedQuerySet
from core.routing import RouteMixin, child_paths, load_route
from core.slugs import GermanSlugMixin
from core.visibility import public
from events.models import EventIndexPage
from events.occurrences import upcoming_under
from news.models import NewsArticlePage, NewsIndexPage
from press.archive import PressReleaseArchiveMixin


class HomePage(SiteSearchMixin, PressReleaseArchiveMixin, RouteMixin, GermanSlugMixin, Page):
    """The regional portal: root of the tree, parent of every chapter."""

    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "chapters.ChapterPage",
        "chapters.ContentPage",
        "events.EventIndexPage",
        "people.ContactPage",
    ]
    max_count_per_parent = 1

    # The portal belongs to no chapter; said here, a template asking for its chapter does
    # not fail a lookup (Django then lists the page's attributes, 0.1 ms each time).
    chapter = None
    chapter_news_index = None

    class Meta:
        verbose_name = _("Regionalportal")
        verbose_name_plural = _("Regionalportale")

    def route(self, request, path_components):
        # Before the routes of its own (search, archive, the page itself): they are served
        # with the view restriction facts and ancestors loaded here too (core.routing).
        load_route(self, path_components)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Callables: the template calls them, so routes that do not list them (the
        # press-release archive, the search) pay no queries for them.
        context["chapters"] = self.chapters_with_newest_article
        context["latest_articles"] = self.latest_articles
        return context

    def upcoming_events(self):
        """The next five dates of every chapter and the region, each with its chapter."""
        return upcoming_under(self, 5, chapters=self.chapters_with_newest_article())

    def event_index(self):
        return EventIndexPage.objects.child_of(self).live().first()

    def latest_articles(self):
        """The newest articles of all chapters, each with its chapter (no query per article)."""
        chapters = self.chapters_with_newest_article()
        articles = list(NewsArticlePage.objects.latest_under(self)[:6])
        for article in articles:
            article.chapter = next(
                (chapter for chapter in chapters if article.path.startswith(chapter.path)), None
            )
        return articles

    def chapters_with_newest_article(self):
        """Live chapters, each with `newest_article` (or None): two queries in all, once."""
        if not hasattr(self, "_chapters_with_newest_article"):
            self._chapters_with_newest_article = self._load_chapters_with_newest_article()
        return self._chapters_with_newest_article

    def _load_chapters_with_newest_article(self):
        # By the chapter's news index: one short walk of its (news_index, date, id) index.
        news_index = Page.objects.filter(
            depth=OuterRef("depth") + 1,
            content_type=ContentType.objects.get_for_model(NewsIndexPage),
            **child_paths(OuterRef("path")),
        ).values("pk")[:1]
        newest = (
            public(NewsArticlePage.objects.live())
            .filter(news_index=OuterRef("news_index_id"))
            .order_by("-date", "-pk")
            .values("pk")[:1]
        )
        chapters = list(
            public(ChapterPage.objects.child_of(self).live())
            .annotate(news_index_id=Subquery(news_index))
            .annotate(newest_article_id=Subquery(newest))
            .order_by("title")
        )
        articles = NewsArticlePage.objects.only("title", "url_path", "date").in_bulk(
            [chapter.newest_article_id for chapter in chapters if chapter.newest_article_id]
        )  # what a chapter's card shows (its link, title and date), not 200 article bodies
        for chapter in chapters:
            chapter.newest_article = articles.get(chapter.newest_article_id)
        return chapters


LEGAL_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul"]
LEGAL_HELP = _(
    "Neue Ortsvereine bekommen Impressum und Datenschutzerklärung aus dieser Vorlage. "
    "Platzhalter: {ortsverein}, {verantwortlich}, {anschrift}, {email}. Leer: Standardtext."
)


@register_setting(icon="cog")
class PlatformSettings(BaseGenericSetting):
    """Platform-wide texts the regional office maintains in the admin."""

    platform_name = models.CharField(
        _("Name der Plattform"), max_length=120, default="SPD Havelland"
    )
    footer_line = models.CharField(
        _("Fußzeile"),
        max_length=200,
        default="Ein Service von info.websozis.de",
        help_text=_("Erscheint unten auf jeder Seite, z. B. „Ein Service von …“."),
    )
    office_name = models.CharField(_("Regionalgeschäftsstelle"), max_length=200, blank=True)
    office_address = models.TextField(_("Anschrift"), blank=True)
    office_email = models.EmailField(_("E-Mail"), blank=True)
    office_phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    join_url = models.URLField(
        _("Adresse „Mitglied werden“"),
        blank=True,
        help_text=_("Jede Fußzeile verlinkt „Mitglied werden“ hierher."),
    )
    imprint_template = RichTextField(
        _("Vorlage Impressum"),
        blank=True,
        features=LEGAL_FEATURES,
        help_text=LEGAL_HELP,
    )
    privacy_template = RichTextField(
        _("Vorlage Datenschutzerklärung"),
        blank=True,
        features=LEGAL_FEATURES,
        help_text=LEGAL_HELP,
    )

    panels = [
        FieldPanel("platform_name"),
        FieldPanel("footer_line"),
        HelpPanel(
            _(
                "Übersetzungen von Name und Fußzeile: „Gemeinsame Inhalte → Plattform-Texte“ "
                "(Deutsch ist dort dasselbe wie hier)."
            )
        ),
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("office_address"),
                FieldPanel("office_email"),
                FieldPanel("office_phone"),
            ],
            heading=_("Kontakt der Regionalgeschäftsstelle"),
        ),
        FieldPanel("join_url"),
        MultiFieldPanel(
            [FieldPanel("imprint_template"), FieldPanel("privacy_template")],
            heading=_("Rechtliche Seiten neuer Ortsvereine"),
        ),
    ]

    class Meta:
        verbose_name = _("Plattform-Einstellungen")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The German PlatformText, the source of the translations, says the same (update():
        # no save() back into these settings).
        PlatformText.objects.filter(locale=Locale.get_default()).update(
            platform_name=self.platform_name, footer_line=self.footer_line
        )


class PlatformText(TranslatableMixin, models.Model):
    """The platform's name and footer line in every content language: one German row,
    translated with wagtail-localize like any snippet. The German row and PlatformSettings
    are kept equal (each one's save updates the other), so German pages (and older code)
    read the settings without an extra query; other languages read their translation
    (home/templatetags/platform_tags.py).
    """

    platform_name = models.CharField(_("Name der Plattform"), max_length=120)
    footer_line = models.CharField(
        _("Fußzeile"),
        max_length=200,
        blank=True,
        help_text=_("Erscheint unten auf jeder Seite, z. B. „Ein Service von …“."),
    )

    objects = LocalizedQuerySet.as_manager()

    panels = [FieldPanel("platform_name"), FieldPanel("footer_line")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Plattform-Texte")
        verbose_name_plural = _("Plattform-Texte")

    def __str__(self):
        return self.platform_name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.locale_id == Locale.get_default().pk:
            platform = PlatformSettings.load()
            platform.platform_name = self.platform_name
            platform.footer_line = self.footer_line
            platform.save()  # purges the page cache like any settings change

    def clean(self):
        super().clean()
        others = PlatformText.objects.filter(locale_id=self.locale_id)
        if self.pk:
            others = others.exclude(pk=self.pk)
        if self.locale_id and others.exists():
            raise ValidationError(
                _("Es gibt die Plattform-Texte in dieser Sprache schon; bitte dort ändern.")
            )
