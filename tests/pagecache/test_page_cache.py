"""The anonymous page cache: fast for readers, never stale, never shown to editors."""

import datetime
import http.server
import threading

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Locale, PageViewRestriction

from news.models import NewsArticlePage
from pagecache.middleware import HIT_HEADER
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True


class Clock:
    """A test-controlled django.utils.timezone.now()."""

    def __init__(self, start):
        self.current = start

    def __call__(self):
        return self.current

    def advance(self, **kwargs):
        self.current += datetime.timedelta(**kwargs)


@pytest.fixture
def clock(monkeypatch):
    # 10:00 in Berlin today: the events' time boundary (the next midnight) is 14 hours
    # away, whatever time the tests run (at 23:00 it cut the banner test's entries short).
    clock = Clock(timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0))
    monkeypatch.setattr(timezone, "now", clock)
    return clock


def fetch(client, url, **extra):
    response = client.get(url, **extra)
    return response, response.content.decode()


def test_second_anonymous_request_is_served_from_cache_without_queries(
    anonymous, article, django_assert_num_queries
):
    first, html = fetch(anonymous, article.url)
    assert first[HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        second, cached_html = fetch(anonymous, article.url)
    assert second.status_code == 200
    assert second[HIT_HEADER] == "hit"
    assert cached_html == html
    assert second["Content-Type"].startswith("text/html")


def test_publish_is_visible_on_next_anonymous_request(anonymous, article, news_index):
    fetch(anonymous, article.url)
    fetch(anonymous, news_index.url)

    article.title = "Neuer Radweg nach Elstal beschlossen"
    article.save_revision().publish()

    response, html = fetch(anonymous, article.url)
    assert response[HIT_HEADER] == "miss"
    assert "Neuer Radweg nach Elstal beschlossen" in html
    _, index_html = fetch(anonymous, news_index.url)
    assert "Neuer Radweg nach Elstal beschlossen" in index_html


def test_new_article_appears_in_cached_index_and_home(anonymous, home, news_index, article):
    fetch(anonymous, news_index.url)
    fetch(anonymous, home.url)

    factories.NewsArticlePageFactory(parent=news_index, title="Spielplatz eröffnet")

    assert "Spielplatz eröffnet" in fetch(anonymous, news_index.url)[1]
    assert "Spielplatz eröffnet" in fetch(anonymous, home.url)[1]


def test_draft_save_does_not_purge_and_does_not_leak(anonymous, article):
    fetch(anonymous, article.url)
    article.title = "Entwurf, noch geheim"
    article.save_revision()

    response, html = fetch(anonymous, article.url)
    assert response[HIT_HEADER] == "hit"
    assert "Entwurf, noch geheim" not in html


def test_unpublish_over_admin_removes_page_for_anonymous(anonymous, article, news_index):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    editor = Client()
    editor.force_login(admin)
    fetch(anonymous, article.url)
    fetch(anonymous, news_index.url)

    response = editor.post(f"/admin/pages/{article.pk}/unpublish/", {})
    assert response.status_code == 302

    assert anonymous.get(article.url).status_code == 404
    assert article.title not in fetch(anonymous, news_index.url)[1]


def test_move_and_delete_purge(anonymous, home, article, news_index):
    other_chapter = factories.ChapterPageFactory(parent=home, title="SPD Falkensee")
    other_index = factories.NewsIndexPageFactory(parent=other_chapter)
    fetch(anonymous, news_index.url)
    fetch(anonymous, other_index.url)

    article.move(other_index, pos="last-child")

    assert article.title not in fetch(anonymous, news_index.url)[1]
    assert article.title in fetch(anonymous, other_index.url)[1]

    NewsArticlePage.objects.get(pk=article.pk).delete()
    assert article.title not in fetch(anonymous, other_index.url)[1]


def test_press_release_and_banner_changes_show_on_cached_pages(anonymous, article):
    fetch(anonymous, article.url)

    factories.PressReleaseFactory(title="Wohngeld steigt zum Jahresanfang")
    _, html = fetch(anonymous, article.url)
    assert "Wohngeld steigt zum Jahresanfang" in html

    banner = factories.BannerFactory(title="Briefwahl jetzt beantragen", live=False)
    banner.save_revision()
    assert "Briefwahl jetzt beantragen" not in fetch(anonymous, article.url)[1]
    banner.save_revision().publish()
    assert "Briefwahl jetzt beantragen" in fetch(anonymous, article.url)[1]


def test_editor_never_gets_a_cached_page_and_never_fills_the_cache(anonymous, article):
    group = Group.objects.get(name="Moderators")
    editor_user = factories.UserFactory(is_staff=True)
    editor_user.groups.add(group)
    editor = Client()
    editor.force_login(editor_user)

    response = editor.get(article.url)
    assert response.status_code == 200
    assert HIT_HEADER not in response
    # The editor's copy (with the Wagtail user bar) was not stored for readers.
    assert fetch(anonymous, article.url)[0][HIT_HEADER] == "miss"
    assert fetch(anonymous, article.url)[0][HIT_HEADER] == "hit"

    response = editor.get(article.url)
    assert HIT_HEADER not in response
    assert "wagtail-userbar" in response.content.decode()


def test_response_setting_a_cookie_is_not_cached(anonymous, article):
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    first = anonymous.get(article.url)
    assert first.status_code == 200
    assert "csrftoken" in first.cookies
    assert HIT_HEADER not in first
    # A new reader without cookies still gets a fresh form and its own token.
    second = Client().get(article.url)
    assert HIT_HEADER not in second
    assert "csrftoken" in second.cookies


def test_errors_are_not_cached(anonymous, news_index):
    response = anonymous.get(news_index.url + "spaeter-veroeffentlicht/")
    assert response.status_code == 404
    factories.NewsArticlePageFactory(
        parent=news_index, title="Später veröffentlicht", slug="spaeter-veroeffentlicht"
    )
    assert anonymous.get(news_index.url + "spaeter-veroeffentlicht/").status_code == 200


def test_key_includes_host_and_query_string(anonymous, news_index, article):
    fetch(anonymous, news_index.url, HTTP_HOST="wustermark.example")
    other_host, _ = fetch(anonymous, news_index.url, HTTP_HOST="falkensee.example")
    assert other_host[HIT_HEADER] == "miss"
    same_host, _ = fetch(anonymous, news_index.url, HTTP_HOST="wustermark.example")
    assert same_host[HIT_HEADER] == "hit"

    with_query, _ = fetch(anonymous, news_index.url + "?page=1", HTTP_HOST="wustermark.example")
    assert with_query[HIT_HEADER] == "miss"


def test_scheduled_banner_appears_and_disappears_on_time(anonymous, article, clock, settings):
    settings.PAGE_CACHE_TIMEOUT = 24 * 3600  # only the banner window may end an entry early
    banner = factories.BannerFactory(
        title="Bürgersprechstunde heute",
        show_from=clock() + datetime.timedelta(hours=2),
        show_until=clock() + datetime.timedelta(hours=3),
    )
    banner.save_revision().publish()

    assert "Bürgersprechstunde heute" not in fetch(anonymous, article.url)[1]
    clock.advance(hours=1, minutes=59, seconds=59)
    response, html = fetch(anonymous, article.url)
    assert response[HIT_HEADER] == "hit"
    assert "Bürgersprechstunde heute" not in html

    clock.advance(seconds=1)  # show_from reached, nobody published anything
    assert "Bürgersprechstunde heute" in fetch(anonymous, article.url)[1]
    clock.advance(minutes=30)
    assert "Bürgersprechstunde heute" in fetch(anonymous, article.url)[1]

    clock.advance(minutes=30)  # show_until reached
    assert "Bürgersprechstunde heute" not in fetch(anonymous, article.url)[1]


def test_entries_expire_after_the_configured_time_out(anonymous, article, clock, settings):
    settings.PAGE_CACHE_TIMEOUT = 60
    fetch(anonymous, article.url)
    clock.advance(seconds=59)
    assert fetch(anonymous, article.url)[0][HIT_HEADER] == "hit"
    clock.advance(seconds=1)
    assert fetch(anonymous, article.url)[0][HIT_HEADER] == "miss"


def test_press_release_fragment_is_cached_per_language(django_assert_num_queries):
    from django.template import Context, Template

    german = factories.PressReleaseFactory(title="Rente sichern")
    english_locale = Locale.objects.get_or_create(language_code="en")[0]
    english = german.copy_for_translation(english_locale)
    english.title = "Securing pensions"
    english.save()
    template = Template("{% load press_tags %}{% press_releases %}")

    with translation.override("de"):
        assert "Rente sichern" in template.render(Context())
        with django_assert_num_queries(0):
            assert "Rente sichern" in template.render(Context())
    with translation.override("en"):
        assert "Securing pensions" in template.render(Context())
        with django_assert_num_queries(0):
            html = template.render(Context())
    assert "Securing pensions" in html
    assert "Rente sichern" not in html


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn():
    PurgeRecorder.received = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_publish_purges_page_and_its_ancestors_from_the_cdn(settings, cdn, article, chapter):
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{cdn.server_port}",
        }
    }
    article.title = "Geänderter Titel"
    article.save_revision().publish()

    paths = {path for _host, path in PurgeRecorder.received}
    assert article.url in paths
    assert article.get_parent().url in paths  # the news index lists it
    assert chapter.url in paths
    assert "/" in paths  # the regional home lists the newest articles


FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>SPD</title><link>https://www.spd.de/</link>
<description>Pressemitteilungen</description>
<item><title>Mindestlohn steigt auf 15 Euro</title><link>https://www.spd.de/ml</link>
<guid isPermaLink="false">spd-ml</guid><pubDate>Fri, 22 Jan 2021 08:49:00 GMT</pubDate>
<description>Ein guter Tag.</description></item>
</channel></rss>
"""


def test_feed_import_that_changed_something_purges_and_an_idle_one_does_not(
    feed_server, anonymous, article, settings
):
    from press.importer import import_feed
    from press.models import PressReleaseFeed

    settings.OUTBOUND_ALLOWLIST = ["127.0.0.1"]  # the feed server is on loopback

    feed = PressReleaseFeed.objects.create(name="spd.de", url=feed_server.serve("/feed.xml", FEED))
    fetch(anonymous, article.url)

    assert import_feed(feed).created == 1
    response, html = fetch(anonymous, article.url)
    assert response[HIT_HEADER] == "miss"
    assert "Mindestlohn steigt auf 15 Euro" in html

    fetch(anonymous, article.url)
    assert import_feed(feed).unchanged == 1
    assert fetch(anonymous, article.url)[0][HIT_HEADER] == "hit"


def test_purge_reaches_every_process_through_the_shared_generation_file(settings, tmp_path):
    """Without Redis each worker has its own page memory; the generation lives in a file
    every worker process reads, so a purge in one is seen by all."""
    from pagecache import cache as page_cache
    from pagecache.token_cache import TokenFileCache

    settings.CACHES = {
        **settings.CACHES,
        "generation": {
            "BACKEND": "pagecache.token_cache.TokenFileCache",
            "LOCATION": str(tmp_path),
        },
    }
    settings.PAGE_CACHE_GENERATION_ALIAS = "generation"  # Django rebuilds caches on change

    before = page_cache.current_generation()
    other_process = TokenFileCache(str(tmp_path), {})
    assert other_process.get(page_cache.GENERATION_KEY) == before

    page_cache.purge_page_cache("test")
    after = other_process.get(page_cache.GENERATION_KEY)
    assert after != before
    assert after == page_cache.current_generation()


def test_renamed_document_shows_and_a_new_upload_does_not_purge(anonymous, article):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from news.models import NewsArticleAttachment

    document = get_document_model().objects.create(
        title="Haushaltsplan 2026", file=ContentFile(b"%PDF-1.4 plan", name="plan.pdf")
    )
    NewsArticleAttachment.objects.create(page=article, document=document)
    article.save_revision().publish()
    assert "Haushaltsplan 2026" in fetch(anonymous, article.url)[1]

    get_image_model().objects.create(
        title="Neues Foto", file=ContentFile(GIF, name="foto.gif"), width=1, height=1
    )
    assert fetch(anonymous, article.url)[0][HIT_HEADER] == "hit"

    document.title = "Haushaltsplan 2026 (beschlossen)"
    document.save()
    assert "Haushaltsplan 2026 (beschlossen)" in fetch(anonymous, article.url)[1]


GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00"
    b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("/", "de"),
        ("/ov-001/aktuelles/artikel-0/", "de"),
        ("/en/", "en"),
        ("/en", "en"),
        ("/en/ov-001/news/", "en"),
        ("/de/ov-001/", "de"),
        ("/english/", "de"),
        ("/pl/ov-001/", "de"),  # not a content language unless CONTENT_LANGUAGES has it
    ],
)
def test_the_key_language_is_the_one_django_finds_in_the_address(settings, path, language):
    from pagecache.middleware import language_of_path

    assert language_of_path(path) == language
    assert (translation.get_language_from_path(path) or settings.LANGUAGE_CODE) == language


@pytest.mark.parametrize("which", ["global", "scope", "lost"])
def test_a_token_replaced_by_another_process_ends_the_hits_at_once(
    settings, tmp_path, anonymous, article, which
):
    """A hit checks the global and its scope's token in one read of the shared generation
    cache; another worker replacing either (or the tokens being lost, a Redis flush) ends
    the hits with the very next request."""
    from pagecache import cache as page_cache
    from pagecache.scopes import served_scope
    from pagecache.token_cache import TokenFileCache

    settings.CACHES = {
        **settings.CACHES,
        "generation": {
            "BACKEND": "pagecache.token_cache.TokenFileCache",
            "LOCATION": str(tmp_path),
        },
    }
    settings.PAGE_CACHE_GENERATION_ALIAS = "generation"
    anonymous.get(article.url)
    assert anonymous.get(article.url)[HIT_HEADER] == "hit"

    other_process = TokenFileCache(str(tmp_path), {})
    scope = served_scope(article.specific)
    assert scope != page_cache.REGION
    if which == "global":
        other_process.set(page_cache.GENERATION_KEY, "replaced", timeout=None)
    elif which == "scope":
        key = page_cache.SCOPE_GENERATION_KEY.format(scope=scope)
        other_process.set(key, "replaced", timeout=None)
    else:
        other_process.clear()
    assert anonymous.get(article.url)[HIT_HEADER] == "miss"
    assert anonymous.get(article.url)[HIT_HEADER] == "hit"
