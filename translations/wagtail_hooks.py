from django.urls import path
from wagtail import hooks

from . import views

# --- Translations --------------------------------------------------------------------------
# Same paths as wagtail-localize's submit/update views, registered first (order=-1), so the
# permission-checking subclasses answer them; reverse("wagtail_localize:…") keeps working.


@hooks.register("register_admin_urls", order=-1)
def register_guarded_translation_urls():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            views.SubmitPageTranslationView.as_view(),
            name="chapterhouse_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            views.SubmitSnippetTranslationView.as_view(),
            name="chapterhouse_submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            views.UpdateTranslationsView.as_view(),
            name="chapterhouse_update_translations",
        ),
    ]
