from django import template
from django.conf import settings

from chapters.models import Banner, PressRelease

register = template.Library()


@register.inclusion_tag("includes/banners.html")
def banners():
    return {"banners": list(Banner.objects.showing())}


@register.inclusion_tag("includes/press_releases.html")
def press_releases(limit=None):
    limit = limit or settings.CHAPTERHOUSE_PRESS_RELEASES_SHOWN
    return {"press_releases": list(PressRelease.objects.visible()[:limit])}


@register.inclusion_tag("includes/chapter_navigation.html")
def chapter_navigation(chapter, current):
    items = [chapter, *chapter.get_children().live().public().in_menu()]
    return {"items": items, "current": current}
