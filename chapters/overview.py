"""Every chapter at a glance, for the regional office: what each chapter published, what
waits for approval, how far its English pages lag behind, and which ones have gone quiet.

A fixed number of queries whatever the number of chapters and pages: everything a chapter
owns shares the path prefix of its chapter page, so counts are grouped by that prefix.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, IntegerField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site, WorkflowState
from wagtail_localize.models import TranslationSource

from events.models import EventPage
from events.subscriptions import CalendarSubscription
from news.models import NewsArticlePage
from press.models import PressReleaseFeed

from .models import ChapterPage

RECENT_DAYS = 90


@dataclass
class ChapterRow:
    chapter: ChapterPage
    editors: list = field(default_factory=list)
    hosts: list = field(default_factory=list)
    last_article_at: datetime | None = None
    last_event_at: datetime | None = None
    articles_recent: int = 0
    pending: int = 0
    untranslated: int = 0
    outdated: int = 0
    quiet: bool = False

    @property
    def retired(self):
        team = getattr(self.chapter, "team", None)
        return team is not None and team.is_retired

    @property
    def last_published_at(self):
        """The newer of the last article and the last event published."""
        moments = [m for m in (self.last_article_at, self.last_event_at) if m is not None]
        return max(moments) if moments else None


def _prefix_length():
    return ChapterPage.steplen * 3


def _by_chapter(queryset, **aggregates):
    """{chapter path prefix: {aggregate: value}} of *queryset*'s pages."""
    return {
        row["prefix"]: row
        for row in queryset.annotate(prefix=Substr("path", 1, _prefix_length()))
        .order_by()
        .values("prefix")
        .annotate(**aggregates)
    }


def chapter_overview(now=None):
    """One ChapterRow per German chapter, quiet ones first, then by name."""
    now = now or timezone.now()
    default = Locale.get_default()
    chapters = list(
        ChapterPage.objects.filter(locale=default, alias_of__isnull=True)
        .select_related("team")
        .prefetch_related("team__editors__user_set")
        .order_by("title")
    )
    articles = _by_chapter(
        NewsArticlePage.objects.filter(live=True, locale=default),
        last=Max("last_published_at"),
        recent=Count("pk", filter=Q(first_published_at__gte=now - timedelta(days=RECENT_DAYS))),
    )
    events = _by_chapter(
        EventPage.objects.filter(live=True, locale=default), last=Max("last_published_at")
    )
    waiting = (
        WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )
    pending = _by_chapter(Page.objects.filter(pk__in=waiting), count=Count("pk"))
    translations = _by_chapter(
        _with_translation_state(Page.objects.filter(locale=default, depth__gte=3), default),
        untranslated=Count("pk", filter=Q(translated=False)),
        outdated=Count(
            "pk", filter=Q(translated=True, last_published_at__gt=F("source_updated_at"))
        ),
    )
    hosts = {}
    for site in Site.objects.filter(root_page__in=chapters).order_by("hostname"):
        hosts.setdefault(site.root_page_id, []).append(site.hostname)

    quiet_since = now - timedelta(weeks=settings.CHAPTERHOUSE_QUIET_WEEKS)
    rows = []
    for chapter in chapters:
        prefix = chapter.path[: _prefix_length()]
        team = getattr(chapter, "team", None)
        row = ChapterRow(
            chapter=chapter,
            editors=sorted(u.get_username() for u in team.editors.user_set.all())
            if team and not team.is_retired
            else [],
            hosts=hosts.get(chapter.pk, []),
            last_article_at=articles.get(prefix, {}).get("last"),
            last_event_at=events.get(prefix, {}).get("last"),
            articles_recent=articles.get(prefix, {}).get("recent", 0),
            pending=pending.get(prefix, {}).get("count", 0),
            untranslated=translations.get(prefix, {}).get("untranslated", 0),
            outdated=translations.get(prefix, {}).get("outdated", 0),
        )
        row.quiet = not row.retired and (
            row.last_published_at is None or row.last_published_at < quiet_since
        )
        rows.append(row)
    rows.sort(key=lambda row: (not row.quiet, row.chapter.title.lower()))
    return rows


def _with_translation_state(pages, default):
    """German pages annotated with `translated` (a real translation exists in another
    language) and `source_updated_at` (when wagtail-localize last took the German text)."""
    translated = Page.objects.filter(
        translation_key=OuterRef("translation_key"), alias_of__isnull=True
    ).exclude(locale=default)
    source = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale=default
    ).values("last_updated_at")[:1]
    return pages.annotate(translated=Exists(translated), source_updated_at=Subquery(source))


def translation_status(chapter):
    """Each German page of *chapter* with its English state: "missing" (only the German text,
    as an alias), "current" or "outdated" (the German page changed after it was translated)."""
    default = Locale.get_default()
    pages = _with_translation_state(
        chapter.get_descendants(inclusive=True).filter(locale=default), default
    ).order_by("path")
    for page in pages:
        if not page.translated:
            page.translation_state = "missing"
        elif page.source_updated_at and page.last_published_at > page.source_updated_at:
            page.translation_state = "outdated"
        else:
            page.translation_state = "current"
        yield page


def snippet_translation_status(models):
    """Per shared snippet model: how many German rows have no translation in each other
    content language. One query per model."""
    default = Locale.get_default()
    others = list(Locale.objects.exclude(pk=default.pk).values_list("pk", flat=True))
    status = []
    for model in models:
        translated = model.objects.filter(
            translation_key=OuterRef("translation_key"), locale_id__in=others
        )
        counts = model.objects.filter(locale=default).aggregate(
            total=Count("pk"), missing=Count("pk", filter=~Q(Exists(translated)))
        )
        status.append({"label": model._meta.verbose_name_plural, **counts})
    return status


@dataclass
class FailedImport:
    kind: str
    name: str
    error: str
    edit_url: str


def failed_feeds():
    """Press feeds and calendar subscriptions whose last import failed, with their error."""
    feeds = (
        PressReleaseFeed.objects.filter(active=True, last_import_partial=False)
        .exclude(last_error="")
        .order_by("name")
    )
    # A calendar's notes after a successful import are no failure: that run set both times.
    calendars = (
        CalendarSubscription.objects.filter(active=True, last_checked_at__isnull=False)
        .filter(Q(last_success_at__isnull=True) | Q(last_success_at__lt=F("last_checked_at")))
        .exclude(last_error="")
        .order_by("name")
    )
    return [
        *(FailedImport(_("Feed"), feed.name, feed.error_text, _edit_url(feed)) for feed in feeds),
        *(
            FailedImport(_("Kalender"), calendar.name, calendar.last_error, _edit_url(calendar))
            for calendar in calendars
        ),
    ]


def _edit_url(instance):
    meta = instance._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=(instance.pk,))
