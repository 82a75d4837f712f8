"""Which pages the public may see, decided inside the query that lists them.

Wagtail's `PageQuerySet.public()` first reads every view restriction of the site (one
query per call, three or more per rendered page) and then excludes their subtrees.
`public()` here is the same rule as a correlated NOT EXISTS: no restriction whose page is
the listed page or one of its ancestors (its tree path is a prefix of the page's).
"""

from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith
from wagtail.models import PageViewRestriction


def view_restricted():
    """True for a page (the outer query's row) inside a restricted subtree."""
    return Exists(PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path"))))


def public(queryset):
    """*queryset* without the pages below a view restriction: Wagtail's `.public()` without
    its extra query."""
    return queryset.filter(~view_restricted())
