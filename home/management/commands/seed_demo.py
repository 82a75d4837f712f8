import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Page

from chapters.provisioning import provision_chapter
from chapters.roles import REGIONAL_ADMIN_GROUP, authors_group_name, editors_group_name
from events.demo import seed_chapter_events, seed_regional_events
from home import demo
from home.demo_people import seed_people, seed_region_pages
from home.models import HomePage, PlatformSettings, PlatformText
from news.models import NewsArticlePage, NewsCategory
from notices.models import Banner
from press.importer import import_feed
from press.models import PressRelease, PressReleaseFeed
from translations.sync import sync_locales, translate_with

BERLIN = ZoneInfo("Europe/Berlin")


class Command(BaseCommand):
    help = "Legt die Demo-Region mit Ortsvereinen, Artikeln, Pressemitteilungen und Konten an."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo legt Konten mit einem bekannten Passwort an und läuft deshalb "
                "nur mit DEBUG=True (Entwicklung)."
            )
        with transaction.atomic():
            # Locales first: every page published below gets its aliases right away.
            sync_locales()
            home = self.seed_home()
            categories = {
                name: NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]
                for name, slug in demo.CATEGORIES
            }
            for chapter_data in demo.CHAPTERS:
                self.seed_chapter(home, chapter_data, categories)
            seed_regional_events(home)
            for release in demo.PRESS_RELEASES:
                published_at = datetime.datetime.fromisoformat(release["published_at"])
                PressRelease.objects.get_or_create(
                    title=release["title"],
                    source_url=release["source_url"],
                    defaults={**release, "published_at": published_at.replace(tzinfo=BERLIN)},
                )
            if not Banner.objects.filter(title=demo.BANNER["title"]).exists():
                banner = Banner.objects.create(**demo.BANNER, live=False)
                banner.save_revision().publish()
            self.seed_users()
            self.seed_english()
        self.seed_unreachable_feed()
        self.stdout.write(self.style.SUCCESS("Demo-Inhalte sind angelegt."))

    def seed_home(self):
        home = HomePage.objects.first()
        if home.intro == "":
            home.title = demo.HOME["title"]
            home.intro = demo.HOME["intro"]
            home.save_revision().publish()
        platform = PlatformSettings.load()
        if not platform.office_email:
            for field, value in demo.PLATFORM.items():
                setattr(platform, field, value)
            platform.save()
        seed_region_pages(home, platform)
        return home

    def seed_chapter(self, home, data, categories):
        chapter = provision_chapter(home, data["title"], slug=data["slug"], **data["fields"])
        seed_people(chapter)
        news_index = chapter.news_index
        for article in data["articles"]:
            if NewsArticlePage.objects.child_of(news_index).filter(slug=article["slug"]).exists():
                continue
            page = NewsArticlePage(
                **{key: value for key, value in article.items() if key != "category"},
                category=categories[article["category"]],
            )
            news_index.add_child(instance=page)
            page.save_revision().publish()
        seed_chapter_events(chapter, categories.get("Aus dem Ortsverein"))

    def seed_unreachable_feed(self):
        """Register the demo feed and try it once, so its error shows in the admin."""
        feed, _ = PressReleaseFeed.objects.get_or_create(
            url=demo.UNREACHABLE_FEED["url"], defaults={"name": demo.UNREACHABLE_FEED["name"]}
        )
        if feed.last_checked_at is None:
            import_feed(feed, timeout=2)

    def seed_users(self):
        User = get_user_model()
        accounts = [
            (demo.SUPERUSER, {"is_superuser": True, "is_staff": True}, None),
            (demo.REGIONAL_ADMIN, {}, REGIONAL_ADMIN_GROUP),
        ]
        for chapter in demo.CHAPTERS:
            accounts.append((chapter["editor"], {}, editors_group_name(chapter["title"])))
            accounts.append((chapter["author"], {}, authors_group_name(chapter["title"])))
        for username, flags, group_name in accounts:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@example.org", **flags},
            )
            if created:
                user.set_password(demo.PASSWORD)
                user.save()
            if group_name:
                user.groups.add(Group.objects.get_or_create(name=group_name)[0])

    def seed_english(self):
        """The Zweckverband article, the categories and the Corona banner in English,
        as wagtail-localize translations (editable in the translation editor)."""
        english = Locale.objects.filter(language_code="en").first()
        if english is None:  # CONTENT_LANGUAGES without English
            return
        sources = [
            *NewsCategory.objects.filter(locale=Locale.get_default()),
            Banner.objects.get(title=demo.BANNER["title"]),
            PlatformText.objects.get(locale=Locale.get_default()),
            NewsArticlePage.objects.get(
                slug=demo.ZWECKVERBAND_ARTICLE["slug"], locale=Locale.get_default()
            ),
        ]
        for source in sources:
            translated = (
                Page.objects.filter(translation_key=source.translation_key, locale=english)
                .filter(alias_of__isnull=True)
                .exists()
                if isinstance(source, Page)
                else source.has_translation(english)
            )
            if not translated:
                translate_with(source, english, demo.ENGLISH)
