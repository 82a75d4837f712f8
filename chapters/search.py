"""Site search: Wagtail's search backend (the database backend, which uses PostgreSQL's
full-text search when running on PostgreSQL, SQLite's FTS5 on SQLite) over live, public
pages below a scope page and the press releases, as one ranked list.

Chapter pages search their chapter, the regional home page the whole region."""

import heapq
from contextlib import contextmanager

from django.db import connection
from django.utils.http import urlencode
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from core.chapter import attach_chapters
from core.pagination import paginate
from core.visibility import view_restricted
from press.models import PressRelease

SCORE = "search_score"


def best_first(score):
    """Sort key for one ranking across models. Both ranked queries run on the same index
    table with the same formula, so their scores compare: bm25 on SQLite (lower is
    better), ts_rank on PostgreSQL (higher is better)."""
    return score if connection.vendor == "sqlite" else -score


def search_pages(scope, query):
    """Live public pages at or below *scope* matching *query*, best match first."""
    if not query:
        return Page.objects.none()
    return (
        Page.objects.live()
        # Wagtail's .public() without its query for every restriction: the search backend
        # filters on fields only, so the restricted pages are named by a subquery.
        .exclude(pk__in=Page.objects.filter(view_restricted()).values("pk"))
        .descendant_of(scope, inclusive=True)
        .specific()
        .search(query, operator="and")
        .annotate_score(SCORE)
    )


def search_press_releases(query):
    """Visible press releases in the reader's language matching *query*, best first."""
    if not query:
        return PressRelease.objects.none()
    visible = PressRelease.objects.visible().order_by().values("pk")
    return (
        get_search_backend()
        .search(query, PressRelease.objects.filter(pk__in=visible), operator="and")
        .annotate_score(SCORE)
    )


@contextmanager
def planned_for_each_query():
    """PostgreSQL plans the statements run inside for their own search terms: a plan it
    had cached for a prepared statement (config/settings/base.py) guesses the full-text
    match rate and made a search two to four times slower."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_custom_plan")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET plan_cache_mode")


class SearchResults:
    """Pages and press releases as one list ranked by the search backend's score, which the
    paginator slices: page n reads at most n pages' worth of hits of each kind (the best
    hits of the merged list are among the best of each), and no press releases when none
    matched. Without scores (Wagtail's fallback backend) pages come first, then press
    releases, each ranked."""

    def __init__(self, pages, press_releases):
        self.pages, self.press_releases = pages, press_releases

    def count(self):
        if not hasattr(self, "_counts"):
            self._counts = (self.pages.count(), self.press_releases.count())
        return sum(self._counts)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        self.count()
        start, stop = index.start or 0, index.stop
        hits = [
            list(found[: min(stop, count)]) if count else []
            for found, count in zip((self.pages, self.press_releases), self._counts, strict=True)
        ]
        scores = [getattr(hit, SCORE, None) for hit in hits[0] + hits[1]]
        if None in scores:
            return (hits[0] + hits[1])[start:stop]
        merged = heapq.merge(*hits, key=lambda hit: best_first(getattr(hit, SCORE)))
        return list(merged)[start:stop]


class SiteSearchMixin(RoutablePageMixin):
    """`suche/` below the page: Wagtail search over the live pages under it."""

    search_per_page = 10

    @path("suche/", name="search")
    def search_view(self, request):
        query = request.GET.get("q", "").strip()
        found = SearchResults(search_pages(self, query), search_press_releases(query))
        with planned_for_each_query():
            results = paginate(request, found, self.search_per_page)
            results.object_list = list(results.object_list)
        # each result names its chapter: one query
        attach_chapters([r for r in results.object_list if isinstance(r, Page)])
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
