import uuid

from django.db import migrations
from django.utils import timezone

STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def next_child_path(Page, parent):
    """Treebeard's path for a new last child of *parent* (base 36, four characters a level)."""
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-STEPLEN:], 36) + 1 if last else 1
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return parent.path + digits.rjust(STEPLEN, "0")


def create_event_indexes(apps, schema_editor):
    """Every existing chapter gets its "Termine" page, as new chapters do (provisioning)."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    ChapterPage = apps.get_model("chapters.ChapterPage")
    EventIndexPage = apps.get_model("events.EventIndexPage")

    index_type, _ = ContentType.objects.get_or_create(app_label="events", model="eventindexpage")
    now = timezone.now()
    for chapter in ChapterPage.objects.order_by("path"):
        children = Page.objects.filter(path__startswith=chapter.path, depth=chapter.depth + 1)
        if children.filter(content_type=index_type).exists() or children.filter(
            slug="termine"
        ).exists():
            continue
        EventIndexPage.objects.create(
            title="Termine",
            draft_title="Termine",
            slug="termine",
            content_type=index_type,
            path=next_child_path(Page, chapter),
            depth=chapter.depth + 1,
            numchild=0,
            url_path=f"{chapter.url_path}termine/",
            locale_id=chapter.locale_id,
            # Translations of one chapter get translations of one index.
            translation_key=uuid.uuid5(chapter.translation_key, "termine"),
            live=chapter.live,
            first_published_at=now if chapter.live else None,
            last_published_at=now if chapter.live else None,
            owner_id=chapter.owner_id,
        )
        Page.objects.filter(pk=chapter.pk).update(numchild=children.count())


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("chapters", "0002_regional_admin_group"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_event_indexes, migrations.RunPython.noop)]
