import re

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from core.routing import loaded_children
from core.urls import absolute_url
from core.visibility import public
from events.fragments import dates_fragment
from events.models import EventIndexPage
from news.models import NewsIndexPage
from pagecache.cache import cached_fragment, chapter_scope

register = template.Library()


@register.simple_tag
def chapter_navigation(chapter, current):
    """The chapter's menu, rendered once per chapter, language and highlighted item and kept
    until something in the chapter changes (its page-cache scope)."""

    def render():
        items = [chapter, *menu_children(chapter)]
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


@register.simple_tag(takes_context=True)
def chapter_upcoming_events(context, chapter):
    """The chapter home's "Nächste Termine", kept until its dates change (dates_fragment)."""

    def load():
        occurrences = chapter.upcoming_events()
        if not occurrences and not chapter.event_index:
            return None
        return {"occurrences": occurrences, "event_index": chapter.event_index}

    return dates_fragment(
        "chapter-upcoming-events",
        chapter,
        "chapters/upcoming_events.html",
        load,
        context.get("request"),
    )


def menu_children(chapter):
    """The chapter's live public children shown in its menu: those marked for menus, and
    its news and events index. No query when routing loaded them (core.routing)."""
    children = loaded_children(chapter)
    if children is None:
        children = public(chapter.get_children().live())
        return children.in_menu() | children.type(NewsIndexPage, EventIndexPage)
    return [
        child
        for child in children
        if child.live
        and not child.view_restricted
        and (child.show_in_menus or isinstance(child, NewsIndexPage | EventIndexPage))
    ]


@register.simple_tag
def meta_description(page):
    """What search engines and link previews show: the editor's search description, else
    the article's teaser, else the start of the intro, else a sentence naming the page and
    its chapter (or the region)."""
    if not page:
        return ""
    text = getattr(page, "search_description", "") or getattr(page, "teaser", "")
    if not text and getattr(page, "intro", ""):
        text = strip_tags(str(page.intro))
    if not text.strip():
        text = fallback_description(page)
    return Truncator(" ".join(text.split())).chars(200)


def fallback_description(page):
    chapter = getattr(page, "chapter", None)
    if chapter is None:
        return _(
            "%(region)s: Neuigkeiten, Termine und Pressemitteilungen aus allen Ortsvereinen "
            "der Region."
        ) % {"region": page.title}
    if chapter.pk == page.pk:
        return _("%(chapter)s: Neuigkeiten, Termine und Ansprechpartner vor Ort.") % {
            "chapter": chapter.title
        }
    return _("%(page)s – eine Seite von %(chapter)s.") % {
        "page": page.title,
        "chapter": chapter.title,
    }


@register.simple_tag(takes_context=True)
def title_suffix(context, page):
    """ " – <chapter or platform name>" after the page's title, left out where the title
    already is that name (a chapter's home page, the regional home), so it is not said
    twice. Routes below such a page (search, archive) have a title of their own and keep it."""
    if not isinstance(page, Page):
        page = None
    chapter = getattr(page, "chapter", None) if page else None
    name = chapter.title if chapter else ""
    if not name:
        name = getattr(context.get("platform"), "platform_name", "")
    if not name:
        return ""
    request = context.get("request")
    own_title = (getattr(page, "seo_title", "") or getattr(page, "title", "")) if page else ""
    on_page_itself = page is not None and (request is None or request.path == page.get_url(request))
    if on_page_itself and own_title.strip() == name.strip():
        return ""
    return f" – {name}"


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
    url = absolute_url(page, request)
    if request is None or not url:
        return url
    relative = page.get_url(request)
    if relative and request.path != relative and request.path.startswith(relative):
        url += request.path[len(relative) :]
    return url


@register.filter
def highlight(text, query):
    """*text* with every word of *query* wrapped in <mark> (case-insensitive), escaped."""
    text = escape(str(text or ""))
    words = sorted({w for w in str(query or "").split() if len(w) > 1}, key=len, reverse=True)
    if not words:
        return mark_safe(text)  # noqa: S308 - escaped above
    pattern = re.compile("|".join(re.escape(escape(word)) for word in words), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", text))  # noqa: S308
