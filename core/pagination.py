from typing import NamedTuple

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class PageLink(NamedTuple):
    """One entry of the page navigation: a page's number (as the link shows it), or a gap."""

    number: str
    current: bool = False
    gap: bool = False


def paginate(request, items, per_page):
    """The requested page of *items*: a page number that is not a number is a 404 (the German
    "Seite nicht gefunden"), one out of range shows the last page; never a 500. Its
    `page_links` are what the navigation shows (includes/pagination.html)."""
    paginator = Paginator(items, per_page)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger as error:
        raise Http404(_("Diese Seite gibt es nicht.")) from error
    except EmptyPage:
        # An old bookmark past the end (articles were deleted): show the last page.
        page = paginator.page(paginator.num_pages)
    # The first and last pages, two either side of this one, gaps between: never hundreds of
    # links. Numbers as text, so the template neither localises nor compares them.
    page.page_links = [
        PageLink(str(number), current=number == page.number)
        if isinstance(number, int)
        else PageLink("", gap=True)
        for number in paginator.get_elided_page_range(page.number, on_each_side=2)
    ]
    return page
