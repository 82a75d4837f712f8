from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, get_page_models

from core.urls import absolute_url
from press.archive import PressReleaseArchiveMixin
from press.models import PressRelease


class PageSitemap(Sitemap):
    """The request's site in every content language, with addresses from the request.

    Each entry names its translations as `xhtml:link` alternates (and the German one as
    x-default); the regional home adds its press release archive. Addresses are built from
    the request (scheme and host the crawler used), not from the Site record.

    Wagtail's own items() turns every page into its specific type, which it does in chunks
    of 2,000 pages with one query per page type each: the sitemap's query count grows with
    the site (42 queries at 20,000 articles). None of our page types changes
    get_sitemap_urls(), so the plain pages give the same entries in one query; the page
    type is read from content_type_id. Constant: the site, the root's translations, the
    pages, the newest press release.
    """

    def root_translations(self):
        root = self.get_wagtail_site().root_page
        return list(Page.objects.filter(translation_key=root.translation_key))

    def items(self):
        roots = self.root_translations()
        self.root_ids = {root.pk for root in roots}
        under_a_root = Q()
        for root in roots:
            under_a_root |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(under_a_root)
            .live()
            .public()
            .select_related("locale")
            .order_by("path")
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        by_key = {}
        for item in pages:
            item.location = absolute_url(item, self.request)
            by_key.setdefault(item.translation_key, []).append(item)
        archive_models = [m for m in get_page_models() if issubclass(m, PressReleaseArchiveMixin)]
        archive_types = {
            ct.pk for ct in ContentType.objects.get_for_models(*archive_models).values()
        }
        urls = []
        last_mods = set()
        archive_lastmod = None
        # A home page lists the newest articles: it changes whenever a page below it does.
        newest = max(filter(None, (_lastmod(item) for item in pages)), default=None)
        for item in pages:
            if not item.location:
                continue
            lastmod = _lastmod(item)
            if item.pk in getattr(self, "root_ids", ()) and newest:
                lastmod = max(lastmod, newest) if lastmod else newest
            translations = by_key[item.translation_key]
            urls.append(
                {
                    "item": item,
                    "location": item.location,
                    "lastmod": lastmod,
                    "alternates": _alternates(translations),
                }
            )
            last_mods.add(lastmod)
            if item.content_type_id in archive_types:
                if archive_lastmod is None:
                    archive_lastmod = PressRelease.objects.filter(hidden=False).aggregate(
                        newest=Max("published_at")
                    )["newest"]
                suffix = "pressemitteilungen/"
                urls.append(
                    {
                        "item": item,
                        "location": item.location + suffix,
                        "lastmod": archive_lastmod,
                        "alternates": _alternates(translations, suffix),
                    }
                )
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def _lastmod(page):
    return page.last_published_at or page.latest_revision_created_at or page.first_published_at


def _alternates(translations, suffix=""):
    if len(translations) < 2:
        return []
    alternates = [
        {"lang_code": t.locale.language_code, "location": t.location + suffix}
        for t in translations
        if t.location
    ]
    default = [t for t in translations if t.locale.language_code == settings.LANGUAGE_CODE]
    if default and default[0].location:
        alternates.append({"lang_code": "x-default", "location": default[0].location + suffix})
    return alternates
