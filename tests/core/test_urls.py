"""Page addresses are remembered per process (core.urls.remembered_url_parts): what they
depend on - the page's place, the sites' hosts, the language - changes them at once."""

import pytest
from django.test import RequestFactory
from wagtail.models import Site

from chapters.provisioning import provision_chapter

pytestmark = pytest.mark.django_db


def test_a_link_from_a_chapters_host_to_the_portal_follows_the_portals_new_address(home):
    provision_chapter(home, "SPD Wustermark", slug="wustermark", host_name="wm.example")
    on_chapter_host = RequestFactory().get("/", HTTP_HOST="wm.example")
    assert home.get_url(on_chapter_host) == "http://localhost/"

    portal = Site.objects.get(root_page=home)
    portal.hostname, portal.port = "havelland.example", 443
    portal.save()
    on_chapter_host = RequestFactory().get("/", HTTP_HOST="wm.example")
    assert home.get_url(on_chapter_host) == "https://havelland.example/"


def test_a_moved_chapter_is_linked_under_its_new_address(anonymous, home, chapter, news_index):
    assert 'href="/wustermark/aktuelles/"' in anonymous.get(chapter.url).content.decode()
    chapter.slug = "wustermark-elstal"
    chapter.save_revision().publish()
    html = anonymous.get("/wustermark-elstal/").content.decode()
    assert 'href="/wustermark-elstal/aktuelles/"' in html
    assert 'href="/wustermark/' not in html
