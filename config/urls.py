from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from chapters import explorer
from config.health import healthz
from home.sitemaps import PageSitemap
from home.views import favicon, robots_txt, serve
from people import urls as people_urls

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Before Wagtail's own admin URLs, which they replace for every user but superusers.
    path("admin/pages/", explorer.explore),
    path("admin/pages/<int:parent_page_id>/", explorer.explore),
    path("admin/pages/<int:parent_page_id>/results/", explorer.explore_results),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": PageSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    # The contact forms post here (GET is the page itself); see people/contact.py.
    path("", include(people_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# German pages live without a prefix, the other content languages under /<lang>/.
urlpatterns += i18n_patterns(
    # Wagtail's page view with the home page kept (home/views.py); before Wagtail's own.
    re_path(serve_pattern, serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# Errors raised outside views (in middleware) end here; a database outage still gets the
# friendly 503 page, everything else the plain 500 page.
handler500 = "config.views.server_error"
