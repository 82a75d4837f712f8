"""Build the benchmark's data set fast: pages straight into the treebeard tree.

Creating 20,000 pages with add_child() and revisions takes an hour; here the rows of
wagtailcore_page are bulk-inserted with their materialised paths computed the way
treebeard computes them (4 base-36 characters per level), and the page-type tables
are filled with one multi-row INSERT per batch. The result is a tree Wagtail serves and
edits like any other (`Page.fix_tree` finds nothing to fix; tested in
tests/test_bench_dataset.py).

    python -m bench.dataset --chapters 200 --articles 200      # the small set
    python -m bench.dataset --grow-to 20000                    # then add articles

The first chapter ("ov-000") gets `--big-share` of all articles so that its news index
has at least 500 pages of ten; the others share the rest.
"""

import argparse
import datetime
import json
import os
import random
import uuid

from .dataset_events import add_events

BODY = json.dumps(
    [
        {
            "type": "paragraph",
            "value": "<p>Die Gemeindevertretung hat in ihrer Sitzung am Donnerstag einen "
            "Antrag der SPD-Fraktion beschlossen. Damit wird der Radweg entlang der "
            "Landstraße bis zum Bahnhof verlängert und die Beleuchtung erneuert.</p>",
            "id": "00000000-0000-0000-0000-000000000001",
        },
        {
            "type": "paragraph",
            "value": "<p>„Das ist ein großer Erfolg für alle, die hier täglich mit dem Rad "
            "unterwegs sind“, sagte die Fraktionsvorsitzende. Die Arbeiten sollen im "
            "Frühjahr beginnen.</p>",
            "id": "00000000-0000-0000-0000-000000000002",
        },
    ]
)
CATEGORIES = [
    "Kommunalpolitik",
    "Landespolitik",
    "Bundespolitik",
    "Europa",
    "Verkehr",
    "Bildung",
    "Umwelt",
    "Soziales",
    "Wirtschaft",
    "Kultur",
    "Sport",
    "Ortsverein",
]
BATCH = 2000


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def _step(number):
    from wagtail.models import Page

    return Page._get_path("", 1, number)  # one level of treebeard's path (base 36, 4 chars)


def _insert_children(model, rows):
    """INSERT the page-type rows of *model* (dicts with page_ptr_id and its own fields)."""
    from django.db import connection

    if not rows:
        return
    table = model._meta.db_table
    fields = list(model._meta.local_concrete_fields)
    columns = [field.column for field in fields]
    json_columns = {field.column for field in fields if field.get_internal_type() == "JSONField"}
    cast = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    placeholders = ", ".join(cast if column in json_columns else "%s" for column in columns)
    sql = 'INSERT INTO "{}" ({}) VALUES ({})'.format(  # noqa: S608 - names from _meta
        table, ", ".join(f'"{column}"' for column in columns), placeholders
    )
    values = []
    for row in rows:
        values.append([row.get(field.attname, _default(field)) for field in fields])
    with connection.cursor() as cursor:
        for start in range(0, len(values), BATCH):
            cursor.executemany(sql, values[start : start + BATCH])


def _default(field):
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    return ""


def _new_pages(model, parent, start_index, specs, now, locale, content_type):
    """Base Page rows for *specs* (title, slug, extra fields) under *parent*."""
    from wagtail.models import Page

    pages = []
    for offset, spec in enumerate(specs):
        number = start_index + offset + 1
        pages.append(
            Page(
                path=parent.path + _step(number),
                depth=parent.depth + 1,
                numchild=spec.get("numchild", 0),
                translation_key=uuid.uuid4(),
                locale_id=locale.pk,
                live=True,
                has_unpublished_changes=False,
                first_published_at=spec.get("published", now),
                last_published_at=spec.get("published", now),
                title=spec["title"],
                draft_title=spec["title"],
                slug=spec["slug"],
                content_type_id=content_type.pk,
                url_path=f"{parent.url_path}{spec['slug']}/",
                show_in_menus=spec.get("show_in_menus", False),
            )
        )
    created = []
    for start in range(0, len(pages), BATCH):
        created.extend(Page.objects.bulk_create(pages[start : start + BATCH]))
    return created


def _next_step(parent):
    """The treebeard step after *parent*'s last child (1 if it has none)."""
    last = parent.get_last_child()
    return int(last.path[-4:], 36) + 1 if last else 1


def build(chapters, articles, press_releases, big_share, categories=12):
    """Add *chapters* chapters (each with news index, Kontakt, Impressum), then add
    categories, press releases and articles until there are as many as asked for."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from chapters.models import ChapterPage, ContentPage
    from home.models import HomePage
    from news.models import NewsCategory, NewsIndexPage
    from notices.models import Banner
    from press.models import PressRelease

    home = HomePage.objects.get(depth=2)
    first_number = ChapterPage.objects.count()
    locale = Locale.get_default()
    now = timezone.now()
    types = {
        model: ContentType.objects.get_for_model(model)
        for model in (ChapterPage, NewsIndexPage, ContentPage)
    }
    with transaction.atomic():
        have = NewsCategory.objects.count()
        NewsCategory.objects.bulk_create(
            [
                NewsCategory(name=name, slug=name.lower().replace(" ", "-"), locale=locale)
                for name in (
                    CATEGORIES[number % len(CATEGORIES)]
                    + ("" if number < len(CATEGORIES) else f" {number}")
                    for number in range(have, categories)
                )
            ]
        )
        chapter_specs = [
            {
                "title": f"SPD Ortsverein {number:03d}",
                "slug": f"ov-{number:03d}",
                "numchild": 3,
                "show_in_menus": False,
            }
            for number in range(first_number, first_number + chapters)
        ]
        chapter_pages = _new_pages(
            ChapterPage, home, _next_step(home) - 1, chapter_specs, now, locale, types[ChapterPage]
        )
        _insert_children(
            ChapterPage,
            [
                {
                    "page_ptr_id": page.pk,
                    "municipality": f"Gemeinde {page.slug[3:]}",
                    "intro": "<p>Willkommen beim Ortsverein.</p>",
                    "contact_email": f"{page.slug}@example.org",
                }
                for page in chapter_pages
            ],
        )
        Page.objects.filter(pk=home.pk).update(numchild=F("numchild") + chapters)
        for chapter in chapter_pages:
            index_page = _new_pages(
                NewsIndexPage,
                chapter,
                0,
                [{"title": "Aktuelles", "slug": "aktuelles", "show_in_menus": True}],
                now,
                locale,
                types[NewsIndexPage],
            )[0]
            _insert_children(NewsIndexPage, [{"page_ptr_id": index_page.pk, "intro": ""}])
            content = _new_pages(
                ContentPage,
                chapter,
                1,
                [
                    {"title": "Kontakt", "slug": "kontakt", "show_in_menus": True},
                    {"title": "Impressum", "slug": "impressum", "show_in_menus": True},
                ],
                now,
                locale,
                types[ContentPage],
            )
            _insert_children(
                ContentPage,
                [{"page_ptr_id": page.pk, "body": BODY} for page in content],
            )
        add_events(chapter_pages, 4, now, locale)
        PressRelease.objects.bulk_create(
            [
                PressRelease(
                    locale=locale,
                    published_at=now - datetime.timedelta(hours=3 * number + 1),
                    title=f"Pressemitteilung {number}: Gute Arbeit, faire Löhne",
                    teaser="Die SPD-Landtagsfraktion begrüßt den Beschluss. " * 3,
                    source_name="spd.de",
                    source_url=f"https://www.spd.de/presse/{number}",
                    guid=f"bench-{number}",
                )
                for number in range(PressRelease.objects.count(), press_releases)
            ]
        )
        if Banner.objects.exists():
            grow(articles, big_share)
            return
        Banner.objects.create(
            locale=locale, title="Briefwahl jetzt beantragen", text="<p>So geht es.</p>"
        )
        Banner.objects.create(
            locale=locale,
            title="Sommerfest",
            live=True,
            show_from=now + datetime.timedelta(days=30),
            show_until=now + datetime.timedelta(days=31),
        )
        grow(articles, big_share)


def grow(total_articles, big_share):
    """Add articles until there are *total_articles*; the first chapter gets *big_share*."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from news.models import NewsArticlePage, NewsCategory, NewsIndexPage

    categories = list(NewsCategory.objects.order_by("pk"))
    indexes = list(NewsIndexPage.objects.order_by("path"))
    existing = NewsArticlePage.objects.count()
    to_add = total_articles - existing
    if to_add <= 0:
        return
    # Every chapter has at least one article; the big chapter grows to its share of the
    # total; what is left goes round the other chapters.
    wanted = {index.pk: max(index.numchild, 1) for index in indexes}
    if total_articles > 2 * len(indexes):
        big = indexes[0]
        wanted[big.pk] = max(wanted[big.pk], int(total_articles * big_share))
    rest = total_articles - sum(wanted.values())
    others = indexes[1:] or indexes
    for position in range(max(rest, 0)):
        wanted[others[position % len(others)].pk] += 1
    locale = Locale.get_default()
    content_type = ContentType.objects.get_for_model(NewsArticlePage)
    now = timezone.now()
    rng = random.Random(7)  # noqa: S311 - test data
    with transaction.atomic():
        for index in indexes:
            have = index.numchild
            step = _next_step(index) - 1
            missing = wanted[index.pk] - have
            if missing <= 0:
                continue
            specs = []
            for number in range(have, have + missing):
                published = now - datetime.timedelta(hours=number * 7 + rng.randint(0, 6))
                specs.append(
                    {
                        "title": f"Artikel {number} aus {index.get_parent().title}",
                        "slug": f"artikel-{number}",
                        "published": published,
                    }
                )
            pages = _new_pages(NewsArticlePage, index, step, specs, now, locale, content_type)
            _insert_children(
                NewsArticlePage,
                [
                    {
                        "page_ptr_id": page.pk,
                        "news_index_id": index.pk,
                        "kicker": "Initiative der SPD erfolgreich",
                        "date": timezone.localdate(page.first_published_at),
                        "category_id": categories[page.pk % len(categories)].pk,
                        "teaser": "Der Radweg zum Bahnhof wird verlängert. " * 2,
                        "body": BODY,
                    }
                    for page in pages
                ],
            )
            Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + missing)


def index_for_search():
    """Put the bulk-built pages into Wagtail's search index (the database backend), as
    publishing them one by one would have."""
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    from chapters.models import ChapterPage, ContentPage
    from news.models import NewsArticlePage, NewsIndexPage

    backend = get_search_backend()
    indexed = set(IndexEntry.objects.values_list("object_id", flat=True))
    for model in (ChapterPage, NewsIndexPage, ContentPage, NewsArticlePage):
        pages = [
            page
            for page in model.objects.order_by("pk").defer_streamfields().iterator(BATCH)
            if str(page.pk) not in indexed
        ]
        for start in range(0, len(pages), BATCH):
            backend.add_bulk(model, pages[start : start + BATCH])
    return Page.objects.count()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chapters", type=int, default=200)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--press-releases", type=int, default=2000)
    parser.add_argument("--big-share", type=float, default=0.3)
    parser.add_argument("--grow-to", type=int, help="only add articles up to this total")
    parser.add_argument("--index", action="store_true", help="only fill the search index")
    args = parser.parse_args(argv)
    _setup()
    if args.index:
        index_for_search()
    elif args.grow_to:
        grow(args.grow_to, args.big_share)
    else:
        build(args.chapters, args.articles, args.press_releases, args.big_share)


if __name__ == "__main__":
    main()
