"""What a news index lists, in a form cheap to keep: filters, count and pages are cut from it."""

from array import array


def listing(articles):
    """*articles* in the index's order as three arrays: ids, category ids (0: none) and
    years; and the years that occur, newest first (the filter's choices). Filters, count
    and every page are cut from them, so page 500 costs what page 1 does; arrays, so
    reading them from the cache is one copy of bytes, not 6,000 objects."""
    ids, category_ids, years_of = array("q"), array("q"), array("h")
    for pk, category_id, year in articles.prefetch_related(None).values_list(
        "pk", "category_id", "date__year"
    ):
        ids.append(pk)
        category_ids.append(category_id or 0)
        years_of.append(year)
    return ids, category_ids, years_of, sorted(set(years_of), reverse=True)
