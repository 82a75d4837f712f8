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
# with a reason in the commit message.
#
# What a page routed through its chapter costs (issue 12; the article's 12 as example):
# - 3 to find where to start: the Site, the active Locale, the site root page's specific
#   row (as Wagtail's Page.route_for_request; with fragment caches on only the Site,
#   home/views.py);
# - 1 for routing (core.routing): every page on the way as its specific type, the chapter's
#   children (menu, footer links, news and events index) and whether a view restriction
#   covers each - so Wagtail's restriction check, the JSON-LD breadcrumbs, the menu and the
#   footer need no query, and lists exclude restricted pages inside their own query
#   (core.visibility, instead of .public()'s extra query each);
# - 5 of furniture: platform settings, the page's versions in the other languages (language
#   switcher and hreflang, issue 5), banners, the press release sidebar and its archive link;
# - the page's own content: an article's older and newer neighbours (one hand-written
#   statement), its documents and tags.
# Pages outside a chapter (regional home, archive, search) load their footer links: +1.
# Chapter home: the latest articles, its board (issue 17) and the "Nächste Termine": the
# regional Termine index, the events and their exceptions (issue 13); the events' chapters
# only when a date is not the chapter's own (the region's).
# Regional home: the chapters with their newest article (2), chairs, latest articles and
# the regional dates as on the chapter home. News index: the articles shared with its
# chapter (a list, so that the articles are read by their index), categories, years and
# count in one pass, the category names and the page. Search: the hits, turned into their
# page types, their chapters, the press releases found and counted (issue 15). Feeds:
# routing, the shared articles and the articles.
# With fragment caches on (production), menu, footer links, banners and sidebar are kept
# per chapter scope or generation (pagecache/cache.py) and cost nothing until a purge.
PAGES = {
    "regional home": ("/", 17),
    "chapter home": ("/ov-001/", 14),
    "news index page 1": ("/ov-000/aktuelles/", 13),
    "news index deep page": ("/ov-000/aktuelles/?page=9", 13),
    "article": ("/ov-001/aktuelles/artikel-0/", 12),
    "content page": ("/ov-001/kontakt/", 9),
    "press release archive": ("/pressemitteilungen/", 10),
    "press release archive deep page": ("/pressemitteilungen/?page=3", 10),
    "filtered news index": ("/ov-000/aktuelles/?kategorie=kommunalpolitik", 13),
    "filtered news index by year": ("/ov-000/aktuelles/?jahr=2026", 13),
    "search (regional)": ("/suche/?q=Initiative", 15),
    "search (chapter)": ("/ov-001/suche/?q=Initiative", 14),
    "RSS feed": ("/ov-000/aktuelles/rss/", 6),
    "Atom feed": ("/ov-000/aktuelles/atom/", 6),
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
    # Not counted: search switching PostgreSQL's plan cache off and on for its own queries
    # (chapters.search.planned_for_each_query), two settings, no reads.
    sql = [
        query["sql"]
        for query in queries.captured_queries
        if not query["sql"].startswith(("SET plan_cache_mode", "RESET plan_cache_mode"))
    ]
    return len(sql), sql


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
