"""The chapter panel on a chapter team member's admin dashboard."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Q
from django.db.models.functions import Cast
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from news.models import NewsArticlePage

from .models import ChapterTeam
from .overview import chapter_overview, failed_feeds
from .roles import is_regional_admin

RECENT = 8


class ChapterDashboardPanel(Component):
    """Recent and pending (awaiting approval) articles of the user's own chapters only."""

    name = "chapter_articles"
    order = 50
    template_name = "chapters/dashboard/chapter_panel.html"

    def __init__(self, teams):
        self.teams = teams

    def get_context_data(self, parent_context):
        pending_ids = (
            WorkflowState.objects.active()
            .filter(base_content_type=ContentType.objects.get_for_model(Page))
            .annotate(page_id=Cast("object_id", IntegerField()))
            .values("page_id")
        )
        chapters = []
        for team in self.teams:
            articles = NewsArticlePage.objects.descendant_of(team.chapter)
            chapters.append(
                {
                    "chapter": team.chapter,
                    "pending": list(
                        articles.filter(pk__in=pending_ids).order_by("-latest_revision_created_at")
                    ),
                    "recent": list(
                        articles.order_by("-latest_revision_created_at", "-pk")[:RECENT]
                    ),
                }
            )
        return {"chapters": chapters}


def teams_of(user):
    """The chapter teams the user belongs to (as editor or author), active chapters only."""
    if not user.is_authenticated:
        return ChapterTeam.objects.none()
    groups = user.groups.all()
    return (
        ChapterTeam.objects.filter(retired_at__isnull=True)
        .filter(Q(editors__in=groups) | Q(authors__in=groups))
        .select_related("chapter")
        .distinct()
    )


class RegionalOverviewPanel(Component):
    """The regional admin's dashboard: quiet chapters, what waits for approval, failed imports;
    the whole table is under "Ortsvereine → Übersicht"."""

    name = "regional_overview"
    order = 40
    template_name = "chapters/dashboard/regional_panel.html"

    def get_context_data(self, parent_context):
        rows = chapter_overview()
        return {
            "quiet": [row for row in rows if row.quiet],
            "pending": [row for row in rows if row.pending],
            "failed_feeds": failed_feeds(),
        }


def add_chapter_panel(request, panels):
    if is_regional_admin(request.user):
        panels.append(RegionalOverviewPanel())
    teams = list(teams_of(request.user))
    if teams:
        panels.append(ChapterDashboardPanel(teams))
