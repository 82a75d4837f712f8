"""The platform's name and footer line follow the page's language (a wagtail-localize
translation of the PlatformText snippet); German pages read them from the settings."""

import pytest
from wagtail.models import Locale

from home.models import PlatformSettings, PlatformText
from translations.sync import sync_locales, translate_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(chapter):
    sync_locales()
    german = PlatformText.objects.get(locale=Locale.get_default())
    german.platform_name = "SPD Havelland"
    german.footer_line = "Ein Service der Region"
    german.save()
    locale = Locale.objects.get(language_code="en")
    translate_with(
        german,
        locale,
        {
            "SPD Havelland": "SPD Havelland (English)",
            "Ein Service der Region": "A regional service",
        },
    )
    return locale


def test_the_migration_made_the_german_row():
    assert PlatformText.objects.filter(locale=Locale.get_default()).count() == 1


def test_german_row_is_copied_into_the_settings(english):
    platform = PlatformSettings.load()
    assert platform.platform_name == "SPD Havelland"
    assert platform.footer_line == "Ein Service der Region"


def test_english_pages_show_english_texts_german_pages_german(anonymous, english, home):
    german = anonymous.get("/").content.decode()
    assert "Ein Service der Region" in german and "A regional service" not in german
    response = anonymous.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "A regional service" in html
    assert "SPD Havelland (English)" in html
    chapter_html = anonymous.get("/en/wustermark/").content.decode()
    assert "A regional service" in chapter_html


def test_untranslated_language_falls_back_to_german(anonymous, chapter):
    sync_locales()
    PlatformText.objects.exclude(locale=Locale.get_default()).delete()
    html = anonymous.get("/en/").content.decode()
    assert PlatformSettings.load().footer_line in html


def test_one_row_per_language():
    from django.core.exceptions import ValidationError

    duplicate = PlatformText(platform_name="Zweite", locale=Locale.get_default())
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_a_new_translation_purges_the_page_cache(anonymous, english, settings):
    settings.PAGE_CACHE_ENABLED = True
    anonymous.get("/en/")
    assert anonymous.get("/en/")["X-Page-Cache"] == "hit"
    text = PlatformText.objects.get(locale=english)
    text.footer_line = "Changed"
    text.save()
    response = anonymous.get("/en/")
    assert "Changed" in response.content.decode()


def test_settings_and_german_row_stay_equal(english):
    platform = PlatformSettings.load()
    platform.platform_name = "SPD im Havelland"
    platform.save()
    assert PlatformText.objects.get(locale=Locale.get_default()).platform_name == (
        "SPD im Havelland"
    )
