"""Pages behind a view restriction ("Privat": login or password) stay out of every list and
menu and are served only to those allowed, also now that routing loads the pages on the
way in one query and lists check restrictions inside their own query (core.routing,
core.visibility)."""

import pytest
from wagtail.models import Locale, PageViewRestriction

from chapters.provisioning import provision_chapter
from tests import factories
from translations.sync import sync_locales

pytestmark = pytest.mark.django_db


def restrict(page, kind=PageViewRestriction.LOGIN, password=""):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password=password)


def test_login_restricted_article_asks_to_log_in_and_is_listed_nowhere(anonymous, news_index):
    public = factories.NewsArticlePageFactory(parent=news_index, title="Offener Artikel")
    private = factories.NewsArticlePageFactory(parent=news_index, title="Interner Artikel")
    restrict(private)

    response = anonymous.get(private.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    for url in (news_index.url, news_index.get_parent().url, "/", public.url):
        html = anonymous.get(url).content.decode()
        assert "Offener Artikel" in html or url == public.url
        assert "Interner Artikel" not in html, url
    for url in ("/suche/?q=Artikel", "/wustermark/suche/?q=Artikel"):
        html = anonymous.get(url).content.decode()
        assert "Offener" in html, url
        assert "Interner" not in html, url


def test_password_restricted_chapter_subtree_asks_for_the_password(anonymous, article):
    chapter = article.get_parent().get_parent()
    restrict(chapter, PageViewRestriction.PASSWORD, password="geheim")

    for url in (chapter.url, article.url):
        response = anonymous.get(url)
        assert response.status_code == 200
        assert b'name="password"' in response.content, url
        assert article.title.encode() not in response.content


def test_restricted_menu_page_leaves_menu_and_footer_of_the_chapter(anonymous, chapter):
    factories.NewsIndexPageFactory(parent=chapter)
    about = factories.ContentPageFactory(
        parent=chapter, title="Über uns", slug="ueber-uns", show_in_menus=True
    )
    imprint = factories.ContentPageFactory(parent=chapter, title="Impressum", slug="impressum")
    html = anonymous.get(chapter.url).content.decode()
    assert 'href="/wustermark/ueber-uns/"' in html
    assert 'href="/wustermark/impressum/"' in html

    restrict(about)
    imprint.unpublish()
    html = anonymous.get("/wustermark/aktuelles/").content.decode()
    assert 'href="/wustermark/ueber-uns/"' not in html
    assert 'href="/wustermark/impressum/"' not in html
    assert anonymous.get(about.url).status_code == 302


def test_restriction_on_the_german_page_guards_its_english_alias(anonymous, home):
    chapter = provision_chapter(home, "SPD Wustermark", slug="wustermark")
    sync_locales()
    article = factories.NewsArticlePageFactory(parent=chapter.news_index, title="Intern")
    alias = article.get_translation(Locale.objects.get(language_code="en"))
    assert anonymous.get(alias.url).status_code == 200

    restrict(article)
    response = anonymous.get(alias.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_chapter_with_its_own_site_serves_menu_breadcrumbs_and_restrictions(anonymous, article):
    from wagtail.models import Site

    chapter = article.get_parent().get_parent()
    Site.objects.create(hostname="spd-wustermark.example", port=80, root_page=chapter)
    factories.ContentPageFactory(parent=chapter, title="Über uns", show_in_menus=True)
    url = f"/aktuelles/{article.slug}/"

    html = anonymous.get(url, HTTP_HOST="spd-wustermark.example").content.decode()
    assert ">Über uns</a>" in html
    assert '"name": "SPD Wustermark", "item": "http://spd-wustermark.example/"' in html

    restrict(article)
    response = anonymous.get(url, HTTP_HOST="spd-wustermark.example")
    assert response.status_code == 302
