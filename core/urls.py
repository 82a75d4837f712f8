"""Absolute addresses built from the request a page is served for.

Wagtail's get_full_url() takes scheme and host from the Site record (`http://localhost` on
port 80 unless someone set them right). A reader who came over HTTPS to a chapter's host must
get links to that host over HTTPS: canonical, og:url, hreflang, sitemap, feeds and iCal all
go through absolute_url()."""


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
