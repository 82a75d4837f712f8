"""RSS 2.0 and Atom feeds of a chapter's news index (Django's syndication framework).

Routed by `NewsIndexPage` at `rss/` and `atom/`."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.templatetags.static import static
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, RssFeed
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from core.urls import absolute_url

FEED_ITEMS = 20


class StyledAtom1Feed(Atom1Feed):
    """Django's Atom feed with the xml-stylesheet instructions its RSS feed already writes."""

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        RssFeed.add_stylesheets(self, handler)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, index):
        return f"{index.chapter.title}: {index.title}"

    def link(self, index):
        return absolute_url(index, self.request)

    def feed_url(self, index):
        return absolute_url(index, self.request, index.reverse_subpage(self.route_name))

    route_name = "rss"

    def stylesheets(self, index):
        # An xml-stylesheet instruction: a browser shows the feed as a readable page
        # (with a note on how to subscribe) instead of raw XML.
        return [static("feeds/feed.xsl")]

    def author_name(self, index):
        # Atom requires an author for the feed (or every entry): the chapter.
        return index.chapter.title

    def author_link(self, index):
        return absolute_url(index.chapter, self.request)

    def description(self, index):
        return _("Neue Artikel von %(chapter)s") % {"chapter": index.chapter.title}

    def items(self, index):
        return index.mark_shared(list(index.latest_articles()[:FEED_ITEMS]))

    def item_title(self, article):
        if article.kicker:
            return f"{article.title} – {article.kicker}"
        return article.title

    def item_description(self, article):
        text = article.teaser or article.search_description
        origin = getattr(article, "shared_from", None)
        if origin is not None:  # shared by another chapter: say whose it is
            return _("von %(origin)s: %(text)s") % {"origin": origin.title, "text": text}
        return text

    def item_link(self, article):
        return absolute_url(article, self.request)

    def item_guid(self, article):
        return absolute_url(article, self.request)

    item_guid_is_permalink = True

    def item_pubdate(self, article):
        # Articles carry a calendar date; the feed says midnight of that day in Berlin.
        return datetime.datetime.combine(
            article.date, datetime.time(0), tzinfo=ZoneInfo(settings.TIME_ZONE)
        )

    def item_updateddate(self, article):
        return article.last_published_at

    def item_categories(self, article):
        return [article.category.name] if article.category else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = StyledAtom1Feed
    route_name = "atom"

    def subtitle(self, index):
        return self.description(index)
