"""Every public page type costs the same number of SQL queries whatever the size of the
site: rendered on a small data set and on one ten times larger (chapters, articles, press
releases, categories), the count must be equal and within the budget written here.

Page and fragment caches are off (test settings), so these are the queries of a cold
render - the cost of every first request after a publish.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import dataset

pytestmark = pytest.mark.django_db

SMALL = {"chapters": 2, "articles": 20, "press_releases": 6, "categories": 2}
LARGE = {"chapters": 20, "articles": 200, "press_releases": 60, "categories": 20}

# Search results are turned into their specific page types with one query per type among
# the results (at most the number of page types), so the search looks for a word only
# articles contain ("Initiative" is in every article's kicker): the same types on both sets.
#
# name: (URL, budget). The budget is the count measured when it was written; raise it only
# with a reason in the commit message. (+1 on every Wagtail page: the page's versions in the other
# languages, for the language switcher and the hreflang links — one query, issue 5.)
# (+1 on every page: the footer's Impressum/Datenschutz/Kontakt links; +1 on the regional home:
# each chapter's chair; +1 on the chapter home: its board for "Über uns" — issue 17.)
# (+2 on the regional home, +1 on the chapter home: the next dates and the regional calendar's
# address — issue 13.)
# (-1 on pages below a chapter, -3 on articles: the page served keeps the chapter and news
# index it was routed through, and an article is read as one at once,
# core.chapter.ChapterMixin.route — issue 12.)
# (+1 on every page: the page's ancestors for the JSON-LD BreadcrumbList; sitemap +2: the
# site root's translations (every language) and the newest press release for the archive's
# lastmod; search +1 more: counting the press releases found — issue 15.)
PAGES = {
    # +3 / +7: the "Nächste Termine" lists, now that the regional Termine exists from the
    # migrations and every bench chapter has events (events index, events with their
    # exceptions, their chapters and the region for "Termin von …", view restrictions).
    "regional home": ("/", 24),
    "chapter home": ("/ov-001/", 30),
    "news index page 1": ("/ov-000/aktuelles/", 23),
    "news index deep page": ("/ov-000/aktuelles/?page=9", 23),
    "article": ("/ov-001/aktuelles/artikel-0/", 25),
    "content page": ("/ov-001/kontakt/", 19),
    "press release archive": ("/pressemitteilungen/", 14),
    "press release archive deep page": ("/pressemitteilungen/?page=3", 14),
    "filtered news index": ("/ov-000/aktuelles/?kategorie=kommunalpolitik", 23),
    "filtered news index by year": ("/ov-000/aktuelles/?jahr=2026", 23),
    "search (regional)": ("/suche/?q=Initiative", 18),
    "search (chapter)": ("/ov-001/suche/?q=Initiative", 25),
    "RSS feed": ("/ov-000/aktuelles/rss/", 11),
    "Atom feed": ("/ov-000/aktuelles/atom/", 11),
    "sitemap": ("/sitemap.xml", 6),
}


def grow_to(size):
    have_chapters = dataset_chapter_count()
    dataset.build(
        chapters=size["chapters"] - have_chapters,
        articles=size["articles"],
        press_releases=size["press_releases"],
        big_share=0.5,
        categories=size["categories"],
    )
    dataset.index_for_search()


def dataset_chapter_count():
    from chapters.models import ChapterPage

    return ChapterPage.objects.count()


def count_queries(client, url):
    client.get(url)  # the first request may create lazily made rows (settings, locale cache)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize("name", list(PAGES))
def test_query_count_is_fixed_and_within_budget(name, home, anonymous):
    url, budget = PAGES[name]
    grow_to(SMALL)
    small, _ = count_queries(anonymous, url)
    grow_to(LARGE)
    large, large_sql = count_queries(anonymous, url)

    assert large == small, f"{name}: {small} queries small, {large} large:\n" + "\n".join(large_sql)
    assert large <= budget, f"{name}: {large} queries, budget {budget}:\n" + "\n".join(large_sql)
    if "suche" in url:  # measured with real hits, not an empty result page
        assert b'class="search-result"' in anonymous.get(url).content


def test_large_data_set_is_ten_times_the_small_one(home):
    from chapters.models import ChapterPage
    from news.models import NewsArticlePage, NewsCategory
    from press.models import PressRelease

    grow_to(SMALL)
    counts = [
        model.objects.count()
        for model in (ChapterPage, NewsArticlePage, PressRelease, NewsCategory)
    ]
    grow_to(LARGE)
    assert [
        model.objects.count()
        for model in (ChapterPage, NewsArticlePage, PressRelease, NewsCategory)
    ] == [10 * count for count in counts]


def test_sitemap_queries_do_not_grow_past_wagtails_chunk_of_2000_pages(home, anonymous):
    grow_to(SMALL)
    small, _ = count_queries(anonymous, "/sitemap.xml")
    dataset.grow(4500, big_share=0.5)
    large, sql = count_queries(anonymous, "/sitemap.xml")
    assert large == small, "\n".join(sql)
    assert anonymous.get("/sitemap.xml").content.count(b"<url>") > 4500
