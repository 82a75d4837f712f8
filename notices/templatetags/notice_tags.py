from django import template
from django.template.loader import render_to_string

from notices.models import Banner
from pagecache.cache import cached_fragment

register = template.Library()


@register.simple_tag
def banners():
    """The banners showing now. Cached per language and purge generation, and never past
    the next moment a banner's display window opens or closes."""
    return cached_fragment(
        "banners",
        lambda: render_to_string(
            "notices/banners.html", {"banners": list(Banner.objects.showing())}
        ),
        time_dependent=True,
    )
