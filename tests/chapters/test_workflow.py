"""Authors write and submit; only their own chapter's editors approve (over HTTP)."""

import pytest
from wagtail.models import TaskState, WorkflowState

from chapters.provisioning import add_chapter_member, provision_chapter
from chapters.roles import AUTHOR
from news.models import NewsArticlePage
from tests import factories
from tests.admin_helpers import article_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(home):
    a = provision_chapter(home, "SPD Wustermark", slug="wustermark")
    b = provision_chapter(home, "SPD Falkensee", slug="falkensee")
    author, editor_a, editor_b = (factories.UserFactory(username=n) for n in ("au", "ea", "eb"))
    add_chapter_member(a, author, role=AUTHOR)
    add_chapter_member(a, editor_a)
    add_chapter_member(b, editor_b)
    return {"a": a, "author": author, "editor_a": editor_a, "editor_b": editor_b}


def submit_as_author(client, people):
    client.force_login(people["author"])
    index = people["a"].news_index
    response = client.post(
        f"/admin/pages/add/news/newsarticlepage/{index.pk}/",
        article_form_data("Neue Radwege", "neue-radwege", action="action-submit"),
    )
    assert response.status_code == 302
    client.logout()
    return NewsArticlePage.objects.child_of(index).get(slug="neue-radwege")


def approve(client, user, article):
    client.force_login(user)
    task_state = TaskState.objects.get(
        workflow_state__object_id=str(article.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    response = client.post(
        f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    client.logout()
    return response


def test_author_article_goes_live_only_after_own_editor_approves(client, people, anonymous):
    article = submit_as_author(client, people)
    assert not article.live
    assert anonymous.get("/wustermark/aktuelles/neue-radwege/").status_code == 404
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow == people["a"].team.workflow

    # The editor of another chapter is refused and changes nothing.
    response = approve(client, people["editor_b"], article)
    assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert not article.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # The author cannot approve their own article either.
    approve(client, people["author"], article)
    article.refresh_from_db()
    assert not article.live

    approve(client, people["editor_a"], article)
    article.refresh_from_db()
    assert article.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    response = anonymous.get("/wustermark/aktuelles/neue-radwege/")
    assert response.status_code == 200
    assert "Neue Radwege" in response.content.decode()


def test_pending_article_shows_on_own_editors_dashboard_only(client, people):
    submit_as_author(client, people)

    client.force_login(people["editor_a"])
    html = client.get("/admin/").content.decode()
    pending = html[html.index("data-pending") :]
    assert "Neue Radwege" in pending[: pending.index("</ul>")]
    client.logout()

    client.force_login(people["editor_b"])
    html = client.get("/admin/").content.decode()
    assert 'data-chapter-panel="falkensee"' in html
    assert "Neue Radwege" not in html
