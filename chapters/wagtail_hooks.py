from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .dashboard import add_chapter_panel
from .explorer import (
    count_own_pages_on_dashboard,
    hide_other_chapters_drafts,
    start_pages_menu_at_own_pages,
)
from .models import ChapterPage
from .roles import is_regional_admin

chapter_admin_urls = [
    path("", views.ChapterIndexView.as_view(), name="index"),
    path("uebersicht/", views.ChapterOverviewView.as_view(), name="overview"),
    path("neu/", views.ChapterCreateView.as_view(), name="create"),
    path("<int:pk>/stilllegen/", views.ChapterRetireView.as_view(), name="retire"),
    path("<int:pk>/person/", views.ChapterMemberView.as_view(), name="add_member"),
    path("<int:pk>/uebersetzungen/", views.ChapterTranslationsView.as_view(), name="translations"),
]


@hooks.register("register_admin_urls")
def register_chapter_admin_urls():
    return [path("ortsvereine/", include((chapter_admin_urls, "chapters_admin")))]


class RegionalAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_regional_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_chapters_menu_item():
    return RegionalAdminMenuItem(
        _("Ortsvereine"), reverse("chapters_admin:index"), icon_name="group", order=250
    )


# Chapter teams start the "Seiten" menu and the dashboard's page count in their chapter
# (after Wagtail's own hooks have added the items).
hooks.register("construct_main_menu", start_pages_menu_at_own_pages, order=100)
hooks.register("construct_homepage_summary_items", count_own_pages_on_dashboard, order=100)
# A chapter team's dashboard shows their chapter's recent and pending articles.
hooks.register("construct_homepage_panels", add_chapter_panel)
# The page chooser offers other chapters' live pages, never their drafts.
hooks.register("construct_page_chooser_queryset", hide_other_chapters_drafts)


@hooks.register("before_delete_page")
def chapters_are_retired_not_deleted(request, page):
    """Chapters and the regional home page are never deleted from the page tree by the
    regional office: a chapter is retired ("Stilllegen"), which keeps its content."""
    protected = (ChapterPage, *ChapterPage.allowed_parent_page_models())
    if request.user.is_superuser or not isinstance(page.specific, protected):
        return None
    messages.error(
        request, _("Ortsvereine werden nicht gelöscht, sondern unter „Ortsvereine“ stillgelegt.")
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)
