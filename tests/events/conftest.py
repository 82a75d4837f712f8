import datetime

import pytest
from django.utils import timezone

from events.models import EventIndexPage
from tests import factories


def berlin(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def event_index(chapter):
    return factories.EventIndexPageFactory(parent=chapter)


@pytest.fixture
def regional_index(home):
    """The regional "Termine" page the events migration created under the home page."""
    return EventIndexPage.objects.child_of(home).get().specific


NOW = berlin(2029, 12, 1, 12)


@pytest.fixture
def frozen_now(monkeypatch):
    """ "Now" is 1 December 2029, noon in Berlin, for lists of upcoming events."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW
