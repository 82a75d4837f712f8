"""Absolute addresses built from the request a page is served for.

Wagtail's get_full_url() takes scheme and host from the Site record (`http://localhost` on
port 80 unless someone set them right). A reader who came over HTTPS to a chapter's host must
get links to that host over HTTPS: canonical, og:url, hreflang, sitemap, feeds and iCal all
go through absolute_url()."""

from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation
from wagtail.models import Site


def absolute_url(page, request=None, suffix=""):
    """*page*'s address (plus *suffix*, a route below it) as the reader's browser sees it.
    A page of another Site keeps that Site's root URL; without a request, Wagtail's."""
    if request is None:
        url = page.get_full_url()
        return url + suffix if url else url
    relative = page.get_url(request)
    if relative is None:
        return None
    return request.build_absolute_uri(relative + suffix)


_url_parts = {}
URL_PARTS_KEPT = 20_000  # about 4 MB per process
SITE_ROOT_PATHS = "_chapterhouse_site_root_paths"


def remembered_url_parts(page, request, get_url_parts):
    """*get_url_parts(request)* (Wagtail's `Page.get_url_parts`), remembered per process:
    it depends only on the page's url_path, the active language, the sites' root paths,
    the request's site and the URLconf, and costs a `reverse()` (about 35 µs; an article's
    render asks for some twenty addresses)."""
    if not isinstance(request, HttpRequest):  # None, or Wagtail's cache object of a purge
        return get_url_parts(request)
    if SITE_ROOT_PATHS not in request.__dict__:
        request.__dict__[SITE_ROOT_PATHS] = tuple(Site.get_site_root_paths())
    site = Site.find_for_request(request)
    key = (
        page.url_path,
        translation.get_language(),
        request.__dict__[SITE_ROOT_PATHS],
        site.pk if site else None,
        get_urlconf(),
        get_script_prefix(),
    )
    if key not in _url_parts:
        if len(_url_parts) >= URL_PARTS_KEPT:
            _url_parts.clear()
        _url_parts[key] = get_url_parts(request)
    return _url_parts[key]
