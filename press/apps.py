from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "press"
    verbose_name = _("Pressemitteilungen")
