"""The "Regionaladmin" group with the rights of design.md §3: everything under the home page,
all collections, the shared snippets, the platform settings, users, and the chapter admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Regionaladmin"
PAGE_PERMISSIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "delete_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "delete_document", "choose_document"),
}
MODEL_PERMISSIONS = {
    "wagtailadmin": ("access_admin",),
    "chapters": tuple(
        f"{action}_{model}"
        for model in ("pressrelease", "pressreleasefeed", "banner", "newscategory")
        for action in ("add", "change", "delete", "view")
    )
    + ("publish_banner", "manage_chapters"),
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
        content_type=ContentType.objects.get(app_label="chapters", model="banner"),
        codename="publish_banner",
        defaults={"name": "Can publish Hinweis-Banner"},
    )
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codenames in MODEL_PERMISSIONS.items():
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
        ("chapters", "0002_chapter_team"),
        ("home", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
