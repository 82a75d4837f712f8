"""Lists of next dates on home pages, kept as fragments: publishing news renders a home anew
without expanding every event again."""

from django.template.loader import render_to_string

from pagecache.cache import cached_fragment

from .occurrences import DATES_SCOPE


def dates_fragment(name, owner, template, load, request):
    """*template* rendered with the context *load()* returns (nothing when it returns None),
    kept per *owner* and host until an event, a Termine page or a chapter changes, and no
    longer than the next time one of the dates ends (a time boundary, see pagecache)."""

    def render():
        context = load()
        return "" if context is None else render_to_string(template, context, request=request)

    return cached_fragment(
        name,
        render,
        parts=(owner.pk, request.get_host() if request is not None else ""),
        time_dependent=True,
        scope=DATES_SCOPE,
    )
