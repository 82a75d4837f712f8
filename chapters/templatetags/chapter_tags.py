from django import template
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Site

from news.models import NewsIndexPage
from pagecache.cache import cached_fragment, chapter_scope

register = template.Library()


@register.simple_tag
def chapter_navigation(chapter, current):
    """The chapter's menu, rendered once per chapter, language and highlighted item and kept
    until something in the chapter changes (its page-cache scope)."""

    def render():
        children = chapter.get_children().live().public()
        items = [chapter, *(children.in_menu() | children.type(NewsIndexPage))]
        return render_to_string(
            "includes/chapter_navigation.html", {"items": items, "current": current}
        )

    # Only the chapter itself or one of its children can be the highlighted menu item.
    highlighted = current.pk if current.depth <= chapter.depth + 1 else None
    return cached_fragment(
        "chapter-navigation",
        render,
        parts=(chapter.pk, highlighted),
        scope=chapter_scope(chapter.translation_key),
    )


@register.simple_tag
def meta_description(page):
    """What search engines and link previews show: the editor's search description, else
    the article's teaser, else the start of the intro."""
    if not page:
        return ""
    text = getattr(page, "search_description", "") or getattr(page, "teaser", "")
    if not text and getattr(page, "intro", ""):
        text = strip_tags(str(page.intro))
    return Truncator(" ".join(text.split())).chars(200)


@register.inclusion_tag("includes/search_form.html", takes_context=True)
def search_form(context, page=None):
    """The search box: scoped to the chapter on its pages, to the whole region elsewhere."""
    request = context.get("request")
    scope = getattr(page, "chapter", None) if page else None
    if scope is None and hasattr(page, "search_view"):
        scope = page  # the regional home searches everything below it
    if scope is None and request is not None:
        site = Site.find_for_request(request)
        scope = site.root_page.specific if site else None
    action = None
    if scope is not None and hasattr(scope, "reverse_subpage"):
        action = scope.get_url(request) + scope.reverse_subpage("search")
    return {
        "request": request,
        "action": action,
        "scope": scope,
        "query": context.get("search_query", ""),
    }


@register.simple_tag(takes_context=True)
def canonical_url(context, page):
    """The page's full URL; for a route below it (search, archive) the route's address.
    Filters and page numbers are left out: they are views of the same page."""
    request = context.get("request")
    url = page.get_full_url(request)
    if request is None or not url:
        return url
    relative = page.get_url(request)
    if relative and request.path != relative and request.path.startswith(relative):
        url += request.path[len(relative) :]
    return url
