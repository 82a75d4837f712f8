"""Editing the shared vocabulary through the admin gives form errors, never a server error."""

import pytest
from django.urls import reverse

from news.models import NewsCategory
from tests import factories

pytestmark = pytest.mark.django_db


def test_duplicate_category_slug_is_a_form_error(admin_client):
    factories.NewsCategoryFactory(name="Kommunalpolitik", slug="kommunalpolitik")
    response = admin_client.post(
        reverse("wagtailsnippets_news_newscategory:add"),
        {"name": "Kommunales", "slug": "kommunalpolitik"},
    )
    assert response.status_code == 200
    assert "Diesen Kurznamen hat schon eine andere Kategorie." in response.content.decode()
    assert list(NewsCategory.objects.values_list("name", flat=True)) == ["Kommunalpolitik"]


def test_category_keeps_its_own_slug_when_renamed(admin_client):
    category = factories.NewsCategoryFactory(name="Kommunalpolitik", slug="kommunalpolitik")
    response = admin_client.post(
        reverse("wagtailsnippets_news_newscategory:edit", args=(category.pk,)),
        {"name": "Kommunales", "slug": "kommunalpolitik"},
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.name == "Kommunales"
