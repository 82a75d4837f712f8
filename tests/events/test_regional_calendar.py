"""The regional calendar exists without clicking: the events migration put "Termine" under
the migrated home page, so /termine/ answers on a fresh database."""

import pytest

from events.models import EventIndexPage

pytestmark = pytest.mark.django_db


def test_termine_answers_on_a_fresh_database(anonymous, home):
    index = EventIndexPage.objects.child_of(home).get()
    assert index.live and index.slug == "termine" and index.locale_id == home.locale_id
    response = anonymous.get("/termine/")
    assert response.status_code == 200
    assert "Termine" in response.content.decode()
