"""Articles as a list shows them (title, date, kicker, teaser, category, lead image and its
sizes), read with one statement written from the model (core.page_query): composing the
ORM's query took longer than running it."""

from django.apps import apps
from django.db.models import prefetch_related_objects

from core.page_query import VIEW_RESTRICTED, read_pages

ARTICLE_TABLE = "news_newsarticlepage"


def _teasers(where, params, **options):
    model = apps.get_model("news", "NewsArticlePage")
    # a teaser shows no text: the body (the largest column) is not read
    articles = read_pages([model], where, params, defer=("body",), **options)
    # the pictures' sizes: no query without lead images
    prefetch_related_objects([a for a in articles if a.lead_image_id], "lead_image__renditions")
    return articles


def in_order(ids):
    """The articles with pk in *ids*, in that order, read by id alone (whoever cut *ids*
    from a list decided what may be listed)."""
    if not ids:
        return []
    placeholders = ", ".join(["%s"] * len(ids))
    found = {a.pk: a for a in _teasers(f"page.id IN ({placeholders})", list(ids))}
    return [found[pk] for pk in ids if pk in found]


def latest_of(index, count):
    """The newest *count* live, public articles of the news *index*."""
    return _teasers(
        f"{ARTICLE_TABLE}.news_index_id = %s AND page.live AND NOT {VIEW_RESTRICTED}",
        [index.pk],
        order_by=f"{ARTICLE_TABLE}.date DESC, page.id DESC",
        limit=count,
    )
