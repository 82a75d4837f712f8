"""The page tree cannot be built wrong: each page type only where it belongs."""

import pytest
from django.urls import reverse

from chapters.models import ChapterPage, ContentPage
from home.models import HomePage
from news.models import NewsArticlePage, NewsIndexPage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(article):
    content = factories.ContentPageFactory(parent=article.chapter)
    return {
        "home": factories.home_page(),
        "chapter": article.chapter,
        "news_index": article.get_parent().specific,
        "article": article,
        "content": content,
    }


ALLOWED = {
    ChapterPage: {"home"},
    NewsIndexPage: set(),  # the chapter already has its one news index
    NewsArticlePage: {"news_index"},
    ContentPage: {"home", "chapter"},
    HomePage: set(),  # one regional home, directly under the root
}


@pytest.mark.parametrize("page_type", list(ALLOWED), ids=lambda model: model.__name__)
@pytest.mark.parametrize("parent", ["home", "chapter", "news_index", "article", "content"])
def test_page_type_can_only_be_created_where_it_belongs(tree, page_type, parent):
    assert page_type.can_create_at(tree[parent]) is (parent in ALLOWED[page_type])


def test_a_second_chapter_gets_its_news_index(home):
    chapter = factories.ChapterPageFactory(parent=home)
    assert NewsIndexPage.can_create_at(chapter)


def test_admin_refuses_an_article_directly_under_a_chapter(admin_client, chapter):
    url = reverse("wagtailadmin_pages:add", args=("news", "newsarticlepage", chapter.pk))
    response = admin_client.get(url)
    assert response.status_code in (302, 403)
    response = admin_client.post(url, {"title": "Falsch", "slug": "falsch", "action-publish": "1"})
    assert response.status_code in (302, 403)
    assert not NewsArticlePage.objects.filter(slug="falsch").exists()


def test_admin_refuses_a_chapter_under_an_article(admin_client, article):
    url = reverse("wagtailadmin_pages:add", args=("chapters", "chapterpage", article.pk))
    assert admin_client.get(url).status_code in (302, 403)
    admin_client.post(url, {"title": "Falsch", "slug": "falsch", "action-publish": "1"})
    assert not ChapterPage.objects.filter(slug="falsch").exists()


def test_admin_offers_only_allowed_types_under_a_chapter(admin_client, chapter):
    response = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=(chapter.pk,)))
    content = response.content.decode()
    assert "Nachrichtenübersicht" in content
    assert "Inhaltsseite" in content
    assert "/chapters/newsarticlepage/" not in content
