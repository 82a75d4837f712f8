"""An article's documents and tags (core/page_parts.py): read by hand for the public page,
taken from the editor's form in a preview."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents.models import Document
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from news.models import NewsArticleAttachment
from tests import factories
from tests.admin_helpers import article_form_data

pytestmark = pytest.mark.django_db


def document(title):
    made = Document(title=title)
    made.file.save(f"{title.lower()}.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 100), save=False)
    made.save()
    return made


def test_article_lists_its_documents_in_order_and_only_its_own_tags(anonymous, news_index):
    article = factories.NewsArticlePageFactory(parent=news_index, title="Radweg")
    other = factories.NewsArticlePageFactory(parent=news_index, title="Haushalt")
    NewsArticleAttachment.objects.create(
        page=article, document=document("Plan"), title="", sort_order=1
    )
    NewsArticleAttachment.objects.create(
        page=article, document=document("Antrag"), title="Unser Antrag", sort_order=0
    )
    article.tags.add("Verkehr", "Radweg")
    article.save()
    other.tags.add("Finanzen")
    other.save()

    html = anonymous.get(article.url).content.decode()
    assert html.index("Unser Antrag</a>") < html.index("Plan</a>")
    assert '<span class="tag">Verkehr</span>, <span class="tag">Radweg</span>' in html
    assert "Finanzen" not in html
    other_html = anonymous.get(other.url).content.decode()
    assert '<span class="tag">Finanzen</span>' in other_html and "Verkehr" not in other_html


def test_preview_shows_the_documents_and_tags_of_the_editors_form(news_index):
    article = factories.NewsArticlePageFactory(parent=news_index, title="Radweg", slug="radweg")
    article.tags.add("Alt")
    article.save()
    antrag = document("Antrag")
    editor = Client()
    editor.force_login(factories.UserFactory(username="chefin", is_superuser=True))
    data = article_form_data("Radweg", "radweg")
    attachments = inline_formset([{"document": antrag.pk, "title": "Entwurfsantrag"}])
    data.update(nested_form_data({"tags": "Entwurf, Neu", "attachments": attachments}))
    url = f"/admin/pages/{article.pk}/edit/preview/"
    assert editor.post(url, data).json()["is_valid"]
    html = editor.get(url).content.decode()
    assert "Entwurfsantrag</a>" in html
    assert '<span class="tag">Entwurf</span>, <span class="tag">Neu</span>' in html
    assert ">Alt<" not in html
