"""Two editors edit one page at the same time: Wagtail's concurrent-editing notice tells
the second one, and both saves end up as revisions — nothing is lost."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests import factories

pytestmark = pytest.mark.django_db


def editor(name):
    client = Client()
    client.force_login(
        factories.UserFactory(username=name, first_name=name.title(), is_superuser=True)
    )
    return client


def loaded_revision(html):
    revision_id = re.search(r'name="loaded_revision_id" value="(\d+)"', html).group(1)
    created_at = re.search(r'name="loaded_revision_created_at" value="([^"]+)"', html).group(1)
    return revision_id, created_at


def article_form(article, teaser, revision):
    return nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "kicker": article.kicker,
            "date": article.date.isoformat(),
            "category": article.category_id,
            "teaser": teaser,
            "body": streamfield([]),
            "attachments": inline_formset([]),
            "comments": inline_formset([]),
            "tags": "",
            "loaded_revision_id": revision[0],
            "loaded_revision_created_at": revision[1],
        }
    )


def ping(client, article, session_id, revision_id):
    url = reverse(
        "wagtailadmin_editing_sessions:ping", args=("wagtailcore", "page", article.pk, session_id)
    )
    response = client.post(url, {"revision_id": revision_id, "is_editing": "1"})
    assert response.status_code == 200
    return response.json()


def test_two_editors_lose_no_revision_and_see_the_warning(article):
    anna, bernd = editor("anna"), editor("bernd")
    edit_url = f"/admin/pages/{article.pk}/edit/"
    revisions_before = Revision.page_revisions.filter(object_id=str(article.pk)).count()

    # Both open the editor on the same revision.
    anna_loaded = loaded_revision(anna.get(edit_url).content.decode())
    bernd_loaded = loaded_revision(bernd.get(edit_url).content.decode())
    assert anna_loaded == bernd_loaded
    anna_session = ping(anna, article, 0, anna_loaded[0])["session_id"]
    bernd_session = ping(bernd, article, 0, bernd_loaded[0])["session_id"]

    # Anna saves first.
    response = anna.post(edit_url, article_form(article, "Fassung von Anna", anna_loaded))
    assert response.status_code == 302

    # Bernd's editor, still on the old revision, is told that Anna saved a newer one.
    state = ping(bernd, article, bernd_session, bernd_loaded[0])
    annas = [s for s in state["other_sessions"] if s["user"] == "Anna"]
    assert annas and annas[0]["revision_id"] is not None
    assert "Anna" in state["html"]
    assert (
        ping(anna, article, anna_session, annas[0]["revision_id"])["other_sessions"][0]["user"]
        == "Bernd"
    )

    # Bernd saves anyway: his text becomes a new revision, Anna's stays in the history.
    response = bernd.post(edit_url, article_form(article, "Fassung von Bernd", bernd_loaded))
    assert response.status_code == 302
    revisions = Revision.page_revisions.filter(object_id=str(article.pk)).order_by(
        "created_at", "pk"
    )
    assert revisions.count() == revisions_before + 2
    teasers = [revision.content["teaser"] for revision in revisions]
    assert teasers[-2:] == ["Fassung von Anna", "Fassung von Bernd"]
    assert [revision.user.username for revision in list(revisions)[-2:]] == ["anna", "bernd"]
    # Anna's version can be brought back from the history page.
    history = anna.get(f"/admin/pages/{article.pk}/history/").content.decode()
    assert "anna" in history.lower() and "bernd" in history.lower()
