"""Opening and retiring a chapter: its pages, its site, its team's groups, its media
collection and its approval workflow, each in one transaction.

The admin views, `manage.py create_chapter` / `retire_chapter` and `seed_demo` all call
these functions. Bad input raises `django.core.exceptions.ValidationError` with a German
message per field ("title", "slug", "host_name", "region") before anything is written.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.validators import DomainNameValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.rich_text import RichText

from events.models import EventIndexPage
from news.models import NewsIndexPage
from people.access import TEAM_PERMISSIONS
from people.legal import legal_texts
from people.models import ContactPage
from translations.sync import grant_translation_rights, revoke_translation_rights

from .models import ChapterPage, ChapterTeam, ContentPage
from .roles import (
    AUTHOR,
    AUTHOR_MEDIA_PERMISSIONS,
    AUTHOR_MODEL_PERMISSIONS,
    AUTHOR_PAGE_PERMISSIONS,
    EDITOR,
    EDITOR_MEDIA_PERMISSIONS,
    EDITOR_MODEL_PERMISSIONS,
    EDITOR_PAGE_PERMISSIONS,
    authors_group_name,
    editors_group_name,
    workflow_name,
)

STANDARD_PAGES = (
    ("Kontakt", "kontakt"),
    ("Impressum", "impressum"),
    ("Datenschutz", "datenschutz"),
)


def regions():
    """The pages a chapter can be opened under (the regional home pages), German only: the
    other languages' trees follow the German one."""
    region_models = ChapterPage.allowed_parent_page_models()
    return (
        Page.objects.type(*region_models)
        .filter(locale=Locale.get_default(), alias_of__isnull=True)
        .specific()
        .order_by("path")
    )


def resolve_region(region):
    """The region a chapter is opened under: a regional home page, its primary key or slug."""
    if isinstance(region, tuple(ChapterPage.allowed_parent_page_models())):
        return region  # the caller's own instance, so its numchild stays in step
    if isinstance(region, Page):
        region = region.pk
    home = None
    if isinstance(region, int) or (isinstance(region, str) and region.isdigit()):
        home = regions().filter(pk=int(region)).first()
    elif isinstance(region, str) and region:
        home = regions().filter(slug=region).first()
    if home is None:
        raise ValidationError(
            {"region": _("Unbekannte Region „%(region)s“.") % {"region": region or ""}}
        )
    return home


def normalize_host_name(host_name):
    host_name = (host_name or "").strip().lower().rstrip(".")
    if not host_name:
        return ""
    try:
        DomainNameValidator(accept_idna=False)(host_name)
    except ValidationError:
        raise ValidationError(
            {
                "host_name": _(
                    "„%(host)s“ ist kein gültiger Hostname (Beispiel: wustermark.example.org)."
                )
                % {"host": host_name}
            }
        ) from None
    return host_name


def _validate(home, title, slug, host_name):
    """Return the existing chapter this call is about (or None); raise on conflicts."""
    errors = {}
    if not title:
        errors["title"] = _("Bitte geben Sie den Namen des Ortsvereins an.")
    if not slug:
        errors["slug"] = _(
            "Bitte geben Sie eine Adresse (Kurzname) aus Buchstaben oder Ziffern an."
        )
    if errors:
        raise ValidationError(errors)

    existing = ChapterPage.objects.child_of(home).filter(slug=slug).first()
    if existing is not None and existing.title != title:
        errors["slug"] = _(
            "Die Adresse „/%(slug)s/“ gehört schon zum Ortsverein „%(chapter)s“."
        ) % {"slug": slug, "chapter": existing.title}
    elif existing is None:
        if slug_clash(home, slug):
            errors["slug"] = slug_clash(home, slug)
        taken_title = (
            ChapterTeam.objects.filter(chapter__title=title).exists()
            or ChapterPage.objects.child_of(home).filter(title=title).exists()
            or Collection.objects.filter(depth=2, name=title).exists()
        )
        if taken_title:
            errors["title"] = _("Einen Ortsverein „%(title)s“ gibt es schon.") % {"title": title}

    if host_name:
        sites = Site.objects.filter(hostname=host_name)
        if existing is not None:
            sites = sites.exclude(root_page=existing)
        if sites.exists():
            errors["host_name"] = _(
                "Der Hostname „%(host)s“ wird schon von einer anderen Website verwendet."
            ) % {"host": host_name}
    if errors:
        raise ValidationError(errors)
    return existing


def slug_clash(home, slug):
    """Why *slug* cannot be a new chapter's address below *home*, or "" if it can."""
    page = Page.objects.child_of(home).filter(slug=slug).first()
    if page is None:
        return ""
    return _("Die Adresse „/%(slug)s/“ ist schon vergeben (an „%(page)s“).") % {
        "slug": slug,
        "page": page.title,
    }


def _publish(page, user):
    page.save_revision(user=user, log_action=True).publish(user=user)


def _create_pages(home, title, slug, user, chapter_fields):
    chapter = ChapterPage(title=title, slug=slug, owner=user, **chapter_fields)
    home.add_child(instance=chapter)
    _publish(chapter, user)
    news_index = NewsIndexPage(title="Aktuelles", slug="aktuelles", owner=user)
    chapter.add_child(instance=news_index)
    _publish(news_index, user)
    event_index = EventIndexPage(title="Termine", slug="termine", owner=user)
    chapter.add_child(instance=event_index)
    _publish(event_index, user)
    add_standard_pages(
        chapter,
        user=user,
        ortsverein=title,
        verantwortlich=chapter.contact_name,
        anschrift=chapter.contact_address,
        email=chapter.contact_email,
    )
    return chapter


def add_standard_pages(parent, *, user=None, **placeholders):
    """Kontakt (with its form), Impressum and Datenschutz below *parent* (a chapter or the
    regional home), the legal texts filled from the platform's templates (people/legal.py);
    pages that exist already are left alone."""
    platform = apps.get_model("home", "PlatformSettings").load()
    imprint, privacy = legal_texts(platform, **placeholders)
    bodies = {"impressum": imprint, "datenschutz": privacy}
    existing = set(Page.objects.child_of(parent).values_list("slug", flat=True))
    for page_title, page_slug in STANDARD_PAGES:
        if page_slug in existing:
            continue
        if page_slug == "kontakt":
            page = ContactPage(title=page_title, slug=page_slug, show_in_menus=True, owner=user)
        else:
            page = ContentPage(
                title=page_title,
                slug=page_slug,
                show_in_menus=True,
                owner=user,
                body=[("paragraph", RichText(bodies[page_slug]))],
            )
        parent.add_child(instance=page)
        _publish(page, user)


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _model_permissions(model_permissions):
    return [
        _permission(app_label, codename)
        for app_label, codenames in model_permissions.items()
        for codename in codenames
    ]


def _grant(group, chapter, collection, page_permissions, media_permissions, model_permissions):
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    # Chapters import their own calendars (events/permissions.py narrows to their Termine).
    group.permissions.add(*_model_permissions(model_permissions))
    for action in page_permissions:
        GroupPagePermission.objects.get_or_create(
            group=group, page=chapter, permission=_permission("wagtailcore", f"{action}_page")
        )
    for app_label, codenames in media_permissions.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, codename)
            )
    # The chapter's people and contact messages (the admin shows this chapter's rows only).
    group.permissions.add(*_model_permissions(TEAM_PERMISSIONS))
    # Who may add or edit the chapter's pages may submit them for translation.
    grant_translation_rights(group)


def _collection_for(title):
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=title).first()
    return collection or root.add_child(name=title)


def _workflow_for(chapter, editors):
    """Authors submit, the chapter's own editors approve."""
    workflow, _created = Workflow.objects.get_or_create(name=workflow_name(chapter.title))
    task = GroupApprovalTask.objects.filter(name=editors.name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=editors.name)
    task.groups.set([editors])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=chapter, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def provision_chapter(
    home,
    title,
    *,
    slug=None,
    host_name="",
    port=443,
    municipality="",
    user=None,
    **chapter_fields,
):
    """Open a chapter completely, or complete and return the existing one.

    `home` is the region (a HomePage, its pk or slug). Creates the ChapterPage with
    "Aktuelles", Kontakt, Impressum and Datenschutz (all published), a Site when `host_name`
    is given (port 443 unless told: chapters are served over HTTPS), the groups
    "<title>: Redaktion" (publishes) and "<title>: Autoren" (submits for approval) with
    rights on this chapter only, the collection "<title>" and the
    workflow "<title>: Freigabe". Calling it again for the same chapter changes nothing;
    a retired chapter is returned as it is (retiring is undone by hand, on purpose).
    """
    home = resolve_region(home)
    title = (title or "").strip()
    slug = slugify(slug or title)
    host_name = normalize_host_name(host_name)
    existing = _validate(home, title, slug, host_name)

    if (
        existing is not None
        and ChapterTeam.objects.filter(chapter=existing, retired_at__isnull=False).exists()
    ):
        return existing
    chapter = existing or _create_pages(
        home, title, slug, user, {"municipality": municipality, **chapter_fields}
    )

    if host_name and not Site.objects.filter(hostname=host_name, root_page=chapter).exists():
        Site.objects.create(hostname=host_name, port=port, root_page=chapter, site_name=title)

    editors, _created = Group.objects.get_or_create(name=editors_group_name(chapter.title))
    authors, _created = Group.objects.get_or_create(name=authors_group_name(chapter.title))
    collection = _collection_for(chapter.title)
    _grant(
        editors,
        chapter,
        collection,
        EDITOR_PAGE_PERMISSIONS,
        EDITOR_MEDIA_PERMISSIONS,
        EDITOR_MODEL_PERMISSIONS,
    )
    _grant(
        authors,
        chapter,
        collection,
        AUTHOR_PAGE_PERMISSIONS,
        AUTHOR_MEDIA_PERMISSIONS,
        AUTHOR_MODEL_PERMISSIONS,
    )
    workflow = _workflow_for(chapter, editors)
    ChapterTeam.objects.update_or_create(
        chapter=chapter,
        defaults={
            "editors": editors,
            "authors": authors,
            "collection": collection,
            "workflow": workflow,
        },
    )
    return chapter


@transaction.atomic
def retire_chapter(chapter, *, user=None):
    """Take a chapter offline: unpublish its pages and revoke its team's rights.

    Deletes nothing: pages, revisions, images, documents, groups and their members stay,
    so the chapter can be reopened by hand. Calling it again changes nothing.
    """
    chapter = chapter.specific if isinstance(chapter, Page) else chapter
    if not isinstance(chapter, ChapterPage):
        raise ValidationError(_("Nur Ortsvereine können stillgelegt werden."))
    team = ChapterTeam.objects.filter(chapter=chapter).first()
    if team is not None and team.is_retired:
        return chapter

    # Every language version goes offline, not only the German tree.
    for root in [chapter, *chapter.get_translations()]:
        for page in root.get_descendants(inclusive=True).live().specific().iterator():
            UnpublishPageAction(page, user=user).execute(skip_permission_checks=True)

    if team is not None:
        groups = [team.editors, team.authors]
    else:  # chapters opened before teams existed
        groups = list(
            Group.objects.filter(
                Q(name=editors_group_name(chapter.title))
                | Q(name=authors_group_name(chapter.title))
            )
        )
    GroupPagePermission.objects.filter(group__in=groups).delete()
    GroupCollectionPermission.objects.filter(group__in=groups).delete()
    access_admin = _permission("wagtailadmin", "access_admin")
    team_permissions = [
        *_model_permissions(TEAM_PERMISSIONS),
        *_model_permissions(EDITOR_MODEL_PERMISSIONS),
    ]
    for group in groups:
        group.permissions.remove(access_admin, *team_permissions)
        revoke_translation_rights(group)
    if team is not None:
        team.retired_at = timezone.now()
        team.save(update_fields=["retired_at"])
    return chapter


@transaction.atomic
def add_chapter_member(chapter, user, *, role=EDITOR):
    """Put a user into a chapter's editors (publish) or authors (submit), not both."""
    team = ChapterTeam.objects.select_related("editors", "authors").get(chapter=chapter)
    if team.is_retired:
        raise ValidationError(
            _("Der Ortsverein „%(title)s“ ist stillgelegt.") % {"title": chapter.title}
        )
    if role not in (EDITOR, AUTHOR):
        raise ValidationError(_("Unbekannte Rolle."))
    join, leave = (team.editors, team.authors) if role == EDITOR else (team.authors, team.editors)
    user.groups.remove(leave)
    user.groups.add(join)
    return team
