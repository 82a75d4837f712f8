from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail_localize import synctree

from home.models import HomePage

from . import translation_views, views
from .dashboard import add_chapter_panel
from .explorer import hide_other_chapters_drafts
from .models import ChapterPage
from .roles import is_regional_admin
from .viewsets import SharedContentViewSetGroup

register_snippet(SharedContentViewSetGroup)

chapter_admin_urls = [
    path("", views.ChapterIndexView.as_view(), name="index"),
    path("neu/", views.ChapterCreateView.as_view(), name="create"),
    path("<int:pk>/stilllegen/", views.ChapterRetireView.as_view(), name="retire"),
    path("<int:pk>/person/", views.ChapterMemberView.as_view(), name="add_member"),
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


hooks.register("construct_homepage_panels", add_chapter_panel)
hooks.register("construct_page_chooser_queryset", hide_other_chapters_drafts)


def _refuse(request, message, to="wagtailadmin_home", *args):
    messages.error(request, message)
    return redirect(to, *args)


@hooks.register("before_create_user")
def only_superusers_create_superusers(request):
    if (
        request.method == "POST"
        and request.POST.get("is_superuser")
        and not request.user.is_superuser
    ):
        return _refuse(request, _("Nur Superuser dürfen Administrator-Konten anlegen."))
    return None


@hooks.register("before_edit_user")
def only_superusers_edit_superusers(request, user):
    """The regional admin manages people, but cannot make or take over a superuser."""
    if request.user.is_superuser:
        return None
    if user.is_superuser:
        return _refuse(request, _("Administrator-Konten bearbeiten nur Superuser."))
    if request.method == "POST" and request.POST.get("is_superuser"):
        return _refuse(request, _("Nur Superuser dürfen Administrator-Rechte vergeben."))
    return None


@hooks.register("before_delete_user")
def only_superusers_delete_superusers(request, user):
    if user.is_superuser and not request.user.is_superuser:
        return _refuse(request, _("Administrator-Konten löschen nur Superuser."))
    return None


@hooks.register("before_delete_page")
def chapters_are_retired_not_deleted(request, page):
    """Chapters and the regional home page are never deleted from the page tree by the
    regional office: a chapter is retired ("Stilllegen"), which keeps its content."""
    if request.user.is_superuser or not isinstance(page, ChapterPage | HomePage):
        return None
    return _refuse(
        request,
        _("Ortsvereine werden nicht gelöscht, sondern unter „Ortsvereine“ stillgelegt."),
        "wagtailadmin_explore",
        page.get_parent().pk,
    )


# --- Translations --------------------------------------------------------------------------
# Same paths as wagtail-localize's submit/update views, registered first (order=-1), so the
# permission-checking subclasses answer them; reverse("wagtail_localize:…") keeps working.


@hooks.register("register_admin_urls", order=-1)
def register_guarded_translation_urls():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            translation_views.SubmitPageTranslationView.as_view(),
            name="chapterhouse_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            translation_views.SubmitSnippetTranslationView.as_view(),
            name="chapterhouse_submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            translation_views.UpdateTranslationsView.as_view(),
            name="chapterhouse_update_translations",
        ),
    ]


# chapters/translation.py gives every published page its aliases, whichever way it was
# created, and skips aliases that exist. wagtail-localize's own after_create_page hook would
# then create the same aliases a second time and fail (a 500 on "Veröffentlichen").
hooks._hooks["after_create_page"] = [
    (fn, order)
    for fn, order in hooks._hooks.get("after_create_page", [])
    if fn is not synctree.after_create_page
]
