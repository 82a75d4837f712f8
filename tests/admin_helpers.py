"""Helpers for driving Wagtail's admin over HTTP with the Django test client."""

import io

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

ADMIN = "/admin/"


def article_form_data(title, slug, *, category=None, teaser="Worum es geht.", action=None):
    """What the article editor posts: every field, the body stream and empty inline forms."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "kicker": "",
            "date": "2026-11-20",
            "category": category.pk if category else "",
            "teaser": teaser,
            "body": streamfield([("paragraph", rich_text("<p>Text des Artikels.</p>"))]),
            "attachments": inline_formset([]),
            "tags": "",
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
        }
    )
    if action:
        data[action] = action
    return data


def png_file(name="bild.png", color=(200, 30, 30)):
    """A real PNG image, made with Pillow."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), color).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=name)


def make_image(title, collection, uploaded_by=None):
    return Image.objects.create(
        title=title, file=png_file(), collection=collection, uploaded_by_user=uploaded_by
    )


def make_document(title, collection, uploaded_by=None):
    return Document.objects.create(
        title=title,
        file=ContentFile(f"{title}\nProtokoll der Sitzung.\n".encode(), name="protokoll.txt"),
        collection=collection,
        uploaded_by_user=uploaded_by,
    )


def refused(response, url=None):
    """Wagtail refuses with 403, 404, or a redirect away from the requested page (to the
    dashboard, the login or the user's own chapter) plus a message."""
    if response.status_code in (403, 404):
        return True
    if response.status_code == 302:
        return url is None or not response["Location"].startswith(url)
    return False


def content_form_data(title, slug):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "body": streamfield([("paragraph", rich_text("<p>Inhalt.</p>"))]),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
        }
    )


def home_form_data(title, slug):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": rich_text("<p>Die Region.</p>"),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
        }
    )
