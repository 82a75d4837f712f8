from pathlib import Path

from django.conf import settings
from wagtail.models import get_page_models

from tests import factories


def test_every_page_type_has_a_factory():
    covered = {
        factory._meta.model
        for factory in vars(factories).values()
        if isinstance(factory, type)
        and issubclass(factory, factories.PageFactory)
        and not factory._meta.abstract
    }
    ours = {
        model
        for model in get_page_models()
        if Path(model._meta.app_config.path).parent == settings.BASE_DIR
    }
    assert ours, "no page types of ours found"
    assert ours <= covered
