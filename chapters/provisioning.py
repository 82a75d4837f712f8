"""Opening a chapter: its pages, its editors' group and its media collection, in one step."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from .models import ChapterPage, ContentPage, NewsIndexPage

EDITOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
EDITOR_MEDIA_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}
STANDARD_PAGES = (
    ("Kontakt", "kontakt"),
    ("Impressum", "impressum"),
    ("Datenschutz", "datenschutz"),
)


def editors_group_name(chapter_title):
    return f"{chapter_title}: Redaktion"


@transaction.atomic
def provision_chapter(home, title, *, slug=None, municipality="", **chapter_fields):
    """Create a chapter completely, or return the existing one with the same slug."""
    slug = slug or slugify(title)
    chapter = ChapterPage.objects.child_of(home).filter(slug=slug).first()
    if chapter is None:
        chapter = ChapterPage(title=title, slug=slug, municipality=municipality, **chapter_fields)
        home.add_child(instance=chapter)
        chapter.save_revision().publish()
        news_index = NewsIndexPage(title="Aktuelles", slug="aktuelles")
        chapter.add_child(instance=news_index)
        news_index.save_revision().publish()
        for page_title, page_slug in STANDARD_PAGES:
            page = ContentPage(title=page_title, slug=page_slug, show_in_menus=True)
            chapter.add_child(instance=page)
            page.save_revision().publish()

    group, _ = Group.objects.get_or_create(name=editors_group_name(chapter.title))
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission_type in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=chapter,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
            ),
        )

    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=chapter.title).first()
    if collection is None:
        collection = root.add_child(name=chapter.title)
    for app_label, codenames in EDITOR_MEDIA_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
    return chapter
