from django import template
from django.conf import settings
from django.utils import translation

from home.models import PlatformSettings, PlatformText

register = template.Library()


@register.simple_tag(takes_context=True)
def platform_text(context):
    """An object with `platform_name` and `footer_line` in the visitor's language.

    German: the platform settings, which the page has loaded anyway (no query). Other
    languages: their PlatformText translation (one query), else the German texts.
    """
    request = context.get("request")
    german = PlatformSettings.load(request_or_site=request)
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language.split("-")[0] == settings.LANGUAGE_CODE:
        return german
    translated = PlatformText.objects.filter(locale__language_code=language).first()
    return translated or german
