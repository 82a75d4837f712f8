from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = _("Sicherheit")

    def ready(self):
        from . import signals

        # Regional admins get the lock-out permissions after every migrate (signals.py).
        signals.connect()
