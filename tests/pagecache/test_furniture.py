"""A chapter's furniture - its menu and its footer links - is cached across requests with the
page cache's own generations: what an editor changes shows on the next request after
publishing, on every page of the chapter, with page and fragment caches on (issue 12)."""

import datetime

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from news.models import NewsArticlePage
from pagecache.cache import chapter_scope
from pagecache.middleware import HIT_HEADER
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True


@pytest.fixture
def furnished(chapter, news_index, article):
    about = factories.ContentPageFactory(
        parent=chapter, title="Über uns", slug="ueber-uns", show_in_menus=True
    )
    imprint = factories.ContentPageFactory(parent=chapter, title="Impressum", slug="impressum")
    return about, imprint


def cached_html(client, url):
    client.get(url)
    response = client.get(url)
    assert response[HIT_HEADER] == "hit", url
    return response.content.decode()


def test_renamed_menu_page_shows_in_the_menu_of_every_page_after_publishing(
    anonymous, furnished, article, news_index
):
    about, _imprint = furnished
    for url in (article.url, news_index.url):
        assert ">Über uns</a>" in cached_html(anonymous, url)

    about.title = "Wir über uns"
    about.save_revision().publish()

    for url in (article.url, news_index.url):
        html = anonymous.get(url).content.decode()
        assert ">Wir über uns</a>" in html, url
        assert ">Über uns</a>" not in html, url


def test_unpublished_imprint_leaves_the_footer_and_a_new_one_appears(
    anonymous, furnished, article, chapter
):
    _about, imprint = furnished
    assert 'href="/wustermark/impressum/"' in cached_html(anonymous, article.url)

    imprint.unpublish()
    assert 'href="/wustermark/impressum/"' not in anonymous.get(article.url).content.decode()

    imprint.save_revision().publish()
    assert 'href="/wustermark/impressum/"' in anonymous.get(article.url).content.decode()


def test_regional_footer_shows_the_regions_new_imprint(anonymous, home, furnished):
    assert 'href="/impressum/"' not in cached_html(anonymous, "/")
    factories.ContentPageFactory(parent=home, title="Impressum", slug="impressum")
    assert 'href="/impressum/"' in anonymous.get("/").content.decode()


def test_footer_links_are_rendered_once_per_chapter_until_it_changes(
    furnished, chapter, article, django_assert_num_queries
):
    template = Template("{% load people_tags %}{% footer_links page %}")
    request = RequestFactory().get(article.url)

    def render(page):
        with translation.override("de"):
            return template.render(Context({"page": page, "request": request}))

    assert "/wustermark/impressum/" in render(article)
    with django_assert_num_queries(0):
        assert "/wustermark/impressum/" in render(article)

    chapter.facebook_url = "https://facebook.example/wustermark"
    chapter.save_revision().publish()
    fresh = NewsArticlePage.objects.get(pk=article.pk)  # reads the chapter as it is now
    assert "https://facebook.example/wustermark" in render(fresh)


def test_platform_texts_are_read_once_and_a_change_shows_on_the_next_request(
    anonymous, article, settings
):
    from home.models import PlatformSettings

    settings.PAGE_CACHE_ENABLED = False  # the fragments alone
    anonymous.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        html = anonymous.get(article.url).content.decode()
    assert "Ein Service von info.websozis.de" in html
    assert not [q for q in queries.captured_queries if "home_platformsettings" in q["sql"]]

    platform = PlatformSettings.load()
    platform.footer_line = "Ein Angebot der Regionalgeschäftsstelle"
    platform.save()
    assert "Ein Angebot der Regionalgeschäftsstelle" in anonymous.get(article.url).content.decode()


def test_chapter_home_reads_its_dates_and_people_once_and_shows_changes_at_once(
    anonymous, chapter, news_index, home, settings
):
    """The chapter home's "Nächste Termine" and "Vorstand" come from fragments: a second
    rendering reads neither, nor does one after news was published; a new date (the
    chapter's or the region's) or a renamed person shows on the next request."""
    from events.models import EventIndexPage

    def in_days(days):
        return timezone.now() + datetime.timedelta(days=days)

    def render_and_read():
        with CaptureQueriesContext(connection) as queries:
            html = anonymous.get(chapter.url).content.decode()
        read = " ".join(query["sql"] for query in queries.captured_queries)
        return html, 'FROM "events_eventpage"' in read, 'FROM "people_person"' in read

    settings.PAGE_CACHE_ENABLED = False  # the fragments alone
    event_index = factories.EventIndexPageFactory(parent=chapter)
    regional_index = EventIndexPage.objects.child_of(home).get()
    factories.EventPageFactory(parent=event_index, title="Infostand", start=in_days(30))
    chair = factories.PersonFactory(
        chapter=chapter, name="Anna Beispiel", roles=[factories.RoleFactory(name="Vorsitzende")]
    )
    html, read_dates, read_people = render_and_read()
    assert "Infostand" in html and "Anna Beispiel" in html
    assert (read_dates, read_people) == (True, True)
    html, read_dates, read_people = render_and_read()
    assert "Infostand" in html and "Anna Beispiel" in html
    assert (read_dates, read_people) == (False, False)

    factories.NewsArticlePageFactory(parent=news_index, title="Radweg fertig", category=None)
    html, read_dates, read_people = render_and_read()
    assert "Radweg fertig" in html and "Infostand" in html and "Anna Beispiel" in html
    assert (read_dates, read_people) == (False, False)

    summer = factories.EventPageFactory(parent=event_index, title="Sommerfest", start=in_days(20))
    factories.EventPageFactory(parent=regional_index, title="Regionalkonferenz", start=in_days(10))
    chair.name = "Anna Muster"
    chair.save()
    html, read_dates, read_people = render_and_read()
    assert html.index("Regionalkonferenz") < html.index("Sommerfest") < html.index("Infostand")
    assert "Anna Muster" in html and "Anna Beispiel" not in html

    summer.unpublish()
    html, read_dates, read_people = render_and_read()
    assert "Sommerfest" not in html and "Infostand" in html
    assert (read_dates, read_people) == (True, False)


def test_regional_home_reads_its_dates_once_and_shows_changes_at_once(
    anonymous, chapter, news_index, home, settings
):
    """The regional home's "Nächste Termine in der Region" comes from a fragment like a
    chapter's: news published anywhere renders the page anew but not its dates; a new date
    shows on the next request."""
    from events.models import EventIndexPage

    def render_and_read():
        with CaptureQueriesContext(connection) as queries:
            html = anonymous.get("/").content.decode()
        read = " ".join(query["sql"] for query in queries.captured_queries)
        return html, 'FROM "events_eventpage"' in read

    settings.PAGE_CACHE_ENABLED = False  # the fragments alone
    event_index = factories.EventIndexPageFactory(parent=chapter)
    regional_index = EventIndexPage.objects.child_of(home).get()
    soon = timezone.now() + datetime.timedelta(days=30)
    factories.EventPageFactory(parent=event_index, title="Infostand", start=soon)
    html, read_dates = render_and_read()
    assert "Infostand" in html and read_dates
    html, read_dates = render_and_read()
    assert "Nächste Termine in der Region" in html and "Infostand" in html
    assert not read_dates

    factories.NewsArticlePageFactory(parent=news_index, title="Radweg fertig", category=None)
    html, read_dates = render_and_read()
    assert "Radweg fertig" in html and "Infostand" in html
    assert not read_dates

    factories.EventPageFactory(
        parent=regional_index, title="Regionalkonferenz", start=soon - datetime.timedelta(days=5)
    )
    html, read_dates = render_and_read()
    assert read_dates
    assert html.index("Regionalkonferenz") < html.index("Infostand")


def test_a_renamed_chapter_names_its_dates_anew(anonymous, chapter, settings):
    """An event without organiser is the chapter's: "Termin von <chapter>" follows a new
    name of the chapter although the dates themselves did not change."""
    settings.PAGE_CACHE_ENABLED = False
    event_index = factories.EventIndexPageFactory(parent=chapter)
    factories.EventPageFactory(
        parent=event_index, start=timezone.now() + datetime.timedelta(days=3)
    )
    assert "Termin von SPD Wustermark" in anonymous.get(chapter.url).content.decode()
    chapter.title = "SPD Wustermark-Elstal"
    chapter.save_revision().publish()
    assert "Termin von SPD Wustermark-Elstal" in anonymous.get(chapter.url).content.decode()


def test_a_page_reads_each_generation_once_for_all_its_fragments(
    anonymous, furnished, article, chapter, settings, monkeypatch
):
    """Menu, footer links, banners, sidebar, platform texts and the kept chapter each ask
    for their generations; a render reads every token once (a round trip to Redis each)."""
    from pagecache import cache

    settings.PAGE_CACHE_ENABLED = False  # the fragments alone
    asked = []
    read_global, read_scopes = cache.current_generation, cache.scope_generations
    monkeypatch.setattr(
        cache, "current_generation", lambda: asked.append("global") or read_global()
    )
    monkeypatch.setattr(
        cache, "scope_generations", lambda *scopes: asked.extend(scopes) or read_scopes(*scopes)
    )
    for url in (article.url, chapter.url):
        anonymous.get(url)
        asked.clear()
        html = anonymous.get(url).content.decode()
        assert ">Über uns</a>" in html and "Impressum" in html, url
        assert asked.count("global") == 1, url
        assert asked.count(chapter_scope(chapter.translation_key)) == 1, url
