from django.http import HttpResponse
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
