"""Shared articles ("Aus dem Kreisverband"): offered, accepted by two chapters, edited at the
origin, retracted; nobody accepts into a chapter that is not theirs. Over HTTP."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from chapters.provisioning import provision_chapter
from chapters.roles import REGIONAL_ADMIN_GROUP
from news.models import NewsArticlePage, SharedArticle
from tests import factories
from tests.admin_helpers import refused

pytestmark = pytest.mark.django_db


def logged_in(*groups):
    user = factories.UserFactory()
    user.groups.add(*groups)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def region(home):
    chapters = {
        slug: provision_chapter(home, f"SPD {slug.title()}", slug=slug)
        for slug in ("wustermark", "falkensee", "nauen", "ketzin")
    }
    editors = {slug: logged_in(c.team.editors) for slug, c in chapters.items()}
    article = factories.NewsArticlePageFactory(
        parent=chapters["wustermark"].news_index,
        title="Radweg beschlossen",
        slug="radweg",
        teaser="Der Radweg kommt.",
    )
    return chapters, editors, article


def share_of(article, chapter):
    return SharedArticle.objects.get(article=article, chapter=chapter)


def test_offer_accept_edit_and_retract(region, anonymous, settings):
    settings.PAGE_CACHE_ENABLED = True
    chapters, editors, article = region
    offer = editors["wustermark"].post(
        f"/admin/geteilte-artikel/anbieten/{article.pk}/",
        {"chapters": [chapters["falkensee"].pk, chapters["nauen"].pk]},
    )
    assert offer.status_code == 302
    assert "Radweg beschlossen" not in anonymous.get("/falkensee/aktuelles/").text  # offered only

    for slug in ("falkensee", "nauen"):
        listing = editors[slug].get("/admin/geteilte-artikel/").content.decode()
        assert "Radweg beschlossen" in listing
        share = share_of(article, chapters[slug])
        assert (
            editors[slug].post(f"/admin/geteilte-artikel/{share.pk}/uebernehmen/").status_code
            == 302
        )

    for slug in ("falkensee", "nauen"):
        index = anonymous.get(f"/{slug}/aktuelles/").text
        assert "Radweg beschlossen" in index
        assert 'von <a href="/wustermark/">SPD Wustermark</a>' in index
        here = f"/{slug}/aktuelles/von/{article.pk}/"
        assert f'href="{here}"' in index
        page = anonymous.get(here).text
        assert 'rel="canonical" href="http://testserver/wustermark/aktuelles/radweg/"' in page
        assert f'class="site-title" href="/{slug}/"' in page  # read in this chapter's site
        feed = anonymous.get(f"/{slug}/aktuelles/rss/").text
        assert "http://testserver/wustermark/aktuelles/radweg/" in feed
        assert "von SPD Wustermark: Der Radweg kommt." in feed
    assert NewsArticlePage.objects.filter(title="Radweg beschlossen").count() == 1  # no copies

    for slug in ("falkensee", "nauen"):  # cached: the purge below is what refreshes them
        assert anonymous.get(f"/{slug}/aktuelles/")["X-Page-Cache"] == "hit"
    article = NewsArticlePage.objects.get(pk=article.pk)
    article.title = "Radweg endgültig beschlossen"
    article.save_revision().publish()
    for slug in ("falkensee", "nauen"):  # page cache purged, both show the new title
        assert "Radweg endgültig beschlossen" in anonymous.get(f"/{slug}/aktuelles/").text

    retract = editors["wustermark"].post(f"/admin/geteilte-artikel/zurueckziehen/{article.pk}/")
    assert retract.status_code == 302
    for slug in ("falkensee", "nauen"):
        assert "Radweg" not in anonymous.get(f"/{slug}/aktuelles/").text
        assert anonymous.get(f"/{slug}/aktuelles/von/{article.pk}/").status_code == 404
    assert anonymous.get("/wustermark/aktuelles/radweg/").status_code == 200


def test_nobody_accepts_into_someone_elses_chapter(region, anonymous):
    chapters, editors, article = region
    editors["wustermark"].post(
        f"/admin/geteilte-artikel/anbieten/{article.pk}/", {"chapters": [chapters["falkensee"].pk]}
    )
    share = share_of(article, chapters["falkensee"])
    response = editors["ketzin"].post(f"/admin/geteilte-artikel/{share.pk}/uebernehmen/")
    assert refused(response)
    assert not share_of(article, chapters["falkensee"]).accepted
    assert "Radweg" not in editors["ketzin"].get("/admin/geteilte-artikel/").content.decode()
    # Nor offer an article that is not theirs, nor retract it.
    response = editors["ketzin"].post(
        f"/admin/geteilte-artikel/anbieten/{article.pk}/", {"chapters": [chapters["nauen"].pk]}
    )
    assert not SharedArticle.objects.filter(chapter=chapters["nauen"]).exists()
    assert refused(editors["ketzin"].post(f"/admin/geteilte-artikel/zurueckziehen/{article.pk}/"))
    assert SharedArticle.objects.filter(article=article).exists()
    assert "Radweg" not in anonymous.get("/falkensee/aktuelles/").text


def test_regional_office_pushes_to_all_chapters(region, anonymous):
    chapters, editors, article = region
    regio = logged_in(Group.objects.get(name=REGIONAL_ADMIN_GROUP))
    others = [chapter.pk for slug, chapter in chapters.items() if slug != "wustermark"]
    form = regio.get(f"/admin/geteilte-artikel/anbieten/{article.pk}/").content.decode()
    assert "Direkt übernehmen" in form
    assert f'value="{chapters["wustermark"].pk}"' not in form  # not to itself
    regio.post(
        f"/admin/geteilte-artikel/anbieten/{article.pk}/", {"chapters": others, "push": "on"}
    )
    for slug in ("falkensee", "nauen", "ketzin"):
        assert "Radweg beschlossen" in anonymous.get(f"/{slug}/aktuelles/").text
    # Chapter editors cannot push.
    form = editors["wustermark"].get(f"/admin/geteilte-artikel/anbieten/{article.pk}/")
    assert "Direkt übernehmen" not in form.content.decode()
