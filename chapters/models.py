from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    Orderable,
    Page,
    PageManager,
    PageQuerySet,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index

from .blocks import ArticleBodyBlock

# --- Shared, translatable content ---------------------------------------------------------


class LocalizedQuerySet(models.QuerySet):
    def localized(self, locale=None):
        """Rows in the active language, plus German originals nobody has translated yet.

        One query whatever the number of rows, so lists can be localised without N+1.
        """
        # Filtering on the language code (a join) instead of fetching the Locale rows first
        # saves two queries per list; an active language without a Locale row shows German.
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        if locale is not None:
            active = locale.language_code
        else:
            try:
                active = get_supported_content_language_variant(translation.get_language())
            except LookupError:
                active = default
        if active == default:
            return self.filter(locale__language_code=default)
        translated = self.model.objects.filter(
            locale__language_code=active, translation_key=OuterRef("translation_key")
        )
        return self.filter(
            Q(locale__language_code=active) | Q(locale__language_code=default) & ~Exists(translated)
        )


class NewsCategory(TranslatableMixin, models.Model):
    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(
        _("Kurzname"), max_length=100, help_text=_("Erscheint in der Adresse des Filters.")
    )

    objects = LocalizedQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Kategorie")
        verbose_name_plural = _("Kategorien")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_category_slug")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # The admin form has no locale field, so Django cannot check the constraint itself.
        super().clean()
        locale_id = self.locale_id or Locale.get_default().pk
        clash = NewsCategory.objects.filter(slug=self.slug, locale_id=locale_id)
        if clash.exclude(pk=self.pk).exists():
            raise ValidationError({"slug": _("Diesen Kurznamen hat schon eine andere Kategorie.")})


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


class PressReleaseQuerySet(LocalizedQuerySet):
    def visible(self):
        return self.filter(hidden=False).localized().order_by("-published_at")


class PressRelease(TranslatableMixin, models.Model):
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

    objects = PressReleaseQuerySet.as_manager()

    panels = [
        FieldPanel("published_at"),
        FieldPanel("title"),
        FieldPanel("teaser"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("source_name"), FieldPanel("source_url")]),
        FieldPanel("hidden"),
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


# --- Pages ------------------------------------------------------------------------------


def attach_chapters(pages):
    """Give every ChapterMixin page in *pages* its `chapter` with one query for all of them
    (instead of one query each, e.g. for a page of search results)."""
    pages = [page for page in pages if isinstance(page, ChapterMixin)]
    steplen = Page.steplen
    prefixes = {
        page.path[: steplen * depth] for page in pages for depth in range(1, page.depth + 1)
    }
    if not prefixes:
        return
    chapters = {chapter.path: chapter for chapter in ChapterPage.objects.filter(path__in=prefixes)}
    for page in pages:
        page.__dict__["chapter"] = next(
            (
                chapters[page.path[: steplen * depth]]
                for depth in range(1, page.depth + 1)
                if page.path[: steplen * depth] in chapters
            ),
            None,
        )


class ChapterMixin:
    """Pages know the chapter they belong to by walking up the tree (one query, cached)."""

    @cached_property
    def chapter(self):
        if isinstance(self, ChapterPage):
            return self
        return ChapterPage.objects.ancestor_of(self, inclusive=True).first()

    @cached_property
    def chapter_news_index(self):
        """The news index whose feeds the page's <head> advertises (no query when known)."""
        if isinstance(self, NewsIndexPage):
            return self
        return self.chapter.news_index if self.chapter else None


def paginate(request, items, per_page):
    """The requested page of *items*: a page number that is not a number is a 404 (the German
    "Seite nicht gefunden"), one out of range shows the last page; never a 500."""
    paginator = Paginator(items, per_page)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger as error:
        raise Http404(_("Diese Seite gibt es nicht.")) from error
    except EmptyPage:
        # An old bookmark past the end (articles were deleted): show the last page.
        page = paginator.page(paginator.num_pages)
    page.page_numbers = list(paginator.get_elided_page_range(page.number, on_each_side=2))
    return page


class SiteSearchMixin(RoutablePageMixin):
    """`suche/` below the page: Wagtail search over the live pages under it."""

    search_per_page = 10

    @path("suche/", name="search")
    def search_view(self, request):
        from home.search import search_pages

        query = request.GET.get("q", "").strip()
        results = paginate(request, search_pages(self, query), self.search_per_page)
        results.object_list = list(results.object_list)
        attach_chapters(results.object_list)  # each result names its chapter: one query
        return self.render(
            request,
            template="search.html",
            context_overrides={
                "search_query": query,
                "search_results": results,
                "search_scope": self,
                "query_prefix": urlencode({"q": query}) + "&",
            },
        )


class ChapterPage(SiteSearchMixin, ChapterMixin, Page):
    municipality = models.CharField(_("Gemeinde"), max_length=100, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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
    subpage_types = ["chapters.NewsIndexPage", "chapters.ContentPage"]

    class Meta:
        verbose_name = _("Ortsverein")
        verbose_name_plural = _("Ortsvereine")

    @cached_property
    def news_index(self):
        return NewsIndexPage.objects.child_of(self).live().first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = NewsArticlePage.objects.latest_under(self)[:5]
        context["news_index"] = self.news_index
        context["chapter_pages"] = ContentPage.objects.child_of(self).live().public()
        return context


class NewsIndexPage(RoutablePageMixin, ChapterMixin, Page):
    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["chapters.ChapterPage"]
    subpage_types = ["chapters.NewsArticlePage"]
    max_count_per_parent = 1

    per_page = 10

    class Meta:
        verbose_name = _("Nachrichtenübersicht")
        verbose_name_plural = _("Nachrichtenübersichten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        all_articles = NewsArticlePage.objects.latest_under(self)
        categories = list(
            NewsCategory.objects.filter(
                pk__in=all_articles.filter(category__isnull=False).values("category")
            ).order_by("name")
        )
        years = [day.year for day in all_articles.order_by().dates("date", "year", order="DESC")]

        filters = {}
        articles = all_articles
        category_slug = request.GET.get("kategorie", "")
        selected_category = None
        if category_slug:
            selected_category = next((c for c in categories if c.slug == category_slug), None)
            if selected_category is None:
                raise Http404(_("Diese Kategorie gibt es hier nicht."))
            articles = articles.filter(category=selected_category)
            filters["kategorie"] = category_slug
        year = request.GET.get("jahr", "")
        if year:
            if not year.isdigit() or len(year) != 4:
                raise Http404(_("Dieses Jahr gibt es hier nicht."))
            articles = articles.filter(date__year=int(year))
            filters["jahr"] = year

        context.update(
            articles=paginate(request, articles, self.per_page),
            categories=categories,
            years=years,
            selected_category=selected_category,
            selected_year=int(year) if year else None,
            filters=filters,
            query_prefix=urlencode(filters) + "&" if filters else "",
        )
        return context

    def category_url(self, category):
        return f"{self.url}?{urlencode({'kategorie': category.slug})}"

    @path("rss/", name="rss")
    def rss_feed(self, request):
        from .syndication import NewsRssFeed

        return NewsRssFeed()(request, index=self)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        from .syndication import NewsAtomFeed

        return NewsAtomFeed()(request, index=self)


class NewsArticleQuerySet(PageQuerySet):
    def latest_under(self, ancestor):
        return (
            self.descendant_of(ancestor)
            .live()
            .public()
            .select_related("category")
            .order_by("-date", "-pk")
        )


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "chapters.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsArticlePage(ChapterMixin, Page):
    kicker = models.CharField(
        _("Dachzeile"),
        max_length=200,
        blank=True,
        help_text=_(
            "Kurze Zeile über oder nach dem Titel, z. B. „Initiative der SPD erfolgreich“."
        ),
    )
    date = models.DateField(_("Datum"), default=timezone.localdate)
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("Kategorie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    teaser = models.TextField(_("Anreißer"), blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("Text"), blank=True)
    tags = ClusterTaggableManager(through=NewsArticleTag, blank=True, verbose_name=_("Schlagworte"))

    objects = PageManager.from_queryset(NewsArticleQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("kicker"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("teaser"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Angehängte Dokumente")),
        FieldPanel("tags"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("kicker"),
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["chapters.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Artikel")
        verbose_name_plural = _("Artikel")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index = self.chapter_news_index  # an article's parent (one per chapter), cached
        siblings = NewsArticlePage.objects.latest_under(index).exclude(pk=self.pk)
        same_day = Q(date=self.date)
        context.update(
            news_index=index,
            # The index lists newest first (date, then pk): "older" is the next entry down.
            older_article=siblings.filter(Q(date__lt=self.date) | same_day & Q(pk__lt=self.pk))
            .order_by("-date", "-pk")
            .first(),
            newer_article=siblings.filter(Q(date__gt=self.date) | same_day & Q(pk__gt=self.pk))
            .order_by("date", "pk")
            .first(),
            attachments=self.attachments.select_related("document"),
        )
        return context


class NewsArticleAttachment(Orderable):
    page = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Dokument"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("Bezeichnung"), max_length=250, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("Angehängtes Dokument")
        verbose_name_plural = _("Angehängte Dokumente")

    @property
    def display_title(self):
        return self.title or self.document.title


class ContentPage(ChapterMixin, Page):
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
