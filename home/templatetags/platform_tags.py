from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from events.occurrences import DATES_SCOPE
from home.models import PlatformSettings, PlatformText
from pagecache.cache import cached_fragment, cached_value

register = template.Library()


@register.simple_tag(takes_context=True)
def platform_text(context):
    """An object with `platform_name` and `footer_line` in the visitor's language.

    German: the platform settings. Other languages: their PlatformText translation, else
    the German texts. One query, none while the fragment cache holds it (changing either
    purges everything).
    """
    request = context.get("request")

    def load():
        german = PlatformSettings.load(request_or_site=request)
        language = translation.get_language() or settings.LANGUAGE_CODE
        if language.split("-")[0] == settings.LANGUAGE_CODE:
            return german
        translated = PlatformText.objects.filter(locale__language_code=language).first()
        return translated or german

    # Kept per generation and language with the fragments: settings and texts purge all.
    return cached_value("platform-text", load)


@register.simple_tag(takes_context=True)
def regional_upcoming_events(context, home):
    """The regional home's "Nächste Termine in der Region", kept like a chapter's (see
    chapter_tags.chapter_upcoming_events): until an event, a Termine page or a chapter
    changes (publishing news, which renders the regional home anew, leaves it), and no
    longer than the next time one of the dates ends."""
    request = context.get("request")

    def render():
        occurrences = home.upcoming_events()
        if not occurrences:
            return ""
        return render_to_string(
            "home/upcoming_events.html",
            {"occurrences": occurrences, "event_index": home.event_index()},
            request=request,
        )

    return cached_fragment(
        "regional-upcoming-events",
        render,
        parts=(home.pk, request.get_host() if request is not None else ""),
        time_dependent=True,
        scope=DATES_SCOPE,
    )
