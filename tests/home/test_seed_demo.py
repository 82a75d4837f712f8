import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Collection, Page, Revision

from chapters.models import ChapterPage
from news.models import NewsArticlePage
from notices.models import Banner
from press.models import PressRelease

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": list(Page.objects.values_list("pk", "title", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "press_releases": list(PressRelease.objects.values_list("pk", "title", "published_at")),
        "banners": Banner.objects.count(),
        "users": list(get_user_model().objects.values_list("pk", "username", "password")),
        "collections": Collection.objects.count(),
    }


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)


@pytest.mark.usefixtures("seeded")
def test_seed_demo_twice_changes_nothing(settings):
    before = snapshot()
    call_command("seed_demo")
    assert snapshot() == before


@pytest.mark.usefixtures("seeded")
def test_seed_demo_builds_the_region():
    german = ChapterPage.objects.filter(locale__language_code="de")
    assert german.live().count() >= 3
    wustermark = german.get(slug="wustermark")
    article = NewsArticlePage.objects.descendant_of(wustermark).get(
        title__startswith="Wustermark will Zweckverband"
    )
    assert article.kicker == "Initiative der SPD erfolgreich"
    urls = [
        link["url"]
        for block in article.body
        if block.block_type == "links"
        for link in block.value["links"]
    ]
    assert "https://ratsinfo.wustermark.de/getfile.php?id=28393&type=do&" in urls
    assert "https://ratsinfo.wustermark.de/getfile.php?id=29164&type=do&" in urls
    for other in german.exclude(pk=wustermark.pk):
        assert NewsArticlePage.objects.descendant_of(other).live().count() >= 2
    assert PressRelease.objects.count() == 5
    assert Banner.objects.showing().get().title == "Aktuelle Informationen zu Corona"


@pytest.mark.usefixtures("seeded")
def test_seeded_article_page_shows_the_seed(client):
    html = client.get(
        "/wustermark/aktuelles/"
        "wustermark-will-zweckverband-digitale-kommunen-brandenburg-beitreten/"
    ).content.decode()
    for text in (
        "SPD Wustermark",
        "Initiative der SPD erfolgreich",
        "Kommunalpolitik",
        "Aktuelle Informationen zu Corona",
        "22.01.2021 09:49",
        "Heil nimmt Arbeitgeber in die Pflicht",
        "Ein Service von info.websozis.de",
    ):
        assert text in html


@pytest.mark.usefixtures("seeded")
def test_demo_accounts_can_log_in(client):
    for username in ("admin", "regio", "redaktion-wustermark", "autor-nauen"):
        assert client.login(username=username, password="chapterhouse-demo"), username


def test_seed_demo_refuses_to_run_without_debug(settings, db):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not get_user_model().objects.exists()


@pytest.mark.usefixtures("seeded")
def test_seeded_unreachable_feed_shows_its_error_in_the_admin(client):
    from press.models import PressReleaseFeed

    feed = PressReleaseFeed.objects.get(url="http://127.0.0.1:9/unreachable.xml")
    assert "Diese Adresse ist nicht erlaubt" in feed.last_error
    checked = feed.last_checked_at
    call_command("seed_demo")
    feed.refresh_from_db()
    assert feed.last_checked_at == checked, "seeding again does not fetch again"

    assert client.login(username="admin", password="chapterhouse-demo")
    listing = client.get("/admin/snippets/press/pressreleasefeed/").content.decode()
    assert "Beispiel-Feed (nicht erreichbar)" in listing
    assert "Diese Adresse ist nicht erlaubt" in listing
    assert client.get("/wustermark/").status_code == 200
