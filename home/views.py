from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_GET


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
