"""Routing a request in one query: the pages on the way to the page served, each as its
specific type, and the children of the chapter on the way (its menu, footer links, news
and events index).

Wagtail routes level by level, two queries per level (the child by slug, then its specific
row). RouteMixin.route, on the first page routed through (the site's root page), reads
every page whose url_path lies on the requested path with one statement, joining the
tables of the page types that can be there (core.page_query), and hands each level its
child from that. The tree decides, not url_path: a child is used only where its tree path
is below the parent's and its slug is the path component, exactly what Wagtail's
`get_children().get(slug=…)` would find; anything not found this way is looked up as
Wagtail does.

Each page loaded knows its ancestors from the routing page down (`route_ancestors`),
whether a view restriction covers it (`view_restricted`, see core.visibility) and, for
the chapter on the way, its children (`loaded_children`). So breadcrumbs, the view
restriction check of the page served, the menu and the footer cost no further query.

The chapter on the way and its children are the same for every page of the chapter: a
*chapter store* (`use_chapter_store`; pagecache keeps them until something in the chapter
changes) hands them out again, and only pages below the chapter's children are read.
"""

import copy
from functools import cache, partial

from django.db.models import CharField, Func, Value
from wagtail.models import Page, PageViewRestriction

from .page_query import live_translations, quote, read_pages
from .urls import remembered_url_parts

CHILDREN = "_route_children"
ANCESTORS = "_route_ancestors"
LOADED_CHILDREN = "_route_loaded_children"
TRANSLATIONS = "_route_translations"


@cache
def _route_models(model, levels):
    """The page types that can be up to *levels* below a *model* page (its subpage types,
    theirs, ...): below a news index only the article. A page of another type (moved there
    by code, say) reads its specific row with one query more."""
    models, frontier = set(), {model}
    for _ in range(levels):
        frontier = {sub for parent in frontier for sub in parent.allowed_subpage_models()}
        models |= frontier
    return tuple(sorted(models - {Page}, key=lambda each: each._meta.label))


def with_suffix(expression, suffix):
    """*expression* || *suffix* in SQL: NULL when *expression* is (Concat would say '')."""
    return Func(
        expression,
        Value(suffix),
        template="(%(expressions)s)",
        arg_joiner=" || ",
        output_field=CharField(),
    )


def child_paths(parent_path):
    """Lookups for the children of the page at *parent_path* (an expression, e.g. an
    OuterRef): an index range on path, like Wagtail's child_of, where `path LIKE
    parent || '%'` could not use the index."""
    return {
        "path__gt": with_suffix(parent_path, "0" * Page.steplen),
        "path__lt": with_suffix(parent_path, "Z" * (Page.steplen + 1)),
    }


_chapter_store = None


def use_chapter_store(store):
    """Keep what routing read of a chapter with *store*: `lookup(start, slug)` returns
    (the entry or None, a token) and `keep(token, start, slug, chapter, entry)` keeps
    `entry()`, read after that lookup (called only when it is kept). None: read it every
    time."""
    global _chapter_store
    _chapter_store = store


def descendant_range(path):
    """[lowest, highest] tree path of the page at *path* and the pages below it: an index
    range where `descendant_of` says `path LIKE 'path%'`, which PostgreSQL cannot plan
    once for a prepared statement (the pattern is a parameter)."""
    return [path, path + "Z" * (Page._meta.get_field("path").max_length - len(path))]


def descendant_paths(path):
    """Lookups for the pages below the page at tree *path* (see descendant_range)."""
    return {"path__gt": path, "path__lte": descendant_range(path)[1]}


def load_route(start, path_components):
    """Load the pages on *path_components* below *start* and the children of the chapter
    among them (*start* or the first step); give each its children by slug, its ancestors
    and, the chapter, its children in tree order. *start* learns whether a view restriction
    covers it."""
    from .chapter import chapter_model

    if CHILDREN in start.__dict__:
        return  # loaded already
    # A language tree's home with a chapter possibly on the way: that chapter may be kept.
    chapter_slug = path_components[0] if path_components and start.depth <= 2 else None
    token = None
    if chapter_slug and _chapter_store is not None:
        entry, token = _chapter_store.lookup(start, chapter_slug)
        if entry is not None:
            _link_chapter(start, entry, path_components)
            return
    # Each step by its slug and depth (indexed), url_path only narrows the candidates.
    wanted, params, url_path = ["page.path = %s"], [start.path], start.url_path
    for depth, component in enumerate(path_components, start=start.depth + 1):
        url_path += f"{component}/"
        wanted.append("(page.depth = %s AND page.slug = %s AND page.url_path = %s)")
        params += [depth, component, url_path]
    if isinstance(start, chapter_model()):
        wanted.append("page.depth = %s")
        params.append(start.depth + 1)
    elif chapter_slug:  # the children of the chapter named by the first step
        chapter_path = CHAPTER_PATH.format(table=quote(chapter_model()._meta.db_table))
        wanted.append(
            f"(page.depth = %s AND page.path > {chapter_path} || %s "
            f"AND page.path < {chapter_path} || %s)"
        )
        chapter = [start.depth + 1, path_components[0], f"{start.url_path}{path_components[0]}/"]
        chapter += descendant_range(start.path)
        params += [start.depth + 2, *chapter, "0" * Page.steplen, *chapter]
        params.append("Z" * (Page.steplen + 1))
    below_start = "page.path >= %s AND page.path <= %s"
    rows = read_pages(
        # the chapter's children are two levels down even on its own address
        _route_models(type(start), max(len(path_components), 2)),
        f"({' OR '.join(wanted)}) AND {below_start}",
        [*params, *descendant_range(start.path)],
    )
    by_path = {start.path: start}
    if start.depth <= 2:  # a language tree's home: the ancestors below are all known
        start.__dict__.setdefault(ANCESTORS, [])
    start.__dict__.setdefault(CHILDREN, {})
    for page in rows:
        if page.path == start.path:
            start.view_restricted = page.view_restricted
            continue
        parent = by_path.get(page.path[: -Page.steplen])
        if parent is None:
            continue  # not below a page of the route (url_path out of step with the tree)
        if type(page) is Page and page.specific_class not in (None, Page):
            restricted, page = page.view_restricted, page.specific  # a type not joined
            page.view_restricted = restricted
        by_path[page.path] = page
        page.__dict__[CHILDREN] = {}
        if route_ancestors(parent) is not None:
            page.__dict__[ANCESTORS] = [*route_ancestors(parent), parent]
        parent.__dict__[CHILDREN][page.slug] = page
        if isinstance(parent, chapter_model()):
            parent.__dict__.setdefault(LOADED_CHILDREN, []).append(page)
            page.__dict__.setdefault("chapter", parent)
    for page in by_path.values():  # a chapter whose children were asked for, none found
        if isinstance(page, chapter_model()) and page.depth <= start.depth + 1:
            page.__dict__.setdefault(LOADED_CHILDREN, [])
    chapter = start.__dict__[CHILDREN].get(chapter_slug)
    if _chapter_store is not None and isinstance(chapter, chapter_model()):
        entry = partial(_chapter_entry, start, chapter)
        _chapter_store.keep(token, start, chapter_slug, chapter, entry)


# The chapter below the routing start named by the route's first step.
CHAPTER_PATH = """(SELECT chapter.path FROM wagtailcore_page chapter
    JOIN {table} chapter_page ON chapter_page.page_ptr_id = chapter.id
    WHERE chapter.depth = %s AND chapter.slug = %s AND chapter.url_path = %s
      AND chapter.path >= %s AND chapter.path <= %s)"""

ROUTE_KEYS = (CHILDREN, ANCESTORS, LOADED_CHILDREN, "chapter")


def _chapter_entry(start, chapter):
    """What the chapter store keeps of *chapter*: itself and its children, each with its
    live language versions (every page links its translations: one query for all)."""
    kept = [chapter, *loaded_children(chapter)]
    for page, translations in zip(kept, live_translations(kept), strict=True):
        page.__dict__[TRANSLATIONS] = translations
    return (start.view_restricted, *map(_unlinked, kept))


def _unlinked(page):
    """A copy of *page* as the query returned it, without the links to other pages."""
    unlinked = copy.copy(page)
    for key in ROUTE_KEYS:
        unlinked.__dict__.pop(key, None)
    return unlinked


def _link_chapter(start, entry, path_components):
    """Give *start* and a kept chapter and children the links load_route gives them; the
    child on the way to a deeper page is left to read its own subtree when routed."""
    start.view_restricted, chapter, *children = entry
    start.__dict__.setdefault(ANCESTORS, [])  # a language tree's home
    start.__dict__[CHILDREN] = {chapter.slug: chapter}
    chapter.__dict__[ANCESTORS] = [*route_ancestors(start), start]
    chapter.__dict__[CHILDREN] = {}
    chapter.__dict__[LOADED_CHILDREN] = children
    deeper = path_components[1] if len(path_components) > 2 else None
    for child in children:
        child.__dict__[ANCESTORS] = [*route_ancestors(chapter), chapter]
        child.__dict__["chapter"] = chapter
        chapter.__dict__[CHILDREN][child.slug] = child
        if child.slug != deeper:
            child.__dict__[CHILDREN] = {}


def route_ancestors(page):
    """The ancestors of *page* from its language tree's home page (depth 2) down to its
    parent, if routing started there and loaded it; else None."""
    return page.__dict__.get(ANCESTORS)


def kept_translations(page):
    """[(pk, url_path, language code)] of the live versions of *page*, if it was kept with
    its chapter (core.page_query.live_translations); else None."""
    return page.__dict__.get(TRANSLATIONS)


def loaded_children(page):
    """The children of a chapter loaded while routing (all of them, in tree order, live or
    not), else None."""
    return page.__dict__.get(LOADED_CHILDREN)


class RouteMixin:
    def route(self, request, path_components):
        load_route(self, path_components)
        if path_components:
            child = self.__dict__[CHILDREN].get(path_components[0])
            if child is not None:
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_view_restrictions(self):
        """No query for a page routing loaded that no restriction covers (aliases, whose
        source's restrictions apply, are left to Wagtail)."""
        ancestors = route_ancestors(self)
        if (
            ancestors is not None
            and getattr(self, "view_restricted", None) is False
            and not any(page.alias_of_id for page in [*ancestors, self])
        ):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_url_parts(self, request=None):
        return remembered_url_parts(self, request, super().get_url_parts)
