"""The admin for people, roles and contact messages, scoped by chapter (people/access.py)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CopyView,
    DeleteView,
    EditView,
    HistoryView,
    InspectView,
    SnippetViewSet,
    UsageView,
)

from core.chapter import chapter_model

from .access import ChapterScopedObjectMixin, own_chapter_ids, scope, sees_all
from .models import ContactSubmission, Person, Role


class PersonForm(WagtailAdminModelForm):
    """The chapter field offers the user's own chapters only (all to the regional office)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("chapter")
        if field is None:
            return
        chapters = chapter_model().objects.filter(locale=Locale.get_default()).order_by("title")
        user = self.for_user
        if user is not None and not sees_all(user):
            chapters = chapters.filter(pk__in=own_chapter_ids(user))
            if len(chapters) == 1 and not self.instance.pk:
                self.initial.setdefault("chapter", chapters[0].pk)
        field.queryset = chapters


def scoped(view_class):
    return type(view_class.__name__, (ChapterScopedObjectMixin, view_class), {})


class PersonChooserViewSet(ChooserViewSet):
    model = Person

    @property
    def choose_view_class(self):
        base = super().choose_view_class

        class ChooseView(base):
            def get_object_list(self):
                return scope(super().get_object_list(), self.request.user)

        return ChooseView

    @property
    def choose_results_view_class(self):
        base = super().choose_results_view_class

        class ChooseResultsView(base):
            def get_object_list(self):
                return scope(super().get_object_list(), self.request.user)

        return ChooseResultsView

    @property
    def chosen_view_class(self):
        base = super().chosen_view_class

        class ChosenView(base):
            def get_object(self, pk):
                return scope(Person.objects.all(), self.request.user).get(pk=pk)

        return ChosenView


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Personen")
    list_display = ["name", "chapter"]
    list_filter = ["chapter"]
    search_fields = ["name"]
    edit_handler = ObjectList(Person.panels, base_form_class=PersonForm)
    chooser_viewset_class = PersonChooserViewSet
    edit_view_class = scoped(EditView)
    delete_view_class = scoped(DeleteView)
    copy_view_class = scoped(CopyView)
    usage_view_class = scoped(UsageView)
    history_view_class = scoped(HistoryView)
    inspect_view_class = scoped(InspectView)

    def get_queryset(self, request):
        return scope(Person.objects.select_related("chapter"), request.user)


class RoleViewSet(SnippetViewSet):
    model = Role
    icon = "tag"
    menu_label = _("Funktionen")
    list_display = ["name", "group", "is_chair", "sort_order"]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Messages are written by visitors only: nobody adds or edits them in the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ScopedIndexView(ModelViewSet.index_view_class):
    def get_base_queryset(self):
        return scope(super().get_base_queryset().select_related("chapter"), self.request.user)


class ContactSubmissionViewSet(ModelViewSet):
    model = ContactSubmission
    icon = "mail"
    menu_label = _("Kontaktanfragen")
    url_prefix = "kontaktanfragen"
    list_display = ["name", "email", "chapter", "created_at"]
    list_filter = ["chapter"]
    inspect_view_enabled = True
    form_fields = ["name", "email", "message"]
    copy_view_enabled = False
    delete_view_class = scoped(ModelViewSet.delete_view_class)
    inspect_view_class = scoped(ModelViewSet.inspect_view_class)
    edit_view_class = scoped(ModelViewSet.edit_view_class)
    history_view_class = scoped(ModelViewSet.history_view_class)
    index_view_class = ScopedIndexView
    usage_view_class = scoped(ModelViewSet.usage_view_class)


class PeopleGroup(ViewSetGroup):
    menu_label = _("Personen")
    menu_icon = "group"
    menu_order = 260
    items = (PersonViewSet, RoleViewSet, ContactSubmissionViewSet)


register_permission_policy(ContactSubmission, ReadOnlyPolicy(ContactSubmission))
register_snippet(PeopleGroup)


@hooks.register("before_bulk_action")
def refuse_other_chapters_in_bulk(request, action_type, objects, action_class_instance):
    """Bulk actions (delete) take ids from the URL: another chapter's ids are refused."""
    foreign = [
        obj
        for obj in objects
        if isinstance(obj, (Person, ContactSubmission))
        and not sees_all(request.user)
        and obj.chapter_id not in own_chapter_ids(request.user)
    ]
    if foreign:
        messages.error(request, _("Sie dürfen nur Einträge Ihres eigenen Ortsvereins ändern."))
        return redirect("wagtailadmin_home")
    return None
