"""Who may do what (docs/architecture.md, "Who may do what"), checked as a role × endpoint
matrix through Wagtail's admin URLs over HTTP.

Every cell is one request by one role. "refused" means 403/404 or a redirect away from the
requested page (Wagtail sends people back to the dashboard or their own chapter with a
message); after every refused request, nothing in the database may have changed. "allowed"
means the page answers 200 or a POST does what it says (checked in the database).

The matrix runs once per role (three tests) so the world is built three times, not once per
cell; a failing run lists every wrong cell. `test_matrix_size` pins the number of cells.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import slugify
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Revision, Site, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from chapters.provisioning import add_chapter_member, provision_chapter
from chapters.roles import AUTHOR, REGIONAL_ADMIN_GROUP
from events.models import CalendarSubscription, EventIndexPage, EventPage
from home.models import PlatformSettings
from news.models import NewsCategory, SharedArticle
from notices.models import Banner
from people.models import ContactSubmission, Person, Role
from press.models import PressRelease, PressReleaseFeed
from tests import factories
from tests.admin_helpers import (
    article_form_data,
    content_form_data,
    home_form_data,
    make_document,
    make_image,
    refused,
)
from tests.events.test_permissions import event_form_data
from translations.sync import sync_locales

pytestmark = pytest.mark.django_db

EDITOR, AUTHOR_ROLE, REGIO = "editor_a", "author_a", "regional_admin"
ROLES = (EDITOR, AUTHOR_ROLE, REGIO)
ALLOWED, REFUSED = "allowed", "refused"
# Role × endpoint cells: 170 for the chapter editor, 170 for the author, 124 for the
# regional admin, in a German and English region, including the events pages, calendar
# subscriptions, people, contact messages and shared articles. A change here is a change of
# who may do what: say so in docs/architecture.md.
MATRIX_CELLS = 464


class World:
    """Two chapters with pages, media and people; the home page; the shared snippets; German
    and English trees, as in production."""

    def __init__(self, home):
        self.home = home
        sync_locales()
        self.a = provision_chapter(home, "SPD Wustermark", slug="wustermark")
        self.b = provision_chapter(home, "SPD Falkensee", slug="falkensee")
        team_a, team_b = self.a.team, self.b.team
        users = {}
        for name in (EDITOR, AUTHOR_ROLE, REGIO, "editor_b"):
            users[name] = factories.UserFactory(username=name)
        users["superuser"] = factories.UserFactory(username="chef", is_superuser=True)
        add_chapter_member(self.a, users[EDITOR])
        add_chapter_member(self.a, users[AUTHOR_ROLE], role=AUTHOR)
        add_chapter_member(self.b, users["editor_b"])
        users[REGIO].groups.add(Group.objects.get(name=REGIONAL_ADMIN_GROUP))
        self.users = users

        self.category = factories.NewsCategoryFactory(name="Kommunalpolitik", slug="kommunal")
        self.index_a, self.index_b = self.a.news_index, self.b.news_index

        def article(parent, slug, **kwargs):
            return factories.NewsArticlePageFactory(
                parent=parent, title=slug.replace("-", " ").title(), slug=slug, **kwargs
            )

        # Chapter B: one page per destructive cell, so allowed cells do not disturb others.
        self.b_article = article(self.index_b, "b-artikel")
        self.b_unpublish = article(self.index_b, "b-offline")
        self.b_delete = article(self.index_b, "b-weg")
        self.b_move = article(self.index_b, "b-umzug")
        # Chapter A, the same.
        self.a_article = article(self.index_a, "a-artikel")
        self.a_publish = article(self.index_a, "a-entwurf", live=False)
        self.a_unpublish = article(self.index_a, "a-offline")
        self.a_delete = article(self.index_a, "a-weg")
        self.a_author_draft = article(self.index_a, "a-autorentwurf", live=False)
        self.a_author_draft.owner = users[AUTHOR_ROLE]
        self.a_author_draft.save(update_fields=["owner"])

        self.b_image = make_image("Bild Falkensee", team_b.collection)
        self.b_image_2 = make_image("Zweites Bild Falkensee", team_b.collection)
        self.b_document = make_document("Protokoll Falkensee", team_b.collection)
        self.b_document_2 = make_document("Zweites Protokoll Falkensee", team_b.collection)
        self.a_image = make_image("Bild Wustermark", team_a.collection, users[EDITOR])
        self.a_image_delete = make_image("Altes Bild Wustermark", team_a.collection)
        self.a_document = make_document("Protokoll Wustermark", team_a.collection, users[EDITOR])
        self.a_document_delete = make_document("Altes Protokoll Wustermark", team_a.collection)
        self.a_author_image = make_image("Bild der Autorin", team_a.collection, users[AUTHOR_ROLE])

        self.press_release = factories.PressReleaseFactory(title="Pressemitteilung Eins")
        self.press_release_2 = factories.PressReleaseFactory(title="Pressemitteilung Zwei")
        self.feed = factories.PressReleaseFeedFactory(name="spd.de")
        self.feed_2 = factories.PressReleaseFeedFactory(name="spdfraktion.de")
        self.banner = factories.BannerFactory(title="Corona-Hinweis")
        self.banner_2 = factories.BannerFactory(title="Wahlaufruf")
        self.category_2 = factories.NewsCategoryFactory(name="Landespolitik", slug="land")
        self.category_3 = factories.NewsCategoryFactory(name="Bundespolitik", slug="bund")
        self.person_b = factories.PersonFactory(name="Berta Falkensee", chapter=self.b)
        self.submission_b = ContactSubmission.objects.create(
            chapter=self.b, name="Absender Falkensee", email="b@example.org", message="Hallo"
        )
        self.share_to_b = SharedArticle.objects.create(article=self.a_article, chapter=self.b)
        self.b_shared = article(self.index_b, "b-geteilt")
        self.share_to_a = SharedArticle.objects.create(article=self.b_shared, chapter=self.a)
        # Events: each chapter's Termine with one event and calendar subscriptions. The
        # subscriptions' addresses are refused by the address policy: no network in "import".
        self.events_a = EventIndexPage.objects.child_of(self.a).get()
        self.events_b = EventIndexPage.objects.child_of(self.b).get()
        self.a_event = factories.EventPageFactory(parent=self.events_a, slug="a-termin")
        self.b_event = factories.EventPageFactory(parent=self.events_b, slug="b-termin")

        def subscription(name, index):
            return CalendarSubscription.objects.create(
                name=name, url="http://127.0.0.1:9/kalender.ics", target=index
            )

        self.sub_a = subscription("Kalender Wustermark", self.events_a)
        self.sub_b = subscription("Kalender Falkensee", self.events_b)
        self.sub_b_2 = subscription("Zweiter Kalender Falkensee", self.events_b)
        home.save_revision().publish()  # the migration-made home page has no revision yet
        self.site = Site.objects.get(is_default_site=True)
        self.settings = PlatformSettings.load()

    def revision(self, page):
        return page.latest_revision_id


def snapshot():
    """Everything a refused request must leave alone."""
    User = get_user_model()
    return {
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk", "path", "title", "draft_title", "live", "latest_revision_id", "locked"
            )
        ),
        "revisions": Revision.objects.count(),
        "workflow_states": WorkflowState.objects.count(),
        "images": list(Image.objects.order_by("pk").values_list("pk", "title", "collection")),
        "documents": list(Document.objects.order_by("pk").values_list("pk", "title")),
        "press_releases": list(
            PressRelease.objects.order_by("pk").values_list("pk", "title", "hidden")
        ),
        "feeds": list(
            PressReleaseFeed.objects.order_by("pk").values_list(
                "pk", "name", "url", "last_checked_at"
            )
        ),
        "subscriptions": list(
            CalendarSubscription.objects.order_by("pk").values_list(
                "pk", "name", "url", "target", "last_checked_at"
            )
        ),
        "banners": list(Banner.objects.order_by("pk").values_list("pk", "title", "live")),
        "categories": list(NewsCategory.objects.order_by("pk").values_list("pk", "name")),
        "users": list(
            User.objects.order_by("pk").values_list("pk", "username", "is_superuser", "email")
        ),
        "memberships": list(
            User.groups.through.objects.order_by("pk").values_list("user", "group")
        ),
        "groups": list(Group.objects.order_by("pk").values_list("pk", "name")),
        "group_permissions": Group.permissions.through.objects.count(),
        "sites": list(Site.objects.order_by("pk").values_list("pk", "hostname", "root_page")),
        "settings": list(PlatformSettings.objects.values_list("platform_name", "footer_line")),
        "people": list(Person.objects.order_by("pk").values_list("pk", "name", "chapter")),
        "submissions": list(ContactSubmission.objects.order_by("pk").values_list("pk", "name")),
        "shares": list(
            SharedArticle.objects.order_by("pk").values_list("pk", "article", "chapter", "accepted")
        ),
    }


@dataclass
class Cell:
    area: str
    action: str
    target: str
    method: str
    url: object  # world -> str
    expect: dict
    data: object = None  # world -> dict
    done: object = None  # world -> bool: the allowed POST really happened
    contains: object = None  # world -> str the allowed GET shows
    absent: object = None  # world -> str a refused listing must not show
    refusal_check: object = None  # world -> bool, replaces the snapshot for drafts
    extra: dict = field(default_factory=dict)

    @property
    def name(self):
        return f"{self.area}:{self.action}:{self.target}:{self.method}"


def expect(editor=REFUSED, author=REFUSED, regio=None):
    return {
        role: value
        for role, value in ((EDITOR, editor), (AUTHOR_ROLE, author), (REGIO, regio))
        if value
    }


def live_title(attr, title):
    def check(w):
        return Page.objects.get(pk=getattr(w, attr).pk).title == title

    return check


def not_live(attr):
    return lambda w: not Page.objects.get(pk=getattr(w, attr).pk).live


def gone(model, attr):
    return lambda w: not model.objects.filter(pk=getattr(w, attr).pk).exists()


def page_cells():
    cells = []

    def targets():
        # (label, attr for edit-like actions, add-child URL + data, refusal expectations)
        return [
            ("B", "b_article", REFUSED),
            ("home", "home", REFUSED),
        ]

    for target, attr, _ in targets():
        regio = ALLOWED if target == "B" else None
        title = f"Geändert {target}"
        form = (
            (lambda w, t=title: article_form_data(t, w.b_article.slug))
            if target == "B"
            else (lambda w, t=title: home_form_data(t, w.home.slug))
        )
        explore_attr = "b" if target == "B" else "home"
        cells += [
            Cell(
                "page",
                "explore",
                target,
                "GET",
                lambda w, a=explore_attr: f"/admin/pages/{getattr(w, a).pk}/",
                expect(regio=ALLOWED),
            ),
            Cell(
                "page",
                "edit",
                target,
                "GET",
                lambda w, a=attr: f"/admin/pages/{getattr(w, a).pk}/edit/",
                expect(regio=ALLOWED),
            ),
            Cell(
                "page",
                "edit",
                target,
                "POST",
                lambda w, a=attr: f"/admin/pages/{getattr(w, a).pk}/edit/",
                expect(regio=regio),
                data=form,
            ),
            Cell(
                "page",
                "publish",
                target,
                "POST",
                lambda w, a=attr: f"/admin/pages/{getattr(w, a).pk}/edit/",
                expect(regio=regio),
                data=lambda w, f=form: {**f(w), "action-publish": "action-publish"},
                done=live_title(attr, title) if regio else None,
            ),
            Cell(
                "page",
                "unpublish",
                target,
                "GET",
                lambda w, a=attr: f"/admin/pages/{getattr(w, a).pk}/unpublish/",
                expect(regio=ALLOWED),
            ),
            Cell(
                "page",
                "delete",
                target,
                "GET",
                lambda w, a=attr: f"/admin/pages/{getattr(w, a).pk}/delete/",
                expect(regio=regio or REFUSED),
            ),
            Cell(
                "page",
                "move",
                target,
                "GET",
                lambda w, a=attr: f"/admin/pages/{getattr(w, a).pk}/move/",
                expect(regio=regio),
            ),
            Cell(
                "page",
                "copy",
                target,
                "GET",
                lambda w, a=attr: f"/admin/pages/{getattr(w, a).pk}/copy/",
                expect(regio=ALLOWED),
            ),
            Cell(
                "page",
                "revisions",
                target,
                "GET",
                lambda w, a=attr: (
                    f"/admin/pages/{getattr(w, a).pk}/revisions/"
                    f"{getattr(w, a).latest_revision_id}/view/"
                ),
                expect(regio=ALLOWED),
            ),
            Cell(
                "page",
                "revert",
                target,
                "GET",
                lambda w, a=attr: (
                    f"/admin/pages/{getattr(w, a).pk}/revisions/"
                    f"{getattr(w, a).latest_revision_id}/revert/"
                ),
                expect(regio=ALLOWED),
            ),
            Cell(
                "page",
                "preview",
                target,
                "POST",
                lambda w, a=attr: f"/admin/pages/{getattr(w, a).pk}/edit/preview/",
                expect(regio=ALLOWED),
                data=form,
            ),
            Cell(
                "page",
                "preview",
                target,
                "GET",
                lambda w, a=attr: f"/admin/pages/{getattr(w, a).pk}/edit/preview/",
                expect(regio=ALLOWED),
            ),
            Cell(
                "page",
                "view_draft",
                target,
                "GET",
                lambda w, a=attr: f"/admin/pages/{getattr(w, a).pk}/view_draft/",
                expect(regio=ALLOWED),
            ),
            Cell(
                "page",
                "history",
                target,
                "GET",
                lambda w, a=attr: f"/admin/pages/{getattr(w, a).pk}/history/",
                expect(regio=ALLOWED),
            ),
        ]

    # Destructive actions on B, each on its own page.
    cells += [
        Cell(
            "page",
            "unpublish",
            "B",
            "POST",
            lambda w: f"/admin/pages/{w.b_unpublish.pk}/unpublish/",
            expect(regio=ALLOWED),
            data=lambda w: {},
            done=not_live("b_unpublish"),
        ),
        Cell(
            "page",
            "delete",
            "B",
            "POST",
            lambda w: f"/admin/pages/{w.b_delete.pk}/delete/",
            expect(regio=ALLOWED),
            data=lambda w: {},
            done=gone(Page, "b_delete"),
        ),
        Cell(
            "page",
            "delete",
            "home",
            "POST",
            lambda w: f"/admin/pages/{w.home.pk}/delete/",
            expect(regio=REFUSED),
            data=lambda w: {},
        ),
        Cell(
            "page",
            "delete chapter",
            "B",
            "POST",
            lambda w: f"/admin/pages/{w.b.pk}/delete/",
            expect(regio=REFUSED),
            data=lambda w: {},
        ),
        Cell(
            "page",
            "move",
            "B→A",
            "POST",
            lambda w: f"/admin/pages/{w.b_move.pk}/move/{w.index_a.pk}/confirm/",
            expect(regio=ALLOWED),
            data=lambda w: {},
            done=lambda w: Page.objects.get(pk=w.b_move.pk).get_parent().pk == w.index_a.pk,
        ),
        Cell(
            "page",
            "move",
            "A→B",
            "POST",
            lambda w: f"/admin/pages/{w.a_article.pk}/move/{w.index_b.pk}/confirm/",
            expect(),
            data=lambda w: {},
        ),
        Cell(
            "page",
            "copy",
            "B→A",
            "POST",
            lambda w: f"/admin/pages/{w.b_article.pk}/copy/",
            expect(),
            data=lambda w: {
                "new_title": "Kopie",
                "new_slug": "kopie-von-b",
                "new_parent_page": w.index_a.pk,
            },
        ),
        Cell(
            "page",
            "copy",
            "A→B",
            "POST",
            lambda w: f"/admin/pages/{w.a_article.pk}/copy/",
            expect(regio=ALLOWED),
            extra={"form_error": True},
            data=lambda w: {
                "new_title": "Kopie nach B",
                "new_slug": "kopie-nach-b",
                "new_parent_page": w.index_b.pk,
            },
            done=lambda w: Page.objects.child_of(w.index_b).filter(slug="kopie-nach-b").exists(),
        ),
        Cell(
            "page",
            "add_child",
            "B",
            "GET",
            lambda w: f"/admin/pages/add/news/newsarticlepage/{w.index_b.pk}/",
            expect(regio=ALLOWED),
        ),
        Cell(
            "page",
            "add_child",
            "B",
            "POST",
            lambda w: f"/admin/pages/add/news/newsarticlepage/{w.index_b.pk}/",
            expect(regio=ALLOWED),
            data=lambda w: article_form_data("Neu in B", "neu-in-b"),
            done=lambda w: Page.objects.child_of(w.index_b).filter(slug="neu-in-b").exists(),
        ),
        Cell(
            "page",
            "add_child",
            "home",
            "GET",
            lambda w: f"/admin/pages/add/chapters/contentpage/{w.home.pk}/",
            expect(regio=ALLOWED),
        ),
        Cell(
            "page",
            "add_child",
            "home",
            "POST",
            lambda w: f"/admin/pages/add/chapters/contentpage/{w.home.pk}/",
            expect(regio=ALLOWED),
            data=lambda w: content_form_data("Barrierefreiheit", "barrierefreiheit"),
            done=lambda w: Page.objects.child_of(w.home).filter(slug="barrierefreiheit").exists(),
        ),
    ]

    # Further page endpoints of B's article.
    for action, url, method in (
        ("lock", "/admin/pages/{}/lock/", "POST"),
        ("privacy", "/admin/pages/{}/privacy/", "GET"),
        ("workflow_history", "/admin/pages/{}/workflow_history/", "GET"),
        ("usage", "/admin/pages/{}/usage/", "GET"),
    ):
        cells.append(
            Cell(
                "page",
                action,
                "B",
                method,
                lambda w, u=url: u.format(w.b_article.pk),
                expect(regio=ALLOWED),
                data=(lambda w: {}) if method == "POST" else None,
                done=(lambda w: Page.objects.get(pk=w.b_article.pk).locked)
                if method == "POST"
                else None,
            )
        )

    # Inside chapter A: what editors may and authors may not.
    cells += [
        Cell(
            "page",
            "explore",
            "A",
            "GET",
            lambda w: f"/admin/pages/{w.index_a.pk}/",
            expect(ALLOWED, ALLOWED, ALLOWED),
            contains=lambda w: w.a_article.title,
        ),
        Cell(
            "page",
            "add_child",
            "A",
            "GET",
            lambda w: f"/admin/pages/add/news/newsarticlepage/{w.index_a.pk}/",
            expect(ALLOWED, ALLOWED),
        ),
        Cell(
            "page",
            "add_child",
            "A",
            "POST",
            lambda w: f"/admin/pages/add/news/newsarticlepage/{w.index_a.pk}/",
            expect(ALLOWED, ALLOWED),
            data=lambda w: article_form_data("Neuer Entwurf", "neuer-entwurf"),
            done=lambda w: (
                Page.objects.child_of(w.index_a).filter(slug="neuer-entwurf", live=False).exists()
            ),
        ),
        Cell(
            "page",
            "edit",
            "A",
            "GET",
            lambda w: f"/admin/pages/{w.a_article.pk}/edit/",
            expect(ALLOWED, ALLOWED),
        ),
        Cell(
            "page",
            "edit",
            "A",
            "POST",
            lambda w: f"/admin/pages/{w.a_article.pk}/edit/",
            expect(ALLOWED, ALLOWED),
            data=lambda w: article_form_data("Überarbeitet", w.a_article.slug),
            done=lambda w: Page.objects.get(pk=w.a_article.pk).draft_title == "Überarbeitet",
        ),
        Cell(
            "page",
            "publish",
            "A",
            "POST",
            lambda w: f"/admin/pages/{w.a_publish.pk}/edit/",
            expect(ALLOWED, REFUSED),
            # An author's "publish" is saved as a draft: the page must stay offline.
            data=lambda w: article_form_data(
                "Jetzt öffentlich", w.a_publish.slug, action="action-publish"
            ),
            done=live_title("a_publish", "Jetzt öffentlich"),
            refusal_check=not_live("a_publish"),
        ),
        Cell(
            "page",
            "unpublish",
            "A",
            "GET",
            lambda w: f"/admin/pages/{w.a_unpublish.pk}/unpublish/",
            expect(ALLOWED, REFUSED),
        ),
        Cell(
            "page",
            "unpublish",
            "A",
            "POST",
            lambda w: f"/admin/pages/{w.a_unpublish.pk}/unpublish/",
            expect(ALLOWED, REFUSED),
            data=lambda w: {},
            done=not_live("a_unpublish"),
        ),
        Cell(
            "page",
            "delete",
            "A",
            "POST",
            lambda w: f"/admin/pages/{w.a_delete.pk}/delete/",
            expect(ALLOWED, REFUSED),
            data=lambda w: {},
            done=gone(Page, "a_delete"),
        ),
        Cell(
            "page",
            "delete own draft",
            "A",
            "POST",
            lambda w: f"/admin/pages/{w.a_author_draft.pk}/delete/",
            expect(ALLOWED, ALLOWED),
            data=lambda w: {},
            done=gone(Page, "a_author_draft"),
        ),
        Cell(
            "page",
            "move",
            "A",
            "GET",
            lambda w: f"/admin/pages/{w.a_article.pk}/move/",
            expect(ALLOWED, REFUSED),
        ),
        Cell(
            "page",
            "copy",
            "A",
            "POST",
            lambda w: f"/admin/pages/{w.a_article.pk}/copy/",
            expect(ALLOWED, ALLOWED),
            data=lambda w: {
                "new_title": "Kopie",
                "new_slug": "kopie-in-a",
                "new_parent_page": w.index_a.pk,
            },
            done=lambda w: Page.objects.child_of(w.index_a).filter(slug="kopie-in-a").exists(),
        ),
        Cell(
            "page",
            "revisions",
            "A",
            "GET",
            lambda w: (
                f"/admin/pages/{w.a_article.pk}/revisions/{w.a_article.latest_revision_id}/view/"
            ),
            expect(ALLOWED, ALLOWED),
        ),
        Cell(
            "page",
            "preview",
            "A",
            "POST",
            lambda w: f"/admin/pages/{w.a_article.pk}/edit/preview/",
            expect(ALLOWED, ALLOWED),
            data=lambda w: article_form_data("Vorschau", w.a_article.slug),
        ),
        Cell(
            "page",
            "preview",
            "A",
            "GET",
            lambda w: f"/admin/pages/{w.a_article.pk}/edit/preview/",
            expect(ALLOWED, ALLOWED),
            contains=lambda w: "Vorschau",
        ),
        Cell(
            "page",
            "history",
            "A",
            "GET",
            lambda w: f"/admin/pages/{w.a_article.pk}/history/",
            expect(ALLOWED, ALLOWED),
        ),
    ]
    return cells


def media_cells():
    cells = []
    for kind, model, edit, delete, chooser, listing in (
        (
            "image",
            Image,
            "/admin/images/{}/",
            "/admin/images/{}/delete/",
            "/admin/images/chooser/",
            "/admin/images/",
        ),
        (
            "document",
            Document,
            "/admin/documents/edit/{}/",
            "/admin/documents/delete/{}/",
            "/admin/documents/chooser/",
            "/admin/documents/",
        ),
    ):
        b, b2 = f"b_{kind}", f"b_{kind}_2"
        a, a_delete = f"a_{kind}", f"a_{kind}_delete"

        def title_is(attr, title, model=model):
            return lambda w: model.objects.get(pk=getattr(w, attr).pk).title == title

        def edit_data(w, attr=a, title="Neu betitelt"):
            return {"title": title, "collection": getattr(w, attr).collection_id, "tags": ""}

        cells += [
            Cell(
                kind,
                "edit",
                "B",
                "GET",
                lambda w, b=b, e=edit: e.format(getattr(w, b).pk),
                expect(regio=ALLOWED),
            ),
            Cell(
                kind,
                "edit",
                "B",
                "POST",
                lambda w, b=b, e=edit: e.format(getattr(w, b).pk),
                expect(regio=ALLOWED),
                data=lambda w, b=b: {
                    "title": "Übernommen",
                    "collection": getattr(w, b).collection_id,
                    "tags": "",
                },
                done=title_is(b, "Übernommen"),
            ),
            Cell(
                kind,
                "delete",
                "B",
                "GET",
                lambda w, b=b, d=delete: d.format(getattr(w, b).pk),
                expect(regio=ALLOWED),
            ),
            Cell(
                kind,
                "delete",
                "B",
                "POST",
                lambda w, b=b2, d=delete: d.format(getattr(w, b).pk),
                expect(regio=ALLOWED),
                data=lambda w: {},
                done=gone(model, b2),
            ),
            Cell(
                kind,
                "chooser",
                "B",
                "GET",
                lambda w, c=chooser: c,
                expect(ALLOWED, ALLOWED, ALLOWED),
                absent=lambda w, b=b: getattr(w, b).title,
                extra={"absent_for": (EDITOR, AUTHOR_ROLE)},
            ),
            Cell(
                kind,
                "chosen",
                "B",
                "GET",
                lambda w, b=b, c=chooser: f"{c}chosen/{getattr(w, b).pk}/",
                expect(regio=ALLOWED),
                contains=lambda w: '"step": "chosen"',
            ),
            Cell(
                kind,
                "chooser filtered to B's collection",
                "B",
                "GET",
                lambda w, c=chooser: f"{c}?collection_id={w.b.team.collection.pk}",
                expect(ALLOWED, ALLOWED),
                absent=lambda w, b=b: getattr(w, b).title,
                extra={"absent_for": (EDITOR, AUTHOR_ROLE)},
            ),
            Cell(
                kind,
                "usage",
                "B",
                "GET",
                lambda w, b=b, li=listing: f"{li}usage/{getattr(w, b).pk}/",
                expect(regio=ALLOWED),
            ),
            Cell(
                kind,
                "listing",
                "B",
                "GET",
                lambda w, li=listing: li,
                expect(ALLOWED, ALLOWED, ALLOWED),
                absent=lambda w, b=b: getattr(w, b).title,
                extra={"absent_for": (EDITOR, AUTHOR_ROLE)},
            ),
            Cell(
                kind,
                "chooser",
                "A",
                "GET",
                lambda w, c=chooser: c,
                expect(ALLOWED, ALLOWED),
                contains=lambda w, a=a: getattr(w, a).title,
            ),
            Cell(
                kind,
                "edit",
                "A",
                "GET",
                lambda w, a=a, e=edit: e.format(getattr(w, a).pk),
                expect(ALLOWED, REFUSED),
            ),
            Cell(
                kind,
                "edit",
                "A",
                "POST",
                lambda w, a=a, e=edit: e.format(getattr(w, a).pk),
                expect(ALLOWED, REFUSED),
                data=edit_data,
                done=title_is(a, "Neu betitelt"),
            ),
            Cell(
                kind,
                "delete",
                "A",
                "POST",
                lambda w, a=a_delete, d=delete: d.format(getattr(w, a).pk),
                expect(ALLOWED, REFUSED),
                data=lambda w: {},
                done=gone(model, a_delete),
            ),
        ]
    cells.append(
        Cell(
            "image",
            "edit own upload",
            "A",
            "POST",
            lambda w: f"/admin/images/{w.a_author_image.pk}/",
            expect(ALLOWED, ALLOWED),
            data=lambda w: {
                "title": "Von der Autorin umbenannt",
                "collection": w.a_author_image.collection_id,
                "tags": "",
            },
            done=lambda w: (
                Image.objects.get(pk=w.a_author_image.pk).title == "Von der Autorin umbenannt"
            ),
        )
    )
    return cells


SNIPPETS = {
    "pressrelease": (
        "press_release",
        "press_release_2",
        lambda title: {
            "published_at": "2026-11-20 10:00",
            "title": title,
            "teaser": "Anreißer",
            "body": rich_text("<p>Text.</p>"),
            "source_name": "spd.de",
            "source_url": "https://www.spd.de/neu",
        },
        PressRelease,
    ),
    "pressreleasefeed": (
        "feed",
        "feed_2",
        lambda title: {"name": title, "url": f"https://example.org/{len(title)}.xml"},
        PressReleaseFeed,
    ),
    "banner": (
        "banner",
        "banner_2",
        lambda title: {
            "title": title,
            "text": rich_text("<p>Hinweis.</p>"),
            "link_url": "",
            "link_text": "",
            "action-publish": "action-publish",
        },
        Banner,
    ),
    "newscategory": (
        "category",
        "category_2",
        lambda title: {"name": title, "slug": slugify(title)},
        NewsCategory,
    ),
}


def snippet_cells():
    cells = []
    for model_name, (attr, attr_2, form, model) in SNIPPETS.items():
        base = f"/admin/snippets/{model._meta.app_label}/{model_name}/"
        name_field = "name" if model in (PressReleaseFeed, NewsCategory) else "title"

        def exists_with(title, model=model, name_field=name_field):
            return lambda w: model.objects.filter(**{name_field: title}).exists()

        cells += [
            Cell(model_name, "list", "shared", "GET", lambda w, u=base: u, expect(regio=ALLOWED)),
            Cell(
                model_name,
                "create",
                "shared",
                "GET",
                lambda w, u=base: f"{u}add/",
                expect(regio=ALLOWED),
            ),
            Cell(
                model_name,
                "create",
                "shared",
                "POST",
                lambda w, u=base: f"{u}add/",
                expect(regio=ALLOWED),
                data=lambda w, f=form: f("Neu angelegt"),
                done=exists_with("Neu angelegt"),
            ),
            Cell(
                model_name,
                "edit",
                "shared",
                "GET",
                lambda w, u=base, a=attr: f"{u}edit/{getattr(w, a).pk}/",
                expect(regio=ALLOWED),
            ),
            Cell(
                model_name,
                "edit",
                "shared",
                "POST",
                lambda w, u=base, a=attr: f"{u}edit/{getattr(w, a).pk}/",
                expect(regio=ALLOWED),
                data=lambda w, f=form: f("Umbenannt"),
                done=exists_with("Umbenannt"),
            ),
            Cell(
                model_name,
                "delete",
                "shared",
                "POST",
                lambda w, u=base, a=attr_2: f"{u}delete/{getattr(w, a).pk}/",
                expect(regio=ALLOWED),
                data=lambda w: {},
                done=gone(model, attr_2),
            ),
        ]
    # The feed admin's "import now" action fetches and writes press releases.
    cells.append(
        Cell(
            "pressreleasefeed",
            "import now",
            "shared",
            "POST",
            lambda w: f"/admin/snippets/press/pressreleasefeed/import/{w.feed.pk}/",
            expect(),
            data=lambda w: {},
        )
    )
    cells.append(
        Cell(
            "pressrelease",
            "hide",
            "shared",
            "POST",
            lambda w: f"/admin/snippets/press/pressrelease/hide/{w.press_release.pk}/",
            expect(regio=ALLOWED),
            data=lambda w: {},
            done=lambda w: PressRelease.objects.get(pk=w.press_release.pk).hidden,
        )
    )
    # Read / choose only: the category chooser in the article editor works for the team.
    cells.append(
        Cell(
            "newscategory",
            "chooser",
            "shared",
            "GET",
            lambda w: "/admin/snippets/choose/news/newscategory/",
            expect(ALLOWED, ALLOWED, ALLOWED),
            contains=lambda w: w.category_3.name,
        )
    )
    return cells


def administration_cells():
    def user_data(username):
        return {
            "username": username,
            "email": f"{username}@example.org",
            "first_name": "Neu",
            "last_name": "Person",
            "password1": "ein-langes-passwort-2026",
            "password2": "ein-langes-passwort-2026",
            "is_active": "on",
        }

    return [
        Cell("users", "list", "-", "GET", lambda w: "/admin/users/", expect(regio=ALLOWED)),
        Cell(
            "users",
            "create",
            "-",
            "POST",
            lambda w: "/admin/users/new/",
            expect(regio=ALLOWED),
            data=lambda w: user_data("neue-redakteurin"),
            done=lambda w: get_user_model().objects.filter(username="neue-redakteurin").exists(),
        ),
        Cell(
            "users",
            "edit",
            "-",
            "POST",
            lambda w: f"/admin/users/edit/{w.users['editor_b'].pk}/",
            expect(regio=REFUSED),
            data=lambda w: {**user_data("editor_b"), "is_superuser": "on"},
        ),
        Cell(
            "users",
            "create superuser",
            "-",
            "POST",
            lambda w: "/admin/users/new/",
            expect(regio=REFUSED),
            data=lambda w: {**user_data("neuer-chef"), "is_superuser": "on"},
        ),
        Cell(
            "users",
            "delete superuser",
            "-",
            "POST",
            lambda w: f"/admin/users/delete/{w.users['superuser'].pk}/",
            expect(regio=REFUSED),
            data=lambda w: {},
        ),
        Cell(
            "users",
            "edit superuser",
            "-",
            "GET",
            lambda w: f"/admin/users/edit/{w.users['superuser'].pk}/",
            expect(regio=REFUSED),
        ),
        Cell(
            "users",
            "edit",
            "-",
            "POST",
            lambda w: f"/admin/users/edit/{w.users['editor_b'].pk}/",
            expect(regio=ALLOWED),
            data=lambda w: {**user_data("editor_b"), "email": "neu@example.org"},
            done=lambda w: (
                get_user_model()
                .objects.filter(username="editor_b", email="neu@example.org")
                .exists()
            ),
        ),
        Cell("groups", "list", "-", "GET", lambda w: "/admin/groups/", expect(regio=REFUSED)),
        Cell(
            "groups",
            "edit own",
            "-",
            "POST",
            lambda w: f"/admin/groups/edit/{w.a.team.editors.pk}/",
            expect(regio=REFUSED),
            data=lambda w: {"name": "Alle Rechte"},
        ),
        Cell("sites", "list", "-", "GET", lambda w: "/admin/sites/", expect(regio=REFUSED)),
        Cell(
            "sites",
            "create",
            "-",
            "POST",
            lambda w: "/admin/sites/new/",
            expect(regio=REFUSED),
            data=lambda w: {
                "hostname": "fremd.example.org",
                "port": "80",
                "root_page": w.b.pk,
                "site_name": "Fremd",
            },
        ),
        Cell(
            "settings",
            "edit",
            "-",
            "GET",
            lambda w: f"/admin/settings/home/platformsettings/{w.settings.pk}/",
            expect(regio=ALLOWED),
        ),
        Cell(
            "settings",
            "edit",
            "-",
            "POST",
            lambda w: f"/admin/settings/home/platformsettings/{w.settings.pk}/",
            expect(regio=ALLOWED),
            data=lambda w: {
                "platform_name": "Gekapert",
                "footer_line": "Gekapert",
                "office_name": "",
                "office_address": "",
                "office_email": "",
                "office_phone": "",
            },
            done=lambda w: PlatformSettings.objects.get().platform_name == "Gekapert",
        ),
        Cell(
            "chapters",
            "list",
            "-",
            "GET",
            lambda w: "/admin/ortsvereine/",
            expect(regio=ALLOWED),
            contains=lambda w: "SPD Falkensee",
        ),
        Cell(
            "chapters",
            "create",
            "-",
            "POST",
            lambda w: "/admin/ortsvereine/neu/",
            expect(regio=ALLOWED),
            data=lambda w: {"region": w.home.pk, "title": "SPD Nauen", "slug": "nauen"},
            done=lambda w: Page.objects.child_of(w.home).filter(slug="nauen").exists(),
        ),
        Cell(
            "chapters",
            "add member",
            "-",
            "POST",
            lambda w: f"/admin/ortsvereine/{w.b.pk}/person/",
            expect(),
            data=lambda w: {"identifier": w.users[EDITOR].username, "role": "editor"},
        ),
        Cell(
            "chapters",
            "overview",
            "-",
            "GET",
            lambda w: "/admin/ortsvereine/uebersicht/",
            expect(regio=ALLOWED),
            contains=lambda w: "SPD Falkensee",
        ),
        Cell(
            "chapters",
            "translation status",
            "B",
            "GET",
            lambda w: f"/admin/ortsvereine/{w.b.pk}/uebersetzungen/",
            expect(regio=ALLOWED),
            contains=lambda w: "Impressum",
        ),
        Cell(
            "chapters",
            "retire",
            "-",
            "POST",
            lambda w: f"/admin/ortsvereine/{w.b.pk}/stilllegen/",
            expect(regio=ALLOWED),
            data=lambda w: {},
            done=lambda w: not Page.objects.get(pk=w.b.pk).live,
        ),
    ]


def dashboard_cells():
    return [
        Cell(
            "dashboard",
            "own chapter",
            "A",
            "GET",
            lambda w: "/admin/",
            expect(ALLOWED, ALLOWED),
            contains=lambda w: w.a_unpublish.title,
            absent=lambda w: w.b_article.title,
            extra={"absent_for": (EDITOR, AUTHOR_ROLE)},
        )
    ]


def english_cells():
    """The English tree: chapter teams work on their own chapter's English pages only."""

    def english(attr):
        return lambda w: (
            Page.objects.get(
                translation_key=getattr(w, attr).translation_key, locale__language_code="en"
            ).pk
        )

    return [
        Cell(
            "english",
            "explore",
            "B",
            "GET",
            lambda w: f"/admin/pages/{english('b')(w)}/",
            expect(regio=ALLOWED),
        ),
        Cell(
            "english",
            "edit",
            "B",
            "GET",
            lambda w: f"/admin/pages/{english('b_article')(w)}/edit/",
            expect(regio=ALLOWED),
        ),
        Cell(
            "english",
            "translate",
            "B",
            "POST",
            lambda w: f"/admin/localize/submit/page/{w.b_article.pk}/",
            expect(),
            data=lambda w: {"locales": [Locale.objects.get(language_code="en").pk]},
        ),
        Cell(
            "english",
            "explore",
            "A",
            "GET",
            lambda w: f"/admin/pages/{english('a')(w)}/",
            expect(ALLOWED, ALLOWED, regio=ALLOWED),
        ),
        Cell(
            "english",
            "edit",
            "A",
            "GET",
            lambda w: f"/admin/pages/{english('a')(w)}/edit/",
            expect(ALLOWED, ALLOWED, regio=ALLOWED),
        ),
    ]


def people_and_sharing_cells():
    """Chapter B's people and contact messages; articles shared between the chapters."""
    share_url = "/admin/geteilte-artikel/"
    return [
        Cell(
            "people",
            "list",
            "shared",
            "GET",
            lambda w: "/admin/snippets/people/person/",
            expect(ALLOWED, ALLOWED, regio=ALLOWED),
            contains=lambda w: "Personen",
            absent=lambda w: w.person_b.name,
            extra={"absent_for": (EDITOR, AUTHOR_ROLE)},
        ),
        Cell(
            "people",
            "edit",
            "B",
            "POST",
            lambda w: f"/admin/snippets/people/person/edit/{w.person_b.pk}/",
            expect(regio=ALLOWED),
            data=lambda w: person_form_data(w, "Berta Geändert"),
            done=lambda w: Person.objects.filter(name="Berta Geändert").exists(),
        ),
        Cell(
            "people",
            "delete",
            "B",
            "POST",
            lambda w: f"/admin/snippets/people/person/delete/{w.person_b.pk}/",
            expect(),
        ),
        Cell(
            "submissions",
            "list and export",
            "shared",
            "GET",
            lambda w: "/admin/kontaktanfragen/?export=csv",
            expect(ALLOWED, ALLOWED, regio=ALLOWED),
            absent=lambda w: w.submission_b.name,
            extra={"absent_for": (EDITOR, AUTHOR_ROLE)},
        ),
        Cell(
            "submissions",
            "inspect",
            "B",
            "GET",
            lambda w: f"/admin/kontaktanfragen/inspect/{w.submission_b.pk}/",
            expect(regio=ALLOWED),
            contains=lambda w: w.submission_b.name,
        ),
        Cell(
            "sharing",
            "accept",
            "A",
            "POST",
            lambda w: f"{share_url}{w.share_to_a.pk}/uebernehmen/",
            expect(ALLOWED, REFUSED),
            done=lambda w: SharedArticle.objects.get(pk=w.share_to_a.pk).accepted,
        ),
        Cell(
            "sharing",
            "accept",
            "B",
            "POST",
            lambda w: f"{share_url}{w.share_to_b.pk}/uebernehmen/",
            expect(regio=ALLOWED),
            done=lambda w: SharedArticle.objects.get(pk=w.share_to_b.pk).accepted,
        ),
        Cell(
            "sharing",
            "offer",
            "B",
            "POST",
            lambda w: f"{share_url}anbieten/{w.b_shared.pk}/",
            expect(),
            data=lambda w: {"chapters": [w.a.pk]},
        ),
        Cell(
            "sharing",
            "retract",
            "B",
            "POST",
            lambda w: f"{share_url}zurueckziehen/{w.b_shared.pk}/",
            expect(regio=ALLOWED),
            done=lambda w: not SharedArticle.objects.filter(article=w.b_shared).exists(),
        ),
    ]


def person_form_data(world, name):
    return nested_form_data(
        {
            "chapter": world.b.pk,
            "name": name,
            "sort_order": 1,
            "bio": "",
            "email": "",
            "phone": "",
            "website_url": "",
            "mastodon_url": "",
            "instagram_url": "",
            "facebook_url": "",
            "photo": "",
            "roles": inline_formset([{"role": Role.objects.order_by("pk").first().pk}], min=1),
        }
    )


SUBSCRIPTIONS = "/admin/snippets/events/calendarsubscription/"


def subscription_form(name, index_attr):
    return lambda w: {
        "name": name,
        "url": "http://127.0.0.1:9/neu.ics",
        "target": getattr(w, index_attr).pk,
        "active": "on",
    }


def checked(attr):
    return lambda w: CalendarSubscription.objects.get(pk=getattr(w, attr).pk).last_checked_at


def event_cells():
    """Events pages in the chapters' Termine, and the calendar subscriptions (events/
    permissions.py): a chapter's editors manage their own only, authors none."""
    add_url = "/admin/pages/add/events/eventpage/{}/"
    cells = [
        Cell(
            "events",
            "add",
            "B",
            "GET",
            lambda w: add_url.format(w.events_b.pk),
            expect(regio=ALLOWED),
        ),
        Cell(
            "events",
            "add",
            "B",
            "POST",
            lambda w: add_url.format(w.events_b.pk),
            expect(),
            data=lambda w: event_form_data("Fremder Termin", "fremd"),
        ),
        Cell(
            "events",
            "edit",
            "B",
            "GET",
            lambda w: f"/admin/pages/{w.b_event.pk}/edit/",
            expect(regio=ALLOWED),
        ),
        Cell(
            "events",
            "add",
            "A",
            "GET",
            lambda w: add_url.format(w.events_a.pk),
            expect(ALLOWED, ALLOWED, ALLOWED),
        ),
        Cell(
            "events",
            "add",
            "A",
            "POST",
            lambda w: add_url.format(w.events_a.pk),
            expect(ALLOWED, ALLOWED),  # authors save a draft
            data=lambda w: event_form_data("Eigener Termin", "eigener-termin"),
            done=lambda w: (
                EventPage.objects.child_of(w.events_a).filter(slug="eigener-termin").exists()
            ),
        ),
        Cell(
            "events",
            "edit",
            "A",
            "GET",
            lambda w: f"/admin/pages/{w.a_event.pk}/edit/",
            expect(ALLOWED, ALLOWED, ALLOWED),
        ),
        Cell(
            "calendarsubscription",
            "list",
            "mixed",
            "GET",
            lambda w: SUBSCRIPTIONS,
            expect(editor=ALLOWED, regio=ALLOWED),
            contains=lambda w: w.sub_a.name,
            absent=lambda w: w.sub_b.name,
            extra={"absent_for": (EDITOR,)},
        ),
        Cell(
            "calendarsubscription",
            "edit",
            "B",
            "GET",
            lambda w: f"{SUBSCRIPTIONS}edit/{w.sub_b.pk}/",
            expect(regio=ALLOWED),
        ),
        Cell(
            "calendarsubscription",
            "edit",
            "B",
            "POST",
            lambda w: f"{SUBSCRIPTIONS}edit/{w.sub_b.pk}/",
            expect(regio=ALLOWED),
            data=subscription_form("Umbenannter Kalender", "events_b"),
            done=lambda w: CalendarSubscription.objects.filter(
                name="Umbenannter Kalender"
            ).exists(),
        ),
        Cell(
            "calendarsubscription",
            "import now",
            "B",
            "GET",
            lambda w: f"{SUBSCRIPTIONS}import/{w.sub_b.pk}/",
            expect(regio=ALLOWED),
        ),
        Cell(
            "calendarsubscription",
            "import now",
            "B",
            "POST",
            lambda w: f"{SUBSCRIPTIONS}import/{w.sub_b.pk}/",
            expect(regio=ALLOWED),
            data=lambda w: {},
            done=checked("sub_b"),
        ),
        Cell(
            "calendarsubscription",
            "delete",
            "B",
            "POST",
            lambda w: f"{SUBSCRIPTIONS}delete/{w.sub_b_2.pk}/",
            expect(regio=ALLOWED),
            data=lambda w: {},
            done=gone(CalendarSubscription, "sub_b_2"),
        ),
        Cell(
            "calendarsubscription",
            "create",
            "B",
            "POST",
            lambda w: f"{SUBSCRIPTIONS}add/",
            expect(editor=REFUSED),
            data=subscription_form("Untergeschoben", "events_b"),
            extra={"form_error": True},
        ),
        Cell(
            "calendarsubscription",
            "edit",
            "A",
            "GET",
            lambda w: f"{SUBSCRIPTIONS}edit/{w.sub_a.pk}/",
            expect(editor=ALLOWED),
        ),
        Cell(
            "calendarsubscription",
            "import now",
            "A",
            "POST",
            lambda w: f"{SUBSCRIPTIONS}import/{w.sub_a.pk}/",
            expect(editor=ALLOWED),
            data=lambda w: {},
            done=checked("sub_a"),
        ),
        Cell(
            "calendarsubscription",
            "create",
            "A",
            "POST",
            lambda w: f"{SUBSCRIPTIONS}add/",
            expect(editor=ALLOWED),
            data=subscription_form("Neuer Kalender Wustermark", "events_a"),
            done=lambda w: CalendarSubscription.objects.filter(
                name="Neuer Kalender Wustermark", target=w.events_a
            ).exists(),
        ),
    ]
    return cells


def all_cells():
    cells = page_cells() + media_cells() + snippet_cells() + administration_cells()
    cells += dashboard_cells() + english_cells() + people_and_sharing_cells()
    cells += event_cells()
    cells += dashboard_cells() + english_cells()
    # Destructive allowed cells last, so they cannot hide a refusal elsewhere.
    return sorted(cells, key=lambda cell: cell.area == "chapters" and cell.action == "retire")


def body(response):
    """The response's text, also for a streamed export."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def evaluate(client, world, role, cell):
    url = cell.url(world)
    before = snapshot()
    if cell.method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, cell.data(world) if cell.data else {})
    wanted = cell.expect[role]
    problems = []
    if wanted == REFUSED:
        if cell.refusal_check is not None and response.status_code < 500:
            # Wagtail answers normally but does not do it (publish → draft saved instead).
            pass
        elif cell.extra.get("form_error") and response.status_code == 200:
            # The form is shown again with an error instead of doing it.
            if not response.context["form"].errors:
                problems.append("form shown again without an error")
        elif not refused(response, url):
            problems.append(f"not refused ({response.status_code})")
        if cell.refusal_check is not None:
            if not cell.refusal_check(world):
                problems.append(f"{cell.action} happened anyway")
        elif snapshot() != before:
            problems.append("database changed")
    else:
        if cell.method == "GET" and response.status_code != 200:
            problems.append(f"status {response.status_code} {response.get('Location', '')}")
        if cell.method == "POST" and response.status_code >= 400:
            problems.append(f"status {response.status_code} {response.get('Location', '')}")
        if cell.done is not None and not cell.done(world):
            problems.append("POST had no effect")
        if cell.contains is not None and cell.contains(world) not in body(response):
            problems.append(f"{cell.contains(world)!r} missing")
    absent_for = cell.extra.get("absent_for", ())
    if cell.absent is not None and role in absent_for and cell.absent(world) in body(response):
        problems.append(f"{cell.absent(world)!r} shown")
    return problems


@pytest.fixture
def world(home, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return World(home)


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(client, world, role):
    client.force_login(world.users[role])
    failures = []
    cells = [cell for cell in all_cells() if role in cell.expect]
    for cell in cells:
        problems = evaluate(client, world, role, cell)
        if problems:
            failures.append(f"{cell.name} expected {cell.expect[role]}: {', '.join(problems)}")
    assert not failures, "\n".join(failures)


def test_matrix_size():
    """Cells are only ever added on purpose: a lost cell is a lost check."""
    cells = all_cells()
    per_role = {role: sum(role in cell.expect for cell in cells) for role in ROLES}
    assert sum(per_role.values()) == MATRIX_CELLS, per_role
