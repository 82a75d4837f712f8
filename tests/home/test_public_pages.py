"""Every page type renders what the seed chapter page shows."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from home.models import PlatformSettings
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_content():
    factories.BannerFactory(title="Aktuelle Informationen zu Corona")
    factories.PressReleaseFactory(
        title="Heil nimmt Arbeitgeber in die Pflicht",
        teaser="Mehr Homeoffice und mehr Sicherheit am Arbeitsplatz.",
        source_name="spd.de",
        published_at=datetime.datetime(2021, 1, 22, 9, 49, tzinfo=ZoneInfo("Europe/Berlin")),
    )


def get_html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_home_lists_chapters_and_latest_articles(anonymous, home, article):
    html = get_html(anonymous, home)
    assert "SPD Wustermark" in html
    assert article.title in html


def test_chapter_page_shows_its_name_intro_and_articles(anonymous, article):
    chapter = article.chapter
    chapter.intro = "<p>Willkommen in Wustermark.</p>"
    chapter.contact_email = "wustermark@example.org"
    chapter.save_revision().publish()
    html = get_html(anonymous, chapter)
    assert "Willkommen in Wustermark." in html
    assert article.title in html
    assert "wustermark@example.org" in html


def test_news_index_lists_articles_newest_first(anonymous, news_index):
    older = factories.NewsArticlePageFactory(parent=news_index, date=datetime.date(2020, 1, 1))
    newer = factories.NewsArticlePageFactory(parent=news_index, date=datetime.date(2021, 1, 1))
    html = get_html(anonymous, news_index)
    assert html.index(newer.title) < html.index(older.title)


def test_news_index_paginates_ten_per_page(anonymous, news_index):
    for _ in range(11):
        factories.NewsArticlePageFactory(parent=news_index)
    first = get_html(anonymous, news_index)
    assert first.count('class="teaser"') == 10
    second = anonymous.get(news_index.url + "?page=2").content.decode()
    assert second.count('class="teaser"') == 1


def test_drafts_are_not_listed(anonymous, news_index):
    draft = factories.NewsArticlePageFactory(parent=news_index, live=False, title="Entwurf X")
    assert draft.title not in get_html(anonymous, news_index)
    assert anonymous.get(f"{news_index.url}{draft.slug}/").status_code == 404


def test_article_shows_category_kicker_and_body_links(anonymous, news_index):
    article = factories.NewsArticlePageFactory(
        parent=news_index,
        title="Wustermark will Zweckverband beitreten",
        kicker="Initiative der SPD erfolgreich",
        category=factories.NewsCategoryFactory(name="Kommunalpolitik"),
        body=[
            {"type": "paragraph", "value": "<p>Unser Antrag wurde angenommen:</p>"},
            {
                "type": "links",
                "value": {
                    "heading": "",
                    "links": [
                        {
                            "title": "Antrag",
                            "url": "https://ratsinfo.wustermark.de/getfile.php?id=28393",
                            "document": None,
                        }
                    ],
                },
            },
        ],
    )
    html = get_html(anonymous, article)
    assert "Kommunalpolitik" in html
    assert "Initiative der SPD erfolgreich" in html
    assert "Unser Antrag wurde angenommen:" in html
    assert 'href="https://ratsinfo.wustermark.de/getfile.php?id=28393"' in html


def test_content_page_renders_its_body(anonymous, chapter):
    page = factories.ContentPageFactory(
        parent=chapter,
        title="Impressum",
        body=[{"type": "paragraph", "value": "<p>Verantwortlich: der Vorstand</p>"}],
    )
    html = get_html(anonymous, page)
    assert "Verantwortlich: der Vorstand" in html


@pytest.mark.usefixtures("shared_content")
def test_every_chapter_page_shows_banner_and_press_releases(anonymous, article):
    chapter = article.chapter
    index = article.get_parent()
    imprint = factories.ContentPageFactory(parent=chapter, title="Impressum")
    other = factories.ChapterPageFactory(title="SPD Falkensee")
    for page in (factories.home_page(), chapter, index, article, imprint, other):
        html = get_html(anonymous, page)
        assert "Aktuelle Informationen zu Corona" in html, page
        assert "Pressemitteilungen" in html, page
        assert "Heil nimmt Arbeitgeber in die Pflicht" in html, page
        assert "weiterlesen auf spd.de" in html, page


@pytest.mark.usefixtures("shared_content")
def test_press_release_time_is_shown_in_berlin_time(anonymous, chapter):
    # Stored in UTC (08:49), read in Berlin (09:49 in winter).
    html = get_html(anonymous, chapter)
    assert "22.01.2021 09:49" in html
    assert "22.01.2021 08:49" not in html


def test_summer_time_is_respected(anonymous, chapter):
    factories.PressReleaseFactory(
        published_at=datetime.datetime(2021, 7, 1, 10, 0, tzinfo=datetime.UTC)
    )
    assert "01.07.2021 12:00" in get_html(anonymous, chapter)


def test_unpublished_or_expired_banner_is_not_shown(anonymous, chapter):
    now = datetime.datetime.now(datetime.UTC)
    factories.BannerFactory(title="Entwurfs-Banner", live=False)
    factories.BannerFactory(title="Abgelaufenes Banner", show_until=now - datetime.timedelta(1))
    factories.BannerFactory(title="Künftiges Banner", show_from=now + datetime.timedelta(1))
    html = get_html(anonymous, chapter)
    assert "Entwurfs-Banner" not in html
    assert "Abgelaufenes Banner" not in html
    assert "Künftiges Banner" not in html


def test_hidden_press_release_is_not_shown(anonymous, chapter):
    factories.PressReleaseFactory(title="Zurückgezogene Meldung", hidden=True)
    assert "Zurückgezogene Meldung" not in get_html(anonymous, chapter)


def test_footer_line_comes_from_platform_settings(anonymous, chapter):
    settings = PlatformSettings.load()
    settings.footer_line = "Ein Service von info.websozis.de"
    settings.save()
    assert "Ein Service von info.websozis.de" in get_html(anonymous, chapter)


def test_chapter_header_names_the_chapter_on_its_pages(anonymous, article):
    html = get_html(anonymous, article)
    assert 'class="site-title"' in html
    assert ">SPD Wustermark</a>" in html


def test_unknown_page_is_a_404(anonymous, home):
    assert anonymous.get("/gibt-es-nicht/").status_code == 404
