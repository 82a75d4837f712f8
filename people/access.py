"""Which chapters' people and messages a user may see in the admin.

A chapter team (the chapter's editors' and authors' groups, chapters.ChapterTeam) sees its
own chapter only; the regional office (permission chapters.manage_chapters) and superusers
see everything. ChapterTeam is reached through the app registry: chapters sits above us.
"""

from django.apps import apps
from django.db.models import Q
from django.http import Http404

MANAGE_CHAPTERS = "chapters.manage_chapters"


def sees_all(user):
    return user.is_active and (user.is_superuser or user.has_perm(MANAGE_CHAPTERS))


def own_chapter_ids(user):
    """Primary keys of the (German) chapters whose team *user* belongs to."""
    if not user.is_authenticated:
        return []
    team = apps.get_model("chapters", "ChapterTeam")
    groups = user.groups.all()
    return list(
        team.objects.filter(retired_at__isnull=True)
        .filter(Q(editors__in=groups) | Q(authors__in=groups))
        .values_list("chapter_id", flat=True)
        .distinct()
    )


def scope(queryset, user, field="chapter"):
    """*queryset* narrowed to what *user* may see."""
    if sees_all(user):
        return queryset
    return queryset.filter(**{f"{field}__in": own_chapter_ids(user)})


def may_access(user, chapter_id):
    return sees_all(user) or (chapter_id is not None and chapter_id in own_chapter_ids(user))


class ChapterScopedObjectMixin:
    """For the admin's single-object views: another chapter's object does not exist."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not may_access(self.request.user, obj.chapter_id):
            raise Http404
        return obj


# Model permissions every chapter team gets (chapters/provisioning.py grants them where
# the team gets its page rights); the rows they reach are narrowed by `scope`.
TEAM_PERMISSIONS = {
    "people": (
        "add_person",
        "change_person",
        "delete_person",
        "view_person",
        "view_contactsubmission",
        "delete_contactsubmission",
    )
}
