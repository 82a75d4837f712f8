from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.models import Site
from wagtail.views import serve_chain

from pagecache.cache import REGION, cached_value


@require_GET
def robots_txt(request):
    """Crawlers may read every public page; the admin is not for them."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/suche/",
        "Disallow: /suche/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page says: send them to the
    SVG icon (whitenoise serves it, cached for long under its hashed name)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def serve(request, path):
    """Wagtail's page view (wagtail.views.serve), routed from the site's root page in the
    request's language as the fragment cache keeps it: Wagtail reads the active locale and
    the root page's own row anew on every request, two queries of every page's render.
    Kept under REGION, which every change to a page renews (a chapter with a host of its
    own is its site's root)."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    root = cached_value(
        "site-root",
        lambda: site.root_page.localized.specific,
        parts=(site.root_page_id,),
        scope=REGION,
    )
    page, args, kwargs = root.route(request, [part for part in path.split("/") if part])
    serve_page = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        serve_page = fn(serve_page)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return serve_page(page, request, args, kwargs)
