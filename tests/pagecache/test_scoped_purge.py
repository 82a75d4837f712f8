"""A page change purges what can show it: its chapter's pages and the regional pages that
list every chapter, never the other chapters' pages (issue 12)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from news.models import NewsArticlePage
from pagecache.middleware import HIT_HEADER
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True


@pytest.fixture
def other_chapter(home):
    chapter = factories.ChapterPageFactory(parent=home, title="SPD Falkensee", slug="falkensee")
    index = factories.NewsIndexPageFactory(parent=chapter)
    article = factories.NewsArticlePageFactory(parent=index, title="Falkensee baut Kita")
    return chapter, index, article


@pytest.fixture
def warm(anonymous, home, chapter, news_index, article, other_chapter):
    """Both chapters' home, index and article, and the regional pages, cached."""
    pages = {
        "A": [chapter.url, news_index.url, article.url],
        "B": [page.url for page in other_chapter],
        "region": [home.url, "/suche/?q=Artikel", "/pressemitteilungen/"],
    }
    for urls in pages.values():
        for url in urls:
            assert anonymous.get(url).status_code == 200, url
            assert anonymous.get(url)[HIT_HEADER] == "hit", url
    return pages


def states(client, urls):
    return {url: client.get(url)[HIT_HEADER] for url in urls}


def all_(state, urls):
    return dict.fromkeys(urls, state)


def test_publish_in_one_chapter_leaves_the_other_chapters_warm(anonymous, warm, article):
    article.title = "Neuer Radweg nach Elstal"
    article.save_revision().publish()

    assert states(anonymous, warm["B"]) == all_("hit", warm["B"])
    assert states(anonymous, warm["A"]) == all_("miss", warm["A"])
    assert states(anonymous, warm["region"]) == all_("miss", warm["region"])
    for url in [article.url, article.get_parent().url, "/"]:
        assert "Neuer Radweg nach Elstal" in anonymous.get(url).content.decode(), url


def test_new_article_in_one_chapter_leaves_the_other_chapters_warm(
    anonymous, warm, news_index, article
):
    factories.NewsArticlePageFactory(
        parent=news_index, title="Spielplatz eröffnet", category=article.category
    )
    assert states(anonymous, warm["B"]) == all_("hit", warm["B"])
    assert "Spielplatz eröffnet" in anonymous.get(news_index.url).content.decode()
    assert "Spielplatz eröffnet" in anonymous.get("/").content.decode()


def test_unpublish_and_delete_leave_the_other_chapters_warm(anonymous, warm, article):
    article.unpublish()
    assert states(anonymous, warm["B"]) == all_("hit", warm["B"])
    assert anonymous.get(article.url).status_code == 404
    assert article.title not in anonymous.get("/").content.decode()

    for url in warm["A"][:2] + warm["region"]:
        anonymous.get(url)
    NewsArticlePage.objects.get(pk=article.pk).delete()  # not live: purges nothing
    assert states(anonymous, warm["B"]) == all_("hit", warm["B"])


def test_deleting_a_live_page_purges_its_chapter_only(anonymous, warm, article):
    NewsArticlePage.objects.get(pk=article.pk).delete()
    assert states(anonymous, warm["B"]) == all_("hit", warm["B"])
    assert article.title not in anonymous.get(warm["A"][1]).content.decode()
    assert article.title not in anonymous.get("/").content.decode()


def test_move_purges_the_old_and_the_new_chapter(anonymous, warm, home, article, other_chapter):
    third = factories.ChapterPageFactory(parent=home, title="SPD Dallgow", slug="dallgow")
    third_index = factories.NewsIndexPageFactory(parent=third)
    anonymous.get(third_index.url)
    for urls in warm.values():
        states(anonymous, urls)  # a new chapter is a page change in the region: warm again

    NewsArticlePage.objects.get(pk=article.pk).move(other_chapter[1], pos="last-child")

    assert anonymous.get(third_index.url)[HIT_HEADER] == "hit"
    assert article.title not in anonymous.get(warm["A"][1]).content.decode()
    assert article.title in anonymous.get(other_chapter[1].url).content.decode()
    assert states(anonymous, warm["region"]) == all_("miss", warm["region"])


def test_a_page_outside_every_chapter_purges_everything(anonymous, warm, home):
    factories.ContentPageFactory(parent=home, title="Impressum")
    for urls in warm.values():
        assert states(anonymous, urls) == all_("miss", urls)


def test_shared_content_purges_everything(anonymous, warm):
    factories.PressReleaseFactory(title="Wohngeld steigt")
    for urls in warm.values():
        assert states(anonymous, urls) == all_("miss", urls)
        for url in urls:
            assert "Wohngeld steigt" in anonymous.get(url).content.decode(), url


def test_language_versions_of_a_chapter_share_its_scope(anonymous, warm, article, other_chapter):
    """A German page changing purges its chapter's pages in the other languages too (their
    language switcher and the aliases show it), and no other chapter's."""
    from wagtail.models import Page

    from translations.sync import sync_locales

    sync_locales()
    english = {
        name: Page.objects.get(translation_key=page.translation_key, locale__language_code="en")
        for name, page in (("A", article), ("B", other_chapter[2]))
    }
    for page in english.values():
        anonymous.get(page.url)
        assert anonymous.get(page.url)[HIT_HEADER] == "hit", page.url

    article.title = "Neuer Radweg nach Elstal"
    article.save_revision().publish()

    assert anonymous.get(english["B"].url)[HIT_HEADER] == "hit"
    response = anonymous.get(english["A"].url)
    assert response[HIT_HEADER] == "miss"
    assert "Neuer Radweg nach Elstal" in response.content.decode()


def test_chapter_navigation_is_cached_per_chapter_and_purged_with_it(
    home, chapter, django_assert_num_queries
):
    other = factories.ChapterPageFactory(parent=home, title="SPD Falkensee")
    factories.ContentPageFactory(parent=other, title="Kontakt Falkensee", show_in_menus=True)
    template = Template("{% load chapter_tags %}{% chapter_navigation chapter page %}")

    def render(chapter_page, page):
        with translation.override("de"):
            return template.render(Context({"chapter": chapter_page, "page": page}))

    assert "Kontakt Falkensee" in render(other, other)
    with django_assert_num_queries(0):
        assert "Kontakt Falkensee" in render(other, other)
    assert 'aria-current="page"' in render(other, other)

    factories.ContentPageFactory(parent=chapter, title="Kontakt Wustermark", show_in_menus=True)
    with django_assert_num_queries(0):
        render(other, other)  # another chapter's change: still cached
    assert "Kontakt Wustermark" in render(chapter, chapter)


def test_a_page_changed_while_rendering_is_not_stored(
    anonymous, article, other_chapter, monkeypatch
):
    """A page change committed during a render (after the served page was read) must not
    leave that render in the cache under the new generation."""
    from pagecache.cache import REGION, purge_scopes

    original = NewsArticlePage.get_context

    def get_context_while_someone_publishes(self, request, *args, **kwargs):
        purge_scopes({REGION}, "published meanwhile")
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(NewsArticlePage, "get_context", get_context_while_someone_publishes)
    assert anonymous.get(article.url)[HIT_HEADER] == "miss"
    monkeypatch.setattr(NewsArticlePage, "get_context", original)
    assert anonymous.get(article.url)[HIT_HEADER] == "miss"  # nothing was stored
    assert anonymous.get(article.url)[HIT_HEADER] == "hit"


def test_scope_purges_reach_every_process_through_the_generation_cache(settings, tmp_path):
    """Scope generations live next to the global one (Redis, or the shared file cache), so
    a chapter purged by one worker is purged for all."""
    from pagecache import cache as page_cache
    from pagecache.token_cache import TokenFileCache

    settings.CACHES = {
        **settings.CACHES,
        "generation": {
            "BACKEND": "pagecache.token_cache.TokenFileCache",
            "LOCATION": str(tmp_path),
        },
    }
    settings.PAGE_CACHE_GENERATION_ALIAS = "generation"
    scope = page_cache.chapter_scope("abc")
    key = page_cache.SCOPE_GENERATION_KEY.format(scope=scope)

    before = page_cache.scope_generations(scope)[scope]
    other_process = TokenFileCache(str(tmp_path), {})
    assert other_process.get(key) == before

    page_cache.purge_scopes({scope}, "test")
    assert other_process.get(key) not in (None, before)
    assert other_process.get(key) == page_cache.scope_generations(scope)[scope]
