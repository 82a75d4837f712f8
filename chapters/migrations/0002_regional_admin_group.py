"""The "Regionaladmin" group (docs/architecture.md, "Who may do what"): everything under the
home page, all collections, the shared snippets, the platform settings, users, and the
chapter admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from chapters.roles import REGIONAL_ADMIN_GROUP as GROUP

PAGE_PERMISSIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "delete_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "delete_document", "choose_document"),
}
MODEL_PERMISSIONS = {
    "wagtailadmin": ("access_admin",),
    **{
        app_label: tuple(
            f"{action}_{model}"
            for model in models
            for action in ("add", "change", "delete", "view")
        )
        for app_label, models in (
            ("press", ("pressrelease", "pressreleasefeed")),
            ("notices", ("banner",)),
            ("news", ("newscategory",)),
        )
    },
    "chapters": ("manage_chapters",),
    # Translates pages and shared snippets (translations/views.py checks the page rights).
    "wagtail_localize": ("submit_translation",),
    "home": ("change_platformsettings",),
    "auth": ("add_user", "change_user", "delete_user", "view_user"),
}


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Wagtail adds "publish" for draft-state snippets after migrating; the same row, earlier.
    Permission.objects.get_or_create(
        content_type=ContentType.objects.get(app_label="notices", model="banner"),
        codename="publish_banner",
        defaults={"name": "Can publish Hinweis-Banner"},
    )
    group_permissions = {
        **MODEL_PERMISSIONS,
        "notices": (*MODEL_PERMISSIONS["notices"], "publish_banner"),
    }
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codenames in group_permissions.items():
        for codename in codenames:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )

    home = apps.get_model("home", "HomePage").objects.order_by("path").first()
    if home is not None:
        for action in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=f"{action}_page"
                ),
            )

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=codename
                    ),
                )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("chapters", "0001_initial"),
        ("home", "0002_create_homepage"),
        ("news", "0001_initial"),
        ("notices", "0001_initial"),
        ("press", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
