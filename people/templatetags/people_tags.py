"""People on public pages: a chapter's board and representatives, the chairs on the
regional home, and the links every footer carries."""

from django import template
from django.conf import settings
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Page

from pagecache.cache import cached_fragment, chapter_scope

from ..legal_links import legal_pages, scope_path
from ..models import BOARD, MANDATE, Person, PersonRole, Role

register = template.Library()


@register.simple_tag
def people_section(chapter, heading_level=2, about=False):
    """The chapter's "Vorstand" and "Mandatsträger", each ordered, photos included; kept
    until people, roles or images change (they purge everything)."""
    if chapter is None:
        return ""

    def render():
        people = list(Person.objects.of_chapter(chapter).with_roles())
        localize_roles(people)
        groups = []
        for group in (BOARD, MANDATE):
            members = [
                person
                for person in people
                if any(person_role.role.group == group for person_role in person.roles.all())
            ]
            if members:
                groups.append({"key": group, "members": members})
        return render_to_string(
            "people/people_section.html",
            {
                "groups": groups,
                "about": about,
                "heading_level": heading_level,
                "sub_level": heading_level + 1,
            },
        )

    return cached_fragment("people-section", render, parts=(chapter.pk, heading_level, about))


def localize_roles(people):
    """Set `role_labels` on each person: their functions in the visitor's language (one
    query for all, none in German)."""
    roles = {pr.role_id: pr.role for person in people for pr in person.roles.all()}
    names = {}
    active = translation.get_language() or settings.LANGUAGE_CODE
    if roles and not active.startswith(settings.LANGUAGE_CODE):
        keys = {role.translation_key: pk for pk, role in roles.items()}
        translated = Role.objects.filter(
            translation_key__in=keys, locale__language_code=active
        ).values_list("translation_key", "name")
        names = {keys[key]: name for key, name in translated}
    for person in people:
        person.role_labels = [names.get(pr.role_id, pr.role.name) for pr in person.roles.all()]


@register.simple_tag
def attach_chairs(chapters):
    """Give each chapter in *chapters* its `chair` (a Person or None), one query for all.
    Translated chapter pages find the people of their German original."""
    chapters = list(chapters or [])
    keys = [chapter.translation_key for chapter in chapters]
    chairs = {}
    rows = (
        PersonRole.objects.filter(person__chapter__translation_key__in=keys, role__is_chair=True)
        .select_related("person")
        .annotate(chapter_key=F("person__chapter__translation_key"))
        .order_by("role__sort_order", "person__sort_order", "sort_order")
    )
    for row in rows:
        chairs.setdefault(row.chapter_key, row.person)
    for chapter in chapters:
        chapter.chair = chairs.get(chapter.translation_key)
    return ""


@register.simple_tag(takes_context=True)
def footer_links(context, page=None):
    """Impressum, Datenschutz, Kontakt and social profiles of the page's chapter, or of
    the region on pages outside a chapter (one query, none on a page routed through its
    chapter). Rendered once per chapter or region, language and host, and kept until
    something in the chapter changes (its page-cache scope), outside chapters until
    anything changes (the global generation), like the chapter's menu."""
    request = context.get("request")
    scope = getattr(page, "chapter", None) if isinstance(page, Page) else None

    def render():
        legal = legal_pages(request, page)
        social = []
        if scope is not None:
            for label, field in (
                ("Facebook", "facebook_url"),
                ("Instagram", "instagram_url"),
                ("Mastodon", "mastodon_url"),
            ):
                if getattr(scope, field, ""):
                    social.append((label, getattr(scope, field)))
        return render_to_string(
            "people/footer_links.html",
            {
                "request": request,
                "imprint": legal.get("impressum"),
                "privacy": legal.get("datenschutz"),
                "contact": legal.get("kontakt"),
                "social": social,
                "settings": context.get("settings"),
            },
        )

    return cached_fragment(
        "footer-links",
        render,
        parts=(scope_path(request, page), request.get_host() if request is not None else ""),
        scope=chapter_scope(scope.translation_key) if scope is not None else None,
    )
