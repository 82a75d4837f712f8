"""What an events index ("Termine") lists: its own events, a chapter's plus the regional
ones, or (the regional calendar) every chapter's; filters, archive and iCal feed."""

import datetime

from django.db.models import Min
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.chapter import chapter_model
from core.pagination import paginate
from core.routing import descendant_paths, route_ancestors
from news.models import NewsCategory
from pagecache.cache import cached_value

from . import occurrences as occ
from .ical import calendar_response


class EventIndexMixin(RoutablePageMixin):
    per_page = 20

    @cached_property
    def region(self):
        """The regional home page above this index (the tree's second level)."""
        ancestors = route_ancestors(self)  # loaded while routing: no query
        if ancestors and ancestors[0].depth <= 2:
            return next((page for page in [*ancestors, self] if page.depth == 2), None)
        return Page.objects.ancestor_of(self, inclusive=True).filter(depth=2).first()

    @property
    def is_regional(self):
        return self.chapter is None

    def regional_index(self):
        if self.is_regional or self.region is None:
            return None
        region = self.region

        def find():
            # By its content type: PostgreSQL then reads the few index pages, not the
            # region's whole subtree (3 ms at 200 chapters, now 0.2 ms).
            children = type(self).objects.filter(
                depth=region.depth + 1, **descendant_paths(region.path)
            )
            return children.live().exact_type(type(self)).order_by("path").first()

        # The same for every chapter; a page outside the chapters changing purges it.
        return cached_value("regional-event-index", find, parts=(region.pk,))

    def listed_events(self):
        """Events this index lists (a queryset, nothing copied)."""
        events = occ.event_model().objects.all()
        if self.is_regional:
            return events.descendant_of(self.region) if self.region else events.none()
        listed = events.filter(**descendant_paths(self.path))
        regional = self.regional_index()
        if regional is None:
            return listed
        return listed | events.filter(depth=regional.depth + 1, **descendant_paths(regional.path))

    def label(self, occurrences):
        return occ.label_regional(occurrences, self.region.title if self.region else "")

    @property
    def known_chapters(self):
        """The chapter already loaded with this index (none for the regional calendar)."""
        return [] if self.is_regional else [self.chapter]

    def upcoming(self, limit):
        """The next *limit* occurrences this index lists (for a chapter's home page)."""
        events = self.listed_events()
        return self.label(
            occ.upcoming_occurrences(events, limit=limit, chapters=self.known_chapters)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = self.listed_events()
        filters = {}
        now = timezone.now()
        chapters = []
        selected_chapter = None
        if self.is_regional and self.region:
            chapters = list(chapter_model().objects.child_of(self.region).live().order_by("title"))
            slug = request.GET.get("ortsverein", "")
            if slug:
                selected_chapter = next((c for c in chapters if c.slug == slug), None)
                if selected_chapter is None:
                    raise Http404(_("Diesen Ortsverein gibt es hier nicht."))
                events = events.descendant_of(selected_chapter)
                filters["ortsverein"] = slug
        categories = list(
            NewsCategory.objects.filter(
                pk__in=events.filter(category__isnull=False).values("category")
            ).order_by("name")
        )
        category_slug = request.GET.get("kategorie", "")
        selected_category = None
        if category_slug:
            selected_category = next((c for c in categories if c.slug == category_slug), None)
            if selected_category is None:
                raise Http404(_("Diese Kategorie gibt es hier nicht."))
            events = events.filter(category=selected_category)
            filters["kategorie"] = category_slug

        known = chapters or self.known_chapters
        month = self.parse_month(request.GET.get("monat", ""))
        year = self.parse_year(request.GET.get("jahr", ""))
        if month:
            filters["monat"] = f"{month:%Y-%m}"
            next_month = (month + datetime.timedelta(days=32)).replace(day=1)
            items = occ.occurrences_between(events, month, next_month, chapters=known)
        elif year:
            filters["jahr"] = str(year)
            items = occ.past_occurrences(events, year, now, chapters=known)
        else:
            items = occ.upcoming_occurrences(events, now, chapters=known)
        first = events.live().aggregate(first=Min("start"))["first"]
        this_year = timezone.localdate(now).year
        years = list(range(this_year, timezone.localtime(first).year - 1, -1)) if first else []
        context.update(
            occurrences=paginate(request, self.label(items), self.per_page),
            categories=categories,
            selected_category=selected_category,
            chapters=chapters,
            selected_chapter=selected_chapter,
            selected_month=month,
            selected_year=year,
            years=years,
            filters=filters,
            query_prefix=urlencode(filters) + "&" if filters else "",
        )
        return context

    @staticmethod
    def parse_month(value):
        if not value:
            return None
        try:
            day = datetime.datetime.strptime(value, "%Y-%m")
        except ValueError as error:
            raise Http404(_("Diesen Monat gibt es hier nicht.")) from error
        return timezone.make_aware(day)

    @staticmethod
    def parse_year(value):
        if not value:
            return None
        if not value.isdigit() or len(value) != 4:
            raise Http404(_("Dieses Jahr gibt es hier nicht."))
        return int(value)

    @path("archiv/<int:year>/", name="archive")
    def archive(self, request, year):
        return HttpResponsePermanentRedirect(f"{self.url}?jahr={year:04d}")

    @path("ical/", name="ical")
    def ical_feed(self, request):
        events = list(occ.public_events(self.listed_events()))
        occ.label_events(events, self.region.title if self.region else "")
        return calendar_response(request, events, f"{self.slug}.ics", self.title)
