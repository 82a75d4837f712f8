from django import template
from django.conf import settings
from django.utils import translation

from events.fragments import dates_fragment
from home.models import PlatformSettings, PlatformText
from pagecache.cache import cached_value

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
    """The regional home's "Nächste Termine in der Region", kept like a chapter's until its
    dates change (dates_fragment): publishing news renders the portal anew, not its dates."""

    def load():
        occurrences = home.upcoming_events()
        if not occurrences:
            return None
        return {"occurrences": occurrences, "event_index": home.event_index()}

    return dates_fragment(
        "regional-upcoming-events",
        home,
        "home/upcoming_events.html",
        load,
        context.get("request"),
    )
