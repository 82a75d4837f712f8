from wagtail.contrib.sitemaps import Sitemap


class PageSitemap(Sitemap):
    """Wagtail's sitemap of the request's site, without `.specific()`.

    Wagtail's own items() turns every page into its specific type, which it does in chunks
    of 2,000 pages with one query per page type each: the sitemap's query count grows with
    the site (42 queries at 20,000 articles). None of our page types changes
    get_sitemap_urls(), so the plain pages give the same entries in one query.
    """

    def items(self):
        return (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
        )
