from django import template
from django.conf import settings
from django.template.loader import render_to_string

from chapters.cache import cached_fragment
from chapters.models import Banner, PressRelease

register = template.Library()


@register.simple_tag
def banners():
    # Cached per language and purge generation, and never past the next moment a
    # banner's display window opens or closes.
    return cached_fragment(
        "banners",
        lambda: render_to_string(
            "includes/banners.html", {"banners": list(Banner.objects.showing())}
        ),
        banner_dependent=True,
    )


@register.simple_tag
def press_releases(limit=None):
    limit = limit or settings.CHAPTERHOUSE_PRESS_RELEASES_SHOWN
    return cached_fragment(
        "press-releases",
        lambda: render_to_string(
            "includes/press_releases.html",
            {
                "press_releases": list(PressRelease.objects.visible()[:limit]),
                "archive_url": press_release_archive_url(),
            },
        ),
        parts=(limit,),
    )


def press_release_archive_url():
    """The home page's "Pressemitteilungen" archive. Root-relative while there is one Site,
    absolute (the home page's host) once chapters have their own Sites, so the cached
    fragment is right on every host."""
    from home.models import HomePage

    home = HomePage.objects.live().first()
    if home is None:
        return ""
    url = home.get_url()
    return url + home.reverse_subpage("press_releases") if url else ""


@register.inclusion_tag("includes/chapter_navigation.html")
def chapter_navigation(chapter, current):
    items = [chapter, *chapter.get_children().live().public().in_menu()]
    return {"items": items, "current": current}
