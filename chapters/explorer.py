"""The page explorer, confined to the pages a person may work on.

Wagtail lets a user open, by id, every page below the first common ancestor of the pages
they have rights on, and starts the explorer, the "Seiten" menu and the dashboard's page count
there. A chapter team has rights in the German and in the English tree, whose common ancestor
is the root: they could open any chapter's pages by id, would start at Root with both trees and
count every page of the site. Here they start at the common ancestor of their German pages
(their chapter), pages that are only ancestors of theirs send them there, and other chapters'
pages are refused; their English pages stay open to them.
"""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy


def start_page(user):
    """Where the person's explorer starts: Wagtail's explorable root, or where that is the
    tree root (rights in several language trees), the common ancestor of their German pages."""
    policy = PagePermissionPolicy()
    root = policy.explorable_root_instance(user)
    if root is None or not root.is_root() or user.is_superuser:
        return root
    default = Locale.get_default().pk
    german = [
        p for p in policy.instances_with_direct_explore_permission(user) if p.locale_id == default
    ]
    if not german:
        return root
    return Page.objects.first_common_ancestor_of(german, include_self=True, strict=True)


def _is_ancestor_only(user, page):
    """True if *page* is above every page the person has rights on (Root, the region)."""
    pages = PagePermissionPolicy().instances_with_direct_explore_permission(user)
    return not any(page.path.startswith(own.path) for own in pages)


def _confined(view):
    @require_admin_access
    def confined_view(request, parent_page_id=None):
        user = request.user
        if parent_page_id is None:  # /admin/pages/: the root
            parent_page_id = Page.get_first_root_node().pk
        if user.is_superuser:
            return view(request, parent_page_id=parent_page_id)
        start = start_page(user)
        page = PagePermissionPolicy().explorable_instances(user).filter(pk=parent_page_id).first()
        if page is None:
            messages.error(request, _("Diese Seite gehört nicht zu Ihrem Ortsverein."))
            return redirect("wagtailadmin_explore", start.pk) if start else redirect("/admin/")
        if start is not None and page.pk != start.pk and _is_ancestor_only(user, page):
            return redirect("wagtailadmin_explore", start.pk)
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


def start_pages_menu_at_own_pages(request, menu_items):
    """The "Seiten" menu opens where the person's explorer starts, not at Root."""
    start = start_page(request.user)
    if start is None or start.is_root():
        return
    for position, item in enumerate(menu_items):
        if item.name == "explorer":
            menu_items[position] = MenuItem(
                item.label,
                f"/admin/pages/{start.pk}/",
                name="explorer",
                icon_name=item.icon_name,
                order=item.order,
            )


class OwnPagesSummaryItem(PagesSummaryItem):
    """The dashboard counts the pages below where the person's explorer starts."""

    def get_context_data(self, parent_context):
        start = start_page(self.request.user)
        return {
            "root_page": start,
            "total_pages": start.get_descendants(inclusive=True).count(),
            "site_name": start.get_site().site_name if start.get_site() else "",
        }


def count_own_pages_on_dashboard(request, summary_items):
    start = start_page(request.user)
    if start is None or start.is_root():
        return
    summary_items[:] = [
        OwnPagesSummaryItem(request) if isinstance(item, PagesSummaryItem) else item
        for item in summary_items
    ]
