from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, PageManager, PageQuerySet, TranslatableMixin
from wagtail.search import index

from core.blocks import ArticleBodyBlock
from core.chapter import ChapterMixin
from core.localized import LocalizedQuerySet
from core.pagination import paginate
from core.slugs import GermanSlugMixin

from .syndication import NewsAtomFeed, NewsRssFeed


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


class NewsIndexPage(RoutablePageMixin, ChapterMixin, GermanSlugMixin, Page):
    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["chapters.ChapterPage"]
    subpage_types = ["news.NewsArticlePage"]
    max_count_per_parent = 1

    per_page = 10

    class Meta:
        verbose_name = _("Nachrichtenübersicht")
        verbose_name_plural = _("Nachrichtenübersichten")

    @property
    def chapter_news_index(self):
        return self

    def latest_articles(self):
        return NewsArticlePage.objects.latest_under(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        all_articles = self.latest_articles()
        categories = self.categories_in_language(all_articles)
        years = [day.year for day in all_articles.order_by().dates("date", "year", order="DESC")]

        filters = {}
        articles = all_articles
        category_slug = request.GET.get("kategorie", "")
        selected_category = None
        if category_slug:
            selected_category = next((c for c in categories if c.slug == category_slug), None)
            if selected_category is None:
                # The slug of another language's version (a link from the German index).
                other = NewsCategory.objects.filter(slug=category_slug).values_list(
                    "translation_key", flat=True
                )
                selected_category = next(
                    (c for c in categories if c.translation_key in set(other)), None
                )
            if selected_category is None:
                raise Http404(_("Diese Kategorie gibt es hier nicht."))
            # Untranslated articles (aliases) keep the German category: match both.
            articles = articles.filter(category__translation_key=selected_category.translation_key)
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

    @staticmethod
    def categories_in_language(articles):
        """The categories of *articles*, each once, in the reader's language where it has
        been translated (an English index mixes translated articles with English
        categories and untranslated aliases with German ones). One query."""
        used = NewsCategory.objects.filter(
            pk__in=articles.filter(category__isnull=False).values("category")
        ).values("translation_key")
        rank = {translation.get_language(): 0, settings.LANGUAGE_CODE: 1}
        chosen = {}
        for category in NewsCategory.objects.filter(translation_key__in=used).select_related(
            "locale"
        ):
            have = chosen.get(category.translation_key)
            mine = rank.get(category.locale.language_code, 2)
            if have is None or mine < rank.get(have.locale.language_code, 2):
                chosen[category.translation_key] = category
        return sorted(chosen.values(), key=lambda category: category.name.lower())

    def category_url(self, category):
        return f"{self.url}?{urlencode({'kategorie': category.slug})}"

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return NewsRssFeed()(request, index=self)

    @path("atom/", name="atom")
    def atom_feed(self, request):
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
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsArticlePage(ChapterMixin, GermanSlugMixin, Page):
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

    parent_page_types = ["news.NewsIndexPage"]
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
