"""Site search: Wagtail's search backend (the database backend, which uses PostgreSQL's
full-text search when running on PostgreSQL) over live, public pages below a scope page."""

from wagtail.models import Page


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
