from dataclasses import dataclass

from django import template
from django.conf import settings
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from core.page_query import live_translations
from core.routing import kept_translations

register = template.Library()


@dataclass(frozen=True)
class PageTranslation:
    language_code: str
    name: str  # the language's own name: "Deutsch", "English", "Polski"
    url: str
    full_url: str
    is_current: bool
    is_default: bool


ADDRESS = ["id", "url_path"]  # the fields an address is built from


def live_versions(page):
    """{language code: page} for the live versions of *page* (itself, as it is, included);
    the others with their id and url_path only, which is all an address is built from.
    Routing kept them for the chapter and its children; others take one query."""
    rows = kept_translations(page)
    if rows is None:
        rows = live_translations([page])[0]
    return {
        code: page if pk == page.pk else Page.from_db(connection.alias, ADDRESS, (pk, url_path))
        for pk, url_path, code in rows
    }


@register.simple_tag(takes_context=True)
def page_translations(context, page):
    """The live versions of *page* in each content language (translation or synchronised
    alias), in the order of settings.WAGTAIL_CONTENT_LANGUAGES. Read once per page and
    request (see live_versions), shared by the language switcher and the hreflang links."""
    request = context.get("request")
    if not isinstance(page, Page) or request is None:
        return []
    cache = request.__dict__.setdefault("_chapterhouse_page_translations", {})
    if page.pk not in cache:
        # Live but not public: a private page's translations are as private as the page
        # the visitor is already on.
        by_language = live_versions(page)
        current = get_language()
        suffix = _route_below(page, request)
        urls = {
            code: by_language[code].get_url(request) + suffix
            for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
            if code in by_language
        }
        cache[page.pk] = [
            PageTranslation(
                language_code=code,
                name=get_language_info(code)["name_local"],
                url=url,
                full_url=request.build_absolute_uri(url),
                is_current=code == current,
                is_default=code == settings.LANGUAGE_CODE,
            )
            for code, url in urls.items()
        ]
    return cache[page.pk]


def _route_below(page, request):
    """The part of the address below *page* on a route ("pressemitteilungen/", "suche/"),
    so the other languages' links lead to the same route, not to the page itself."""
    relative = page.get_url(request)
    if relative and request.path != relative and request.path.startswith(relative):
        return request.path[len(relative) :]
    return ""


@register.simple_tag
def content_language(page):
    """The language *page*'s text is written in: its own, or for a synchronised alias that
    nobody has translated yet, the language of the page it mirrors (German)."""
    if not isinstance(page, Page) or page.alias_of_id is None:
        return get_language()
    return (
        Page.objects.filter(pk=page.alias_of_id)
        .values_list("locale__language_code", flat=True)
        .first()
        or get_language()
    )


@register.simple_tag
def outdated_translation_source(page):
    """The German page if *page* is a translation made from an older German text (the
    German page was published after wagtail-localize last took its text), else None."""
    if not isinstance(page, Page) or page.alias_of_id is not None:
        return None
    if get_language() == settings.LANGUAGE_CODE:
        return None  # German pages are the source: no query for them
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return None
    source_taken = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale=default
    ).values("last_updated_at")[:1]
    german = (
        Page.objects.filter(translation_key=page.translation_key, locale=default)
        .live()
        .annotate(source_taken_at=Subquery(source_taken))
        .first()
    )
    if german is None or german.source_taken_at is None or german.last_published_at is None:
        return None
    return german if german.last_published_at > german.source_taken_at else None
