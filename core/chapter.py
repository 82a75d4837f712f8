"""How a page finds the chapter it belongs to.

Content apps (news, events, …) sit below `chapters` in the dependency order and never
import it; they reach the chapter page model through Django's app registry, the way a
ForeignKey names a model by its label.
"""

from django.apps import apps
from django.utils.functional import cached_property
from wagtail.models import Page

from .routing import RouteMixin

CHAPTER_MODEL = "chapters.ChapterPage"


def chapter_model():
    return apps.get_model(CHAPTER_MODEL)


class ChapterMixin(RouteMixin):
    """Pages know the chapter they belong to by walking up the tree (one query, cached)."""

    @cached_property
    def chapter(self):
        model = chapter_model()
        if isinstance(self, model):
            return self
        return model.objects.ancestor_of(self, inclusive=True).first()

    @cached_property
    def chapter_news_index(self):
        """The news index whose feeds the page's <head> advertises (no query when known)."""
        return getattr(self.chapter, "news_index", None)

    def route(self, request, path_components):
        """The page served keeps the chapter it passed (and a live news index that is its
        parent, the one news index of the chapter), so rendering it does not look them up
        again. Routing itself loads the pages on the way in one query (core.routing)."""
        result = super().route(request, path_components)
        page = result[0]
        if page is not self and isinstance(page, ChapterMixin):
            if isinstance(self, chapter_model()):
                page.__dict__.setdefault("chapter", self)
            elif (
                getattr(self, "chapter_news_index", None) is self
                and self.live
                and page.depth == self.depth + 1
            ):
                page.__dict__.setdefault("chapter_news_index", self)
        return result


def attach_chapters(pages, known=()):
    """Give every ChapterMixin page in *pages* its `chapter` with one query for all of them
    (instead of one query each, e.g. for a page of search results). Pages below one of the
    *known* chapters (already loaded) need none."""
    pages = [page for page in pages if isinstance(page, ChapterMixin)]
    chapters = {chapter.path: chapter for chapter in known}

    def ancestor_paths(page):
        return (page.path[: Page.steplen * depth] for depth in range(1, page.depth + 1))

    def chapter_of(page):
        return next((chapters[path] for path in ancestor_paths(page) if path in chapters), None)

    prefixes = {path for page in pages if chapter_of(page) is None for path in ancestor_paths(page)}
    if prefixes:
        chapters.update(
            (chapter.path, chapter) for chapter in chapter_model().objects.filter(path__in=prefixes)
        )
    for page in pages:
        page.__dict__["chapter"] = chapter_of(page)
