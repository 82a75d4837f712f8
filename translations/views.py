"""wagtail-localize's submit and update views, limited to what the user may edit.

wagtail-localize only checks the global "submit_translation" permission there, so any
translator could start a translation of any page. Our rule is narrower: you may translate a
page if you may edit it (chapter editors: their own chapter), and a snippet if you may change
that snippet type (regional admin). The admin hooks of this app register these subclasses at
wagtail-localize's own paths, ahead of its views.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.models import Page
from wagtail.snippets.permissions import get_permission_name
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.models import TranslationSource
from wagtail_localize.views import submit_translations, update_translations


def user_may_translate(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return user.has_perm(get_permission_name("change", type(instance)))


class SubmitPageTranslationView(submit_translations.SubmitPageTranslationView):
    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs["page_id"])
        if not user_may_translate(request.user, page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SubmitSnippetTranslationView(submit_translations.SubmitSnippetTranslationView):
    def dispatch(self, request, *args, **kwargs):
        model = get_snippet_model_from_url_params(kwargs["app_label"], kwargs["model_name"])
        instance = get_object_or_404(model, pk=unquote(kwargs["pk"]))
        if not user_may_translate(request.user, instance):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
        instance = source.get_source_instance()
        if isinstance(instance, Page):
            instance = Page.objects.get(pk=instance.pk)
        if not user_may_translate(request.user, instance):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
