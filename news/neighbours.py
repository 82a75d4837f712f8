"""An article's older and newer neighbour in its news index, as the index lists them."""

from core.page_query import VIEW_RESTRICTED

# Live articles of one index without a view restriction on them or above (as in
# core.page_query), just before and just after (date, id); each half walks the (news_index,
# date, id) index. Only what the links show is read, any other field loads when used.
# Written by hand: the ORM took longer composing it than the database running it (3 of an
# article's 14 ms).
NEIGHBOURS_SQL = f"""
SELECT * FROM (
    SELECT page.id, article.page_ptr_id, page.title, page.url_path, article.date
    FROM news_newsarticlepage article JOIN wagtailcore_page page ON page.id = article.page_ptr_id
    WHERE article.news_index_id = %s AND page.live
      AND (article.date, article.page_ptr_id) < (%s, %s)
      AND NOT {VIEW_RESTRICTED}
    ORDER BY article.date DESC, article.page_ptr_id DESC LIMIT 1
) older
UNION ALL
SELECT * FROM (
    SELECT page.id, article.page_ptr_id, page.title, page.url_path, article.date
    FROM news_newsarticlepage article JOIN wagtailcore_page page ON page.id = article.page_ptr_id
    WHERE article.news_index_id = %s AND page.live
      AND (article.date, article.page_ptr_id) > (%s, %s)
      AND NOT {VIEW_RESTRICTED}
    ORDER BY article.date ASC, article.page_ptr_id ASC LIMIT 1
) newer
"""  # noqa: S608 - a constant clause


def neighbours(article, index):
    """The next older and the next newer article of *index* (or None), one statement.
    The index lists newest first (date, then pk): "older" is the next entry down."""
    older = newer = None
    position = (article.date, article.pk)
    for page in type(article).objects.raw(NEIGHBOURS_SQL, [index.pk, *position] * 2):
        if (page.date, page.pk) < position:
            older = page
        else:
            newer = page
    return older, newer
