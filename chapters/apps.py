from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChaptersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "chapters"
    verbose_name = _("Ortsvereine")
