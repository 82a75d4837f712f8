from django import template
from django.conf import settings
from django.template.loader import render_to_string

from pagecache.cache import cached_fragment
from press.archive import archive_url
from press.models import PressRelease

register = template.Library()


@register.simple_tag
def press_releases(limit=None):
    """The newest press releases for the sidebar, cached per language and purge generation."""
    limit = limit or settings.CHAPTERHOUSE_PRESS_RELEASES_SHOWN
    return cached_fragment(
        "press-releases",
        lambda: render_to_string(
            "press/press_releases.html",
            {
                "press_releases": list(PressRelease.objects.visible()[:limit]),
                "archive_url": archive_url(),
            },
        ),
        parts=(limit,),
    )
