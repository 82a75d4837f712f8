"""The German PlatformText row, from the texts the platform settings hold so far."""

import uuid

from django.contrib.auth.management import create_permissions
from django.db import migrations


def forwards(apps, schema_editor):
    grant_regional_office(apps)
    PlatformText = apps.get_model("home", "PlatformText")
    PlatformSettings = apps.get_model("home", "PlatformSettings")
    Locale = apps.get_model("wagtailcore", "Locale")
    locale = Locale.objects.filter(language_code="de").first() or Locale.objects.first()
    if locale is None or PlatformText.objects.filter(locale=locale).exists():
        return
    platform = PlatformSettings.objects.order_by("pk").first()
    PlatformText.objects.create(
        platform_name=platform.platform_name if platform else "SPD Havelland",
        footer_line=platform.footer_line if platform else "Ein Service von info.websozis.de",
        locale=locale,
        translation_key=uuid.uuid4(),
    )


def grant_regional_office(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name="Regionaladmin").first()
    if group is None:
        return
    Permission = apps.get_model("auth", "Permission")
    for action in ("add", "change", "view"):
        group.permissions.add(
            Permission.objects.get(content_type__app_label="home", codename=f"{action}_platformtext")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_platform_text"),
        ("chapters", "0002_regional_admin_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
