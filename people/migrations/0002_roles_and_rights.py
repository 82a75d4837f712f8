"""The role vocabulary every chapter starts with, and who may manage people and messages:
the regional office everything, each existing chapter team its own chapter (the admin
narrows the rows, people/access.py; new chapters get the rights from provisioning)."""

import uuid

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = [
    # name, group, is_chair, sort_order
    ("Vorsitzende/r", "board", True, 10),
    ("Stellvertretende/r Vorsitzende/r", "board", False, 20),
    ("Kassierer/in", "board", False, 30),
    ("Schriftführer/in", "board", False, 40),
    ("Beisitzer/in", "board", False, 50),
    ("Gemeindevertreter/in", "mandate", False, 110),
    ("Stadtverordnete/r", "mandate", False, 120),
    ("Kreistagsabgeordnete/r", "mandate", False, 130),
    ("Ortsbeirat", "mandate", False, 140),
    ("Ortsvorsteher/in", "mandate", False, 150),
]
REGIONAL = {
    "person": ("add", "change", "delete", "view"),
    "role": ("add", "change", "delete", "view"),
    "contactsubmission": ("delete", "view"),
}
TEAM = {
    "person": ("add", "change", "delete", "view"),
    "contactsubmission": ("view", "delete"),
}


def permissions(apps, table):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label="people", codename=f"{action}_{model}")
        for model, actions in table.items()
        for action in actions
    ]


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Role = apps.get_model("people", "Role")
    locale = Locale.objects.filter(language_code="de").first() or Locale.objects.first()
    if locale is not None and not Role.objects.exists():
        for name, group, is_chair, sort_order in ROLES:
            Role.objects.create(
                name=name,
                group=group,
                is_chair=is_chair,
                sort_order=sort_order,
                locale=locale,
                translation_key=uuid.uuid4(),
            )
    Group = apps.get_model("auth", "Group")
    regional = Group.objects.filter(name="Regionaladmin").first()
    if regional is not None:
        regional.permissions.add(*permissions(apps, REGIONAL))
    team_permissions = permissions(apps, TEAM)
    for team in apps.get_model("chapters", "ChapterTeam").objects.filter(retired_at=None):
        for group in (team.editors, team.authors):
            group.permissions.add(*team_permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("chapters", "0002_regional_admin_group"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
