"""The page explorer, confined to the pages a person may work on.

Wagtail lets a user open, by id, every page below the first common ancestor of the pages
they have rights on. A chapter team has rights in the German and in the English tree,
whose common ancestor is the root, so they could have opened any chapter's pages by id.
"""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.permission_policies.pages import PagePermissionPolicy


def _confined(view):
    @require_admin_access
    def confined_view(request, parent_page_id):
        user = request.user
        explorable = PagePermissionPolicy().explorable_instances(user)
        if not user.is_superuser and not explorable.filter(pk=parent_page_id).exists():
            messages.error(request, _("Diese Seite gehört nicht zu Ihrem Ortsverein."))
            return redirect("wagtailadmin_explore_root")
        return view(request, parent_page_id=parent_page_id)

    return confined_view


explore = _confined(page_viewset_registry.as_view("index", parent_page_id_kwarg="parent_page_id"))
explore_results = _confined(
    page_viewset_registry.as_view("index_results", parent_page_id_kwarg="parent_page_id")
)


def hide_other_chapters_drafts(pages, request):
    """The page chooser offers every live page for linking, but drafts only of the
    pages the person may work on: another chapter's unpublished titles stay private."""
    user = request.user
    if user.is_superuser:
        return pages
    own = PagePermissionPolicy().explorable_instances(user).values("pk")
    return pages.filter(Q(live=True) | Q(pk__in=own))
