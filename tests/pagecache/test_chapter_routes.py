"""Routing keeps a chapter and its children (core.routing, pagecache.cache.ChapterStore)
until something in the chapter changes (issue 12): its pages are then routed without
reading them again, and what an editor changes - a page unpublished, restricted, renamed -
holds at the next request."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from chapters.provisioning import provision_chapter
from tests import factories
from translations.sync import sync_locales

pytestmark = pytest.mark.django_db

HOST = "spd-wustermark.example"


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.PAGE_CACHE_ENABLED = False  # every request is routed and rendered
    settings.FRAGMENT_CACHE_ENABLED = True


@pytest.fixture
def about(chapter):
    return factories.ContentPageFactory(
        parent=chapter, title="Über uns", slug="ueber-uns", show_in_menus=True
    )


def get(client, url):
    """The response and the routing queries (core.routing: the pages on the path, from
    the page routing starts at)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    routing = [q for q in queries.captured_queries if "WHERE (page.path = " in q["sql"]]
    return response, routing


def test_chapter_pages_are_routed_without_reading_the_chapter_again(
    anonymous, about, article, news_index
):
    for _ in range(2):  # the first read names the chapter, the second keeps it
        get(anonymous, about.url)
    response, routing = get(anonymous, about.url)
    assert response.status_code == 200 and "Über uns" in response.content.decode()
    assert routing == []

    response, routing = get(anonymous, news_index.url)
    assert response.status_code == 200 and routing == []

    response, routing = get(anonymous, article.url)  # below a child: only its subtree is read
    assert response.status_code == 200 and article.title in response.content.decode()
    assert len(routing) == 1
    assert f"'{article.slug}'" in routing[0]["sql"] and "'wustermark'" not in routing[0]["sql"]
    # joining only the tables of what a news index can hold
    assert '"news_newsarticlepage"' in routing[0]["sql"]
    assert '"chapters_chapterpage"' not in routing[0]["sql"]


def test_another_chapters_change_keeps_the_chapter(anonymous, about, home):
    for _ in range(2):
        get(anonymous, about.url)
    other = factories.ChapterPageFactory(parent=home, title="SPD Nauen", slug="nauen")
    factories.ContentPageFactory(parent=other, title="Impressum", slug="impressum")
    assert get(anonymous, about.url)[1] == []


def test_unpublished_page_is_gone_at_once(anonymous, about, article):
    for _ in range(2):
        get(anonymous, about.url)
    assert ">Über uns</a>" in get(anonymous, article.url)[0].content.decode()

    about.unpublish()
    assert get(anonymous, about.url)[0].status_code == 404
    assert ">Über uns</a>" not in get(anonymous, article.url)[0].content.decode()


def test_restricted_page_asks_for_the_password_at_once(anonymous, about):
    for _ in range(3):
        get(anonymous, about.url)
    PageViewRestriction.objects.create(page=about, restriction_type="password", password="x")
    html = get(anonymous, about.url)[0].content.decode()
    assert 'name="password"' in html and "Über uns</h1>" not in html


def test_renamed_chapter_is_found_under_its_new_address_only(anonymous, about, chapter):
    for _ in range(3):
        get(anonymous, about.url)
    chapter.slug = "wustermark-neu"
    chapter.save_revision().publish()
    assert get(anonymous, "/wustermark/ueber-uns/")[0].status_code == 404
    response = get(anonymous, "/wustermark-neu/ueber-uns/")[0]
    assert response.status_code == 200 and "Über uns" in response.content.decode()


def test_each_language_tree_keeps_its_own_chapter(anonymous, about):
    """The English tree mirrors the German one (aliases): its chapter is its own entry."""
    for _ in range(3):
        get(anonymous, about.url)
    response = get(anonymous, "/en" + about.url)[0]
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()


def test_page_of_a_type_not_allowed_there_is_still_served(anonymous, news_index, article):
    """Below a kept chapter's child only the tables of its subpage types are joined; a page
    that code put there against those rules is read with one query more, not lost."""
    from chapters.models import ContentPage

    stray = ContentPage(title="Hinweis", slug="hinweis")
    news_index.add_child(instance=stray)  # a news index allows articles only
    stray.save_revision().publish()
    for _ in range(3):
        response = anonymous.get(stray.url)
        assert response.status_code == 200 and "Hinweis" in response.content.decode()
    assert anonymous.get(article.url).status_code == 200


def test_pages_are_routed_from_the_kept_home_page_in_each_language(anonymous, about, home):
    """The site's home page in the reader's language is kept too (home/views.py): a page
    is served without reading the active locale or the home page's row; each language
    gets its own home, and a change to the home page shows at the next request."""
    sync_locales()
    english_about = Page.objects.get(
        translation_key=about.translation_key, locale__language_code="en"
    )
    for url, language in ((about.url, "de"), (english_about.url, "en")) * 2:
        with CaptureQueriesContext(connection) as queries:
            response = anonymous.get(url)
        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert 'FROM "wagtailcore_locale"' not in read and '"home_homepage"' not in read

    home.title = "SPD Havelland – Regionalportal"
    home.save_revision().publish()
    assert "SPD Havelland – Regionalportal" in anonymous.get("/").content.decode()


def test_kept_pages_link_their_translations_without_a_query_and_follow_changes(anonymous, about):
    """The chapter store keeps the chapter's pages with their live language versions: the
    language links of a kept page cost no query, and a version taken offline is gone from
    them at the next request."""
    sync_locales()
    english = Page.objects.get(translation_key=about.translation_key, locale__language_code="en")
    english_link = f'hreflang="en" href="http://testserver{english.url}"'
    for _ in range(2):
        get(anonymous, about.url)
    with CaptureQueriesContext(connection) as queries:
        html = anonymous.get(about.url).content.decode()
    assert english_link in html and f'href="{english.url}"' in html  # hreflang, switcher
    assert not [q for q in queries.captured_queries if "page.translation_key IN" in q["sql"]]

    english.unpublish()
    html = anonymous.get(about.url).content.decode()
    assert 'hreflang="en"' not in html and f'href="{english.url}"' not in html
    assert 'hreflang="de"' in html


def test_a_chapter_with_a_host_of_its_own_is_its_sites_kept_root(home):
    """A chapter with a host of its own is routed from there; renamed, it shows so at once."""
    chapter = provision_chapter(home, "SPD Wustermark", slug="wustermark", host_name=HOST)
    reader = Client(HTTP_HOST=HOST)
    for _ in range(2):
        assert "SPD Wustermark" in reader.get("/").content.decode()
    chapter.title = "SPD Wustermark-Elstal"
    chapter.save_revision().publish()
    assert "SPD Wustermark-Elstal" in reader.get("/").content.decode()
    assert reader.get("/aktuelles/").status_code == 200
