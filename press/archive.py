"""The archive of all visible press releases ("Pressemitteilungen"), a route of the page
type that includes PressReleaseArchiveMixin (the regional home page)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import get_page_models

from core.pagination import paginate

from .models import PressRelease


class PressReleaseArchiveMixin(RoutablePageMixin):
    @path("pressemitteilungen/", name="press_releases")
    def press_release_archive(self, request):
        """All visible press releases, newest first, paginated."""
        releases = paginate(
            request, PressRelease.objects.visible(), settings.CHAPTERHOUSE_PRESS_RELEASES_PER_PAGE
        )
        return self.render(
            request,
            context_overrides={
                "releases": releases,
                "archive_title": _("Pressemitteilungen"),
            },
            template="press/archive.html",
        )


def archive_url():
    """The archive's address. Root-relative while there is one Site, absolute (the archive
    page's host) once chapters have their own Sites, so a cached fragment is right on every
    host."""
    models = [model for model in get_page_models() if issubclass(model, PressReleaseArchiveMixin)]
    for model in models:
        page = model.objects.live().first()
        url = page.get_url() if page else None
        if url:
            return url + page.reverse_subpage("press_releases")
    return ""
