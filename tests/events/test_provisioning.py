"""Every chapter has its "Termine": new ones from provisioning, existing ones from the data
migration (which writes treebeard's columns by hand, so the tree is checked)."""

import importlib

import pytest
from django.apps import apps
from wagtail.models import Page

from chapters.provisioning import provision_chapter
from events.models import EventIndexPage
from tests import factories

pytestmark = pytest.mark.django_db

migration = importlib.import_module("events.migrations.0002_create_chapter_event_indexes")


def test_provisioned_chapter_has_termine(home, anonymous):
    chapter = provision_chapter(home, "SPD Brieselang", municipality="Brieselang")
    assert EventIndexPage.objects.child_of(chapter).live().get().slug == "termine"
    assert anonymous.get("/spd-brieselang/termine/").status_code == 200


def test_data_migration_adds_termine_to_existing_chapters(home, anonymous):
    first = factories.ChapterPageFactory(parent=home, slug="eins")
    factories.NewsIndexPageFactory(parent=first)
    second = factories.ChapterPageFactory(parent=home, slug="zwei")
    factories.EventIndexPageFactory(parent=second)

    migration.create_event_indexes(apps, None)
    migration.create_event_indexes(apps, None)  # twice changes nothing

    assert EventIndexPage.objects.child_of(first).count() == 1
    assert EventIndexPage.objects.child_of(second).count() == 1
    problems = Page.find_problems()
    assert all(not group for group in problems), problems
    first.refresh_from_db()
    assert first.numchild == 2
    assert anonymous.get("/eins/termine/").status_code == 200
    # An editor can add the next page after it: treebeard's bookkeeping is right.
    factories.ContentPageFactory(parent=first, slug="kontakt")
    assert [page.slug for page in first.get_children()] == ["aktuelles", "termine", "kontakt"]
