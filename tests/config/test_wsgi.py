"""The WSGI module prepares what Wagtail would otherwise build lazily under threads."""

from django.apps import apps
from wagtail.contrib.routable_page.models import RoutablePageMixin


def test_routable_page_resolvers_are_built_before_threads_serve():
    import config.wsgi  # noqa: F401 - what gunicorn loads (preload_app)

    routable = [model for model in apps.get_models() if issubclass(model, RoutablePageMixin)]
    assert {model._meta.label for model in routable} >= {"news.NewsIndexPage", "home.HomePage"}
    for model in routable:
        # Wagtail's own cache attribute, on the class itself (not inherited from a mixin).
        assert "_routablepage_urlresolver" in model.__dict__, model
