from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, PageManager, PageQuerySet, TranslatableMixin
from wagtail.search import index

from core.blocks import ArticleBodyBlock
from core.chapter import ChapterMixin
from core.localized import LocalizedQuerySet
from core.models import DocumentAttachment
from core.page_parts import attachments_of, tags_of
from core.pagination import paginate
from core.slugs import GermanSlugMixin
from core.visibility import public
from pagecache.cache import cached_value
from pagecache.scopes import served_scope

from . import teasers
from .listing import listing
from .neighbours import neighbours
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

    def shares(self):
        """The accepted shares of this index's chapter (its parent page)."""
        return SharedArticle.objects.filter(chapter__path=self.path[: -self.steplen], accepted=True)

    def latest_articles(self):
        """The index's own articles and those other chapters shared with its chapter."""
        return NewsArticlePage.objects.latest_under(self, shared=self.shared_article_ids)

    @cached_property
    def shared_article_ids(self):
        # A list, not a subquery: an OR with a subquery keeps PostgreSQL from reading the
        # index's articles by their index (it scans every article instead). Kept like the
        # index's filters: a share's change purges every cached value.
        return cached_value(
            "news-shared-ids",
            lambda: list(self.shares().values_list("article", flat=True)),
            parts=(self.pk,),
            scope=served_scope(self),
        )

    def mark_shared(self, articles):
        """Give the shared ones among *articles* their address here and their origin (the
        page above their own news index): one query for all of them."""
        shared = [article for article in articles if not article.path.startswith(self.path)]
        if not shared:
            return articles
        origins = Page.objects.filter(path__in={a.path[: -2 * self.steplen] for a in shared})
        origins = {origin.path: origin for origin in origins}
        for article in shared:
            article.shared_url = self.url + self.reverse_subpage(
                "shared_article", args=(article.pk,)
            )
            article.shared_from = origins.get(article.path[: -2 * self.steplen])
        return articles

    @path("von/<int:article_id>/", name="shared_article")
    def shared_article(self, request, article_id):
        """An article another chapter shared with this one, read here; its canonical link
        points to the original."""
        share = self.shares().filter(article_id=article_id).select_related("article").first()
        if share is None or not share.article.live:
            raise Http404(_("Diesen Artikel gibt es hier nicht (mehr)."))
        article = self.mark_shared([share.article.specific])[0]
        article.__dict__["chapter"] = self.chapter  # this chapter's header and menu
        article.__dict__["chapter_news_index"] = self
        return article.serve(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        ids, category_ids, years_of, years = cached_value(
            "news-index-listing-with-years",  # a new name with each new shape
            lambda: listing(self.latest_articles()),
            parts=(self.pk,),
            scope=served_scope(self),
        )
        # The filter's category names in the reader's language, kept with the listing (a
        # category's change purges every cached value).
        categories, key_of = cached_value(
            "news-index-categories",
            lambda: self.categories_in_language(set(category_ids) - {0}),
            parts=(self.pk,),
            scope=served_scope(self),
        )

        filters = {}
        chosen_key = chosen_year = None
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
            chosen_key = selected_category.translation_key
            filters["kategorie"] = category_slug
        year = request.GET.get("jahr", "")
        if year:
            if not year.isdigit() or len(year) != 4:
                raise Http404(_("Dieses Jahr gibt es hier nicht."))
            chosen_year = int(year)
            filters["jahr"] = year
        if filters:
            ids = [
                pk
                for pk, category_id, year_of in zip(ids, category_ids, years_of, strict=True)
                if chosen_key in (None, key_of.get(category_id)) and chosen_year in (None, year_of)
            ]
        page = paginate(request, ids, self.per_page)
        # Read by id alone: the listing was cut under the chapter's scope token, which any
        # publish, unpublish or restriction renews.
        page.object_list = self.mark_shared(teasers.in_order(page.object_list))
        context.update(
            articles=page,
            categories=categories,
            years=years,
            selected_category=selected_category,
            selected_year=int(year) if year else None,
            filters=filters,
            query_prefix=urlencode(filters) + "&" if filters else "",
        )
        return context

    @staticmethod
    def categories_in_language(used_ids):
        """The categories with pk in *used_ids*, each once, in the reader's language where it
        has been translated (an English index mixes translated articles with English
        categories and untranslated aliases with German ones), sorted by name; and
        {pk: translation key} of them all. One query."""
        used = NewsCategory.objects.filter(pk__in=used_ids).values("translation_key")
        rank = {translation.get_language(): 0, settings.LANGUAGE_CODE: 1}
        chosen, key_of = {}, {}
        for category in NewsCategory.objects.filter(translation_key__in=used).select_related(
            "locale"
        ):
            key_of[category.pk] = category.translation_key
            have = chosen.get(category.translation_key)
            mine = rank.get(category.locale.language_code, 2)
            if have is None or mine < rank.get(have.locale.language_code, 2):
                chosen[category.translation_key] = category
        categories = sorted(chosen.values(), key=lambda category: category.name.lower())
        return categories, key_of

    def category_url(self, category):
        return f"{self.url}?{urlencode({'kategorie': category.slug})}"

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return NewsRssFeed()(request, index=self)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return NewsAtomFeed()(request, index=self)


class NewsArticleQuerySet(PageQuerySet):
    def latest_under(self, ancestor, shared=()):
        """Live articles below *ancestor*, plus the pages with pk in *shared*."""
        if isinstance(ancestor, NewsIndexPage):  # its children, by the index below
            below = Q(news_index=ancestor)
        else:
            below = Q(path__startswith=ancestor.path) & Q(depth__gt=ancestor.depth)
        if shared:
            below |= Q(pk__in=shared)
        return public(self.filter(below).live()).for_teasers().order_by("-date", "-pk")

    def for_teasers(self):
        return self.select_related("category", "lead_image").prefetch_related(
            "lead_image__renditions"  # the pictures' sizes: no query without lead images
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
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Aufmacherbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Erscheint über dem Artikel, in den Anrissen und in Vorschauen (Querformat; "
            "den Bildausschnitt bestimmt der Fokuspunkt)."
        ),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("Text"), blank=True)
    tags = ClusterTaggableManager(through=NewsArticleTag, blank=True, verbose_name=_("Schlagworte"))

    # The parent page, kept with the article so that its index lists and its older/newer
    # links walk one index (news_index, date, id) instead of the tree. Set on every save
    # from the tree (copies and aliases are saved under their new parent) and on a move.
    news_index = models.ForeignKey(
        NewsIndexPage, null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PageManager.from_queryset(NewsArticleQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("kicker"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("teaser"),
        FieldPanel("lead_image"),
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
    route_select_related = ("category", "lead_image")  # read with the page (core.page_query)

    # Where another chapter's index lists it (NewsIndexPage.mark_shared); defaults, so a
    # template asking an article of the chapter's own does not fail a lookup (costly).
    shared_url = None
    shared_from = None

    class Meta:
        verbose_name = _("Artikel")
        verbose_name_plural = _("Artikel")
        indexes = [
            # The regional lists walk (date, id) in order; an index's list and an article's
            # older/newer links walk (news_index, date, id).
            models.Index(fields=["date", "page_ptr"], name="news_article_date_id"),
            models.Index(fields=["news_index", "date", "page_ptr"], name="news_article_index_date"),
        ]

    def save(self, *args, **kwargs):
        parent_path = self.path[: -self.steplen] if self.path else None
        self.news_index_id = (
            NewsIndexPage.objects.filter(path=parent_path).values_list("pk", flat=True).first()
        )
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index = self.chapter_news_index  # an article's parent (one per chapter), cached
        older, newer = neighbours(self, index)
        context.update(
            news_index=index,
            older_article=older,
            newer_article=newer,
            attachments=attachments_of(self, request),
            tags=tags_of(self, request),
        )
        return context


class NewsArticleAttachment(DocumentAttachment):
    page = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="attachments")


class SharedArticleQuerySet(models.QuerySet):
    def chapters_showing(self, paths):
        """Translation keys of the chapters that accepted the articles at tree *paths*."""
        return (
            self.filter(article__path__in=paths, accepted=True)
            .values_list("chapter__translation_key", flat=True)
            .distinct()
        )


class SharedArticle(models.Model):
    """An article offered to another chapter ("Aus dem Kreisverband"): once accepted it is
    listed in that chapter's news and feeds, read in place; no page is copied."""

    article = models.ForeignKey(
        NewsArticlePage,
        verbose_name=_("Artikel"),
        on_delete=models.CASCADE,
        related_name="shares",
    )
    chapter = models.ForeignKey(
        "chapters.ChapterPage",
        verbose_name=_("Ortsverein"),
        on_delete=models.CASCADE,
        related_name="shared_articles",
    )
    accepted = models.BooleanField(_("übernommen"), default=False)
    offered_at = models.DateTimeField(_("angeboten am"), auto_now_add=True)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SharedArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("Geteilter Artikel")
        verbose_name_plural = _("Geteilte Artikel")
        constraints = [models.UniqueConstraint(fields=["article", "chapter"], name="unique_share")]

    def __str__(self):
        return f"{self.article} → {self.chapter}"
