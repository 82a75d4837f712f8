"""Structured data (schema.org as JSON-LD) for search engines: a BreadcrumbList on every
page, an Organization for the chapter or the region, a NewsArticle on articles.

JSON-LD is data, not script: browsers never execute `application/ld+json`, so the CSP's
script-src does not apply and no nonce is needed. `<`, `>` and `&` are escaped so no text
can close the element."""

import json

from django import template
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from wagtail.models import Page, Site

from core.routing import route_ancestors
from core.urls import absolute_url

register = template.Library()


def as_json_ld(data):
    text = json.dumps(data, ensure_ascii=False, default=str)
    for char, escape in (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return mark_safe(text)  # noqa: S308 - JSON with <, > and & escaped


def _platform_name(context):
    # base.html's {% platform_text as platform %}: the platform's texts in this language
    return getattr(context.get("platform"), "platform_name", "")


def organization(context, request, page):
    """The chapter the page belongs to, else the region (the site's root)."""
    chapter = getattr(page, "chapter", None)
    logo = request.build_absolute_uri(static("img/logo.svg"))
    if chapter is None:
        site = Site.find_for_request(request)
        root = site.root_page if site else page
        return {
            "@type": "Organization",
            "name": _platform_name(context) or root.title,
            "url": absolute_url(root, request),
            "logo": logo,
        }
    data = {
        "@type": "Organization",
        "name": chapter.title,
        "url": absolute_url(chapter, request),
        "logo": logo,
    }
    if chapter.logo_id and chapter.logo:
        data["logo"] = request.build_absolute_uri(chapter.logo.get_rendition("max-400x400").url)
    if chapter.contact_email:
        data["email"] = chapter.contact_email
    if chapter.municipality:
        data["areaServed"] = chapter.municipality
    same_as = [u for u in (chapter.facebook_url, chapter.instagram_url, chapter.mastodon_url) if u]
    if same_as:
        data["sameAs"] = same_as
    return data


def breadcrumbs(context, request, page):
    site = Site.find_for_request(request)
    root_depth = site.root_page.depth if site else 2
    ancestors = route_ancestors(page)  # loaded while routing: no query
    if ancestors is None:
        ancestors = Page.objects.ancestor_of(page).order_by("depth")
    ancestors = [ancestor for ancestor in [*ancestors, page] if ancestor.depth >= root_depth]
    items = [(ancestor.title, absolute_url(ancestor, request)) for ancestor in ancestors]
    route_title = context.get("archive_title") or (
        context.get("search_query") is not None and context.get("search_results") is not None
    )
    if route_title:
        path_url = request.build_absolute_uri(request.path)
        name = context.get("archive_title") or _search_name()
        items.append((str(name), path_url))
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
            if url
        ],
    }


def _search_name():
    return gettext("Suche")


def news_article(request, page, publisher, image_url=None):
    data = {
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "datePublished": page.date.isoformat(),
        "dateModified": (
            page.last_published_at or page.latest_revision_created_at or page.date
        ).isoformat(),
        "mainEntityOfPage": absolute_url(page, request),
        "url": absolute_url(page, request),
        "author": publisher,
        "publisher": publisher,
        "inLanguage": get_language(),
    }
    if getattr(page, "teaser", ""):
        data["description"] = page.teaser
    if image_url:
        data["image"] = [image_url]
    return {key: value for key, value in data.items() if value}


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """The page's JSON-LD graph, ready for `<script type="application/ld+json">`."""
    request = context.get("request")
    if request is None or not isinstance(page, Page):
        return ""
    org = organization(context, request, page)
    graph = [org, breadcrumbs(context, request, page)]
    if page.specific_class and page.specific_class.__name__ == "NewsArticlePage":
        image = og_image(context, page) if getattr(page, "lead_image_id", None) else None
        graph.append(news_article(request, page, org, image))
    return as_json_ld({"@context": "https://schema.org", "@graph": graph})


@register.simple_tag
def published_on(page):
    """The date an article appeared (None for other pages). A template's `page.date` on a
    page without one fails its lookup, and Django then lists the page's attributes."""
    return getattr(page, "date", None)


@register.simple_tag(takes_context=True)
def og_image(context, page):
    """The picture link previews show: the page's lead image (an article's Aufmacherbild,
    the chapter home's Titelbild), else the chapter's logo; absolute, from the request. No
    query when neither is set."""
    request = context.get("request")
    if request is None or not isinstance(page, Page):
        return ""
    image = getattr(page, "lead_image", None) if getattr(page, "lead_image_id", None) else None
    chapter = getattr(page, "chapter", None)
    if image is None and chapter is not None and chapter.logo_id:
        image = chapter.logo
    if image is None:
        return ""
    return request.build_absolute_uri(image.get_rendition("fill-1200x630").url)
