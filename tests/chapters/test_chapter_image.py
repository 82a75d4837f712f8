"""A chapter's optional Titelbild: chosen in the page editor, shown on the chapter home as
a responsive picture and offered to link previews (og:image) instead of the logo."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from chapters.models import ChapterPage
from chapters.provisioning import provision_chapter
from chapters.roles import REGIONAL_ADMIN_GROUP
from tests import factories
from translations.sync import sync_locales

pytestmark = pytest.mark.django_db

FIGURE = re.compile(r'<figure class="chapter-image">(.*?)</figure>', re.S)
OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]+)">')
LANDSCAPE = {"file__width": 1600, "file__height": 900}


@pytest.fixture
def chapter(home):
    chapter = provision_chapter(home, "SPD Wustermark", slug="wustermark")
    chapter.logo = factories.ImageFactory(title="Logo")
    chapter.save_revision().publish()
    sync_locales()
    return ChapterPage.objects.get(pk=chapter.pk)


def html_of(url):
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def chapter_form_data(chapter, **changes):
    """What the chapter page editor posts."""
    fields = {
        "title": chapter.title,
        "slug": chapter.slug,
        "municipality": chapter.municipality,
        "logo": chapter.logo_id or "",
        "lead_image": "",
        "intro": rich_text(""),
        "contact_name": "",
        "contact_address": "",
        "contact_email": "",
        "contact_phone": "",
        "facebook_url": "",
        "instagram_url": "",
        "mastodon_url": "",
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    return nested_form_data({**fields, **changes}) | {"action-publish": "action-publish"}


def test_without_a_titelbild_nothing_changes(chapter):
    html = html_of("/wustermark/")
    assert not FIGURE.search(html)
    logo = chapter.logo.get_rendition("fill-1200x630").url
    assert OG_IMAGE.search(html).group(1) == "http://testserver" + logo  # as before: the logo


def test_titelbild_chosen_in_the_editor_shows_on_the_chapter_home(chapter, client):
    admin = factories.UserFactory(username="regio")
    admin.groups.add(Group.objects.get(name=REGIONAL_ADMIN_GROUP))
    client.force_login(admin)
    edit_url = f"/admin/pages/{chapter.pk}/edit/"
    assert "Titelbild" in client.get(edit_url).content.decode()
    image = factories.ImageFactory(title="Vorstand am Havelufer", **LANDSCAPE)
    response = client.post(edit_url, chapter_form_data(chapter, lead_image=image.pk))
    assert response.status_code == 302, response.content.decode()[:2000]

    html = html_of("/wustermark/")
    figure = FIGURE.search(html).group(1)
    assert "format-webp" in figure and "srcset=" in figure, figure
    assert 'alt="Vorstand am Havelufer"' in figure
    assert 'loading="lazy"' not in figure  # above the fold
    og_image = OG_IMAGE.search(html).group(1)
    assert og_image == "http://testserver" + image.get_rendition("fill-1200x630").url
    # the pages below keep the logo for their previews, as before
    logo = chapter.logo.get_rendition("fill-1200x630").url
    assert OG_IMAGE.search(html_of("/wustermark/kontakt/")).group(1).endswith(logo)


def test_the_english_chapter_home_shows_the_same_titelbild(chapter):
    chapter.lead_image = factories.ImageFactory(title="Vorstand", **LANDSCAPE)
    chapter.save_revision().publish()
    sync_locales()
    english = Page.objects.get(translation_key=chapter.translation_key, locale__language_code="en")
    assert english.specific.lead_image_id == chapter.lead_image_id
    assert FIGURE.search(html_of("/en/wustermark/"))
