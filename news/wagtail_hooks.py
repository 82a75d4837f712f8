from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import views
from .models import NewsArticlePage
from .sharing import may_offer

sharing_urls = [
    path("", views.SharedArticleIndexView.as_view(), name="index"),
    path("anbieten/<int:page_id>/", views.OfferArticleView.as_view(), name="offer"),
    path("<int:pk>/uebernehmen/", views.accept, name="accept"),
    path("<int:pk>/ablehnen/", views.decline, name="decline"),
    path("zurueckziehen/<int:page_id>/", views.retract, name="retract"),
]


@hooks.register("register_admin_urls")
def register_sharing_urls():
    return [path("geteilte-artikel/", include((sharing_urls, "news_sharing")))]


class PageEditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, {"publish"})


@hooks.register("register_admin_menu_item")
def register_sharing_menu_item():
    return PageEditorsMenuItem(
        _("Geteilte Artikel"), reverse("news_sharing:index"), icon_name="redirect", order=260
    )


@hooks.register("register_page_header_buttons")
def offer_button(page, user, view_name, next_url=None):
    """ "Anderen Ortsvereinen anbieten" in a published article's header menu."""
    if isinstance(page.specific_deferred, NewsArticlePage) and may_offer(user, page):
        yield Button(
            _("Anderen Ortsvereinen anbieten"),
            reverse("news_sharing:offer", args=(page.pk,)),
            icon_name="redirect",
            priority=80,
        )
