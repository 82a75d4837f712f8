"""The roles of Chapterhouse (docs/architecture.md, "Who may do what") as names and
permission sets.

Plain constants and small lookups, so the provisioning service, the data migration's tests,
the admin views and the dashboard agree on who is who.
"""

from django.utils.translation import gettext_lazy as _

REGIONAL_ADMIN_GROUP = "Regionaladmin"
MANAGE_CHAPTERS = "chapters.manage_chapters"

# Page permissions on the chapter page (and so its whole subtree). Editors publish; authors
# write and submit for approval. Neither may bulk-delete, so the chapter page itself (never a
# leaf) cannot be deleted by its own team.
EDITOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
AUTHOR_PAGE_PERMISSIONS = ("add", "change")

# Collection permissions on the chapter's own collection. Wagtail lets a user with "add"
# edit and delete the files they uploaded themselves.
EDITOR_MEDIA_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "delete_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "delete_document", "choose_document"),
}
AUTHOR_MEDIA_PERMISSIONS = {
    "wagtailimages": ("add_image", "choose_image"),
    "wagtaildocs": ("add_document", "choose_document"),
}

# Model permissions of a chapter's editors: their own calendar subscriptions (the views
# narrow them to the chapter's Termine, events/permissions.py). The importer publishes,
# so authors do not get them.
EDITOR_MODEL_PERMISSIONS = {
    "events": tuple(
        f"{action}_calendarsubscription" for action in ("add", "change", "delete", "view")
    ),
}
AUTHOR_MODEL_PERMISSIONS = {}

EDITOR = "editor"
AUTHOR = "author"
ROLE_CHOICES = [(EDITOR, _("Redaktion (darf veröffentlichen)")), (AUTHOR, _("Autor/in"))]


def editors_group_name(chapter_title):
    return f"{chapter_title}: Redaktion"


def authors_group_name(chapter_title):
    return f"{chapter_title}: Autoren"


def workflow_name(chapter_title):
    return f"{chapter_title}: Freigabe"


def is_regional_admin(user):
    return user.is_active and user.has_perm(MANAGE_CHAPTERS)
