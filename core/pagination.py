from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.translation import gettext_lazy as _


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
