"""Who may manage which calendar subscription: the regional admin (chapters.manage_chapters)
and superusers all of them, a chapter's editors those whose Termine page they may edit. The
policy narrows Wagtail's model permissions per instance; the form offers only those pages."""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import CalendarSubscription, EventIndexPage

MANAGE_ALL = "chapters.manage_chapters"


def editable_indexes(user):
    """The Termine pages *user* may import into: never a language alias (the translations
    app keeps those in step with the German page), only pages the user may edit."""
    indexes = EventIndexPage.objects.filter(alias_of__isnull=True)
    if user.is_superuser or user.has_perm(MANAGE_ALL):
        return indexes
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return indexes.filter(pk__in=editable.values("pk"))


class SubscriptionPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the subscriptions whose Termine the user may edit."""

    def _may_edit_target(self, user, instance):
        if user.is_superuser or user.has_perm(MANAGE_ALL):
            return True
        target = Page.objects.filter(pk=instance.target_id).first()
        return target is not None and target.permissions_for_user(user).can_edit()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self._may_edit_target(user, instance)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if user.is_superuser or user.has_perm(MANAGE_ALL):
            return instances
        return instances.filter(target__in=editable_indexes(user))


class SubscriptionForm(WagtailAdminModelForm):
    """Only the Termine pages the editor may edit can be chosen as target."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "target" in self.fields:
            self.fields["target"].queryset = editable_indexes(for_user).order_by("path")
            self.fields["target"].label_from_instance = _target_label

    class Meta:
        model = CalendarSubscription
        fields = ["name", "url", "target", "active"]


def _target_label(page):
    parent = page.get_parent()
    return f"{parent.title} – {page.title}" if parent else page.title
