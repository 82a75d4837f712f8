"""Site search: Wagtail's search backend (the database backend, which uses PostgreSQL's
full-text search when running on PostgreSQL) over live, public pages below a scope page.

Chapter pages search their chapter, the regional home page the whole region."""

from django.utils.http import urlencode
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.chapter import attach_chapters
from core.pagination import paginate


def search_pages(scope, query):
    """Live public pages at or below *scope* matching *query*, best match first."""
    if not query:
        return Page.objects.none()
    return (
        Page.objects.live()
        .public()
        .descendant_of(scope, inclusive=True)
        .specific()
        .search(query, operator="and")
    )


class SiteSearchMixin(RoutablePageMixin):
    """`suche/` below the page: Wagtail search over the live pages under it."""

    search_per_page = 10

    @path("suche/", name="search")
    def search_view(self, request):
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
