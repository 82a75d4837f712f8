import os

from django.apps import apps
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()


def build_routable_page_resolvers():
    """Wagtail builds a routable page's URL resolver on first use and stores it on the
    class while other threads may be iterating the class's __dict__ for the same purpose:
    under gunicorn's gthread workers the first concurrent requests then fail with
    "dictionary changed size during iteration" (seen in `make bench`). Build them all once,
    before any thread serves (in the gunicorn master, preload_app)."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    for model in apps.get_models():
        if issubclass(model, RoutablePageMixin):
            model.get_resolver()


build_routable_page_resolvers()
