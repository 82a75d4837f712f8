"""provision_chapter / retire_chapter and the management commands that call them."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
    Site,
    Task,
    Workflow,
    WorkflowPage,
)

from chapters.models import ChapterPage, ChapterTeam
from chapters.provisioning import provision_chapter, retire_chapter
from news.models import NewsArticlePage
from tests import factories

pytestmark = pytest.mark.django_db


def row_counts():
    """Every table provisioning writes to."""
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            Revision,
            Group,
            Site,
            Collection,
            GroupPagePermission,
            GroupCollectionPermission,
            Workflow,
            Task,
            WorkflowPage,
            ChapterTeam,
        )
    }


def test_provision_opens_a_complete_chapter(home, anonymous):
    chapter = provision_chapter(
        home, "SPD Brieselang", host_name="SPD-Brieselang.example.org", municipality="Brieselang"
    )

    assert chapter.slug == "spd-brieselang"
    children = {page.slug: page for page in chapter.get_children()}
    assert set(children) == {"aktuelles", "termine", "kontakt", "impressum", "datenschutz"}
    assert all(page.live for page in children.values())

    # Public: on the regional host under /spd-brieselang/, and at the root of its own host.
    response = anonymous.get("/spd-brieselang/impressum/")
    assert response.status_code == 200
    response = anonymous.get("/", HTTP_HOST="spd-brieselang.example.org")
    assert response.status_code == 200
    assert "SPD Brieselang" in response.content.decode()

    team = ChapterTeam.objects.get(chapter=chapter)
    assert team.editors.name == "SPD Brieselang: Redaktion"
    assert team.authors.name == "SPD Brieselang: Autoren"
    assert team.collection.name == "SPD Brieselang"
    assert WorkflowPage.objects.get(page=chapter).workflow == team.workflow
    assert [task.specific.groups.get() for task in team.workflow.tasks] == [team.editors]


def test_provision_twice_changes_nothing(home):
    provision_chapter(home, "SPD Brieselang", host_name="brieselang.example.org")
    before = row_counts()
    again = provision_chapter(home, "SPD Brieselang", host_name="brieselang.example.org")
    assert row_counts() == before
    assert again.title == "SPD Brieselang"


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"title": "SPD Wustermark Süd", "slug": "wustermark"}, "slug", "gehört schon"),
        ({"title": "SPD Elstal", "host_name": "wustermark.example.org"}, "host_name", "Hostname"),
        ({"title": "SPD Wustermark", "slug": "wustermark-2"}, "title", "gibt es schon"),
        ({"title": "SPD Elstal", "region": "nirgendwo"}, "region", "Unbekannte Region"),
        ({"title": "SPD Elstal", "host_name": "kein host"}, "host_name", "kein gültiger"),
        ({"title": "   "}, "title", "Namen des Ortsvereins"),
    ],
)
def test_bad_input_is_refused_and_leaves_nothing_behind(home, kwargs, field, message):
    provision_chapter(home, "SPD Wustermark", slug="wustermark", host_name="wustermark.example.org")
    before = row_counts()
    kwargs = dict(kwargs)
    region = kwargs.pop("region", home)
    title = kwargs.pop("title")
    with pytest.raises(ValidationError) as refused:
        provision_chapter(region, title, **kwargs)
    assert message in " ".join(refused.value.message_dict[field])
    assert row_counts() == before


def test_slug_taken_by_another_page_is_refused(home):
    factories.ContentPageFactory(parent=home, title="Impressum", slug="impressum")
    before = row_counts()
    with pytest.raises(ValidationError, match="ist schon vergeben"):
        provision_chapter(home, "SPD Impressum", slug="impressum")
    assert row_counts() == before


def test_retire_unpublishes_and_revokes_but_deletes_nothing(home, anonymous):
    chapter = provision_chapter(home, "SPD Brieselang")
    article = factories.NewsArticlePageFactory(parent=chapter.news_index, slug="neu")
    assert anonymous.get("/spd-brieselang/aktuelles/neu/").status_code == 200
    team = ChapterTeam.objects.get(chapter=chapter)
    pages_before = Page.objects.count()

    retire_chapter(chapter)

    assert anonymous.get("/spd-brieselang/").status_code == 404
    assert anonymous.get("/spd-brieselang/aktuelles/neu/").status_code == 404
    assert Page.objects.count() == pages_before
    assert NewsArticlePage.objects.filter(pk=article.pk, live=False).exists()
    assert not GroupPagePermission.objects.filter(group__in=[team.editors, team.authors]).exists()
    assert not GroupCollectionPermission.objects.filter(
        group__in=[team.editors, team.authors]
    ).exists()
    assert Group.objects.filter(pk=team.editors.pk).exists()
    team.refresh_from_db()
    assert team.is_retired

    before = row_counts()
    retire_chapter(chapter)
    provision_chapter(home, "SPD Brieselang")  # a retired chapter is not silently reopened
    assert row_counts() == before
    assert not GroupPagePermission.objects.filter(group=team.editors).exists()


def test_create_and_retire_chapter_commands(home, anonymous):
    call_command(
        "create_chapter", "SPD Dallgow-Döberitz", slug="dallgow", host="dallgow.example.org"
    )
    chapter = ChapterPage.objects.get(slug="dallgow")
    assert anonymous.get("/", HTTP_HOST="dallgow.example.org").status_code == 200

    before = row_counts()
    with pytest.raises(CommandError, match="Hostname „dallgow.example.org“"):
        call_command("create_chapter", "SPD Elstal", host="dallgow.example.org")
    with pytest.raises(CommandError, match="Unbekannte Region"):
        call_command("create_chapter", "SPD Elstal", region="gibtsnicht")
    assert row_counts() == before

    call_command("retire_chapter", "dallgow")
    chapter.refresh_from_db()
    assert not chapter.live
    with pytest.raises(CommandError, match="Kein Ortsverein"):
        call_command("retire_chapter", "gibtsnicht")
