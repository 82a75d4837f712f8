"""Where a page's Impressum, Datenschutz and Kontakt are: the children with those slugs of
its chapter, or of its region (the home page of its language tree) outside a chapter."""

from wagtail.models import Page, Site

from core.routing import loaded_children

LEGAL_SLUGS = ("impressum", "datenschutz", "kontakt")


def scope_path(request, page):
    """Tree path of the chapter or regional home whose legal pages *page* shows."""
    chapter = getattr(page, "chapter", None) if isinstance(page, Page) else None
    if chapter is not None:
        return chapter.path
    if isinstance(page, Page) and page.depth >= 2:
        return page.path[: Page.steplen * 2]  # the home page of the page's language
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page.path if site else None


def legal_pages(request, page):
    """{slug: live page} for Impressum, Datenschutz and Kontakt; one query per request and
    scope (the footer and the contact form's consent link share it)."""
    path = scope_path(request, page)
    if path is None:
        return {}
    cache = getattr(request, "_chapterhouse_legal_pages", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._chapterhouse_legal_pages = cache
    chapter = getattr(page, "chapter", None) if isinstance(page, Page) else None
    children = loaded_children(chapter) if chapter is not None else None
    if path not in cache and children is not None:  # loaded while routing: no query
        cache[path] = {row.slug: row for row in children if row.live and row.slug in LEGAL_SLUGS}
    if path not in cache:
        rows = Page.objects.filter(
            path__startswith=path,
            depth=len(path) // Page.steplen + 1,
            slug__in=LEGAL_SLUGS,
            live=True,
        )
        cache[path] = {row.slug: row for row in rows}
    return cache[path]
