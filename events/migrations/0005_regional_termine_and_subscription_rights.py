"""The regional calendar (/termine/) exists without clicking: a "Termine" page under the
German home page. And the Regionaladmin group manages all calendar subscriptions, the
editors of each open chapter their own (events/permissions.py narrows them)."""

import importlib
import uuid

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import timezone

from chapters.roles import REGIONAL_ADMIN_GROUP

next_child_path = importlib.import_module(
    "events.migrations.0002_create_chapter_event_indexes"
).next_child_path
ACTIONS = ("add", "change", "delete", "view")


def create_regional_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    EventIndexPage = apps.get_model("events.EventIndexPage")
    home = HomePage.objects.filter(locale__language_code="de").order_by("path").first()
    home = home or HomePage.objects.order_by("path").first()
    if home is None:
        return
    index_type, _ = ContentType.objects.get_or_create(app_label="events", model="eventindexpage")
    children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
    if children.filter(content_type=index_type).exists() or children.filter(slug="termine"):
        return
    now = timezone.now()
    EventIndexPage.objects.create(
        title="Termine",
        draft_title="Termine",
        slug="termine",
        content_type=index_type,
        path=next_child_path(Page, home),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}termine/",
        locale_id=home.locale_id,
        translation_key=uuid.uuid5(home.translation_key, "termine"),
        live=home.live,
        first_published_at=now if home.live else None,
        last_published_at=now if home.live else None,
        owner_id=home.owner_id,
    )
    Page.objects.filter(pk=home.pk).update(numchild=children.count())


def grant_regional_admin(apps, schema_editor):
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="events",
            codename__in=[f"{action}_calendarsubscription" for action in ACTIONS],
        )
    )
    # The regional admin, and the editors of every open chapter (as provisioning does now).
    groups = list(Group.objects.filter(name=REGIONAL_ADMIN_GROUP))
    ChapterTeam = apps.get_model("chapters", "ChapterTeam")
    for team in ChapterTeam.objects.filter(retired_at__isnull=True).select_related("editors"):
        groups.append(team.editors)
    for group in groups:
        group.permissions.add(*permissions)


def revoke_regional_admin(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="events", codename__endswith="_calendarsubscription"
    )
    for group in Group.objects.filter(permissions__in=permissions).distinct():
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_calendar_subscription"),
        ("chapters", "0002_regional_admin_group"),
        ("home", "0002_create_homepage"),
    ]

    operations = [
        migrations.RunPython(create_regional_index, migrations.RunPython.noop),
        migrations.RunPython(grant_regional_admin, revoke_regional_admin),
    ]
