"""Admin views of the regional office: "Ortsvereine" (list, open, retire, staff a chapter).

Thin views: the work is done by chapters.provisioning; only users with
`chapters.manage_chapters` (the Regionaladmin group, superusers) get here.
"""

from datetime import UTC, datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Q
from django.db.models.functions import Substr
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page, Site

from news.models import NewsArticlePage, NewsCategory
from notices.models import Banner
from press.models import PressRelease

from .forms import ChapterCreateForm, ChapterMemberForm, add_service_errors
from .models import ChapterPage, ChapterTeam
from .overview import (
    chapter_overview,
    failed_feeds,
    snippet_translation_status,
    translation_status,
)
from .provisioning import add_chapter_member, retire_chapter
from .roles import AUTHOR, is_regional_admin

INDEX_URL = reverse_lazy("chapters_admin:index")


class RegionalAdminRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_regional_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ChapterAdminMixin(RegionalAdminRequiredMixin, WagtailAdminTemplateMixin):
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": INDEX_URL, "label": gettext_lazy("Ortsvereine")},
            {"url": "", "label": self.get_page_title()},
        ]


class ChapterIndexView(RegionalAdminRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Ortsvereine")
    header_icon = "group"
    template_name = "chapters/admin/index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One row per chapter: the German page; its other language versions are a column.
        chapters = list(
            ChapterPage.objects.filter(locale=Locale.get_default(), alias_of__isnull=True)
            .select_related("team")
            .prefetch_related("team__editors__user_set")
            .order_by("title")
        )
        languages = {}
        for key, code, is_alias in (
            Page.objects.filter(translation_key__in=[c.translation_key for c in chapters])
            .exclude(locale=Locale.get_default())
            .values_list("translation_key", "locale__language_code", "alias_of")
        ):
            languages.setdefault(key, []).append((code, is_alias is None))
        # Articles per chapter in one query: a chapter's subtree shares its path prefix.
        prefix_length = ChapterPage.steplen * 3
        stats = {
            row["prefix"]: row
            for row in NewsArticlePage.objects.annotate(prefix=Substr("path", 1, prefix_length))
            .order_by()
            .values("prefix")
            .annotate(count=Count("pk"), last=Max("last_published_at", filter=Q(live=True)))
        }
        hosts = {}
        for site in Site.objects.filter(root_page__in=chapters).order_by("hostname"):
            hosts.setdefault(site.root_page_id, []).append(site.hostname)
        rows = []
        for chapter in chapters:
            team = getattr(chapter, "team", None)
            active = team is not None and not team.is_retired
            row_stats = stats.get(chapter.path[:prefix_length], {})
            rows.append(
                {
                    "chapter": chapter,
                    "team": team,
                    "hosts": hosts.get(chapter.pk, []),
                    # A retired chapter's team has no rights left: it has no editors.
                    "editors": sorted(u.get_username() for u in team.editors.user_set.all())
                    if active
                    else [],
                    "languages": sorted(languages.get(chapter.translation_key, [])),
                    "article_count": row_stats.get("count", 0),
                    "last_published_at": row_stats.get("last"),
                }
            )
        context["rows"] = rows
        context["create_url"] = reverse("chapters_admin:create")
        return context


class ChapterOverviewView(RegionalAdminRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every chapter at a glance ("Übersicht"), sortable by each column; quiet chapters first."""

    page_title = gettext_lazy("Übersicht der Ortsvereine")
    header_icon = "list-ul"
    template_name = "chapters/admin/overview.html"
    orderings = {
        "name": lambda row: row.chapter.title.lower(),
        "zuletzt": lambda row: row.last_article_at or datetime.min.replace(tzinfo=UTC),
        "artikel": lambda row: row.articles_recent,
        "freigabe": lambda row: row.pending,
        "uebersetzung": lambda row: row.untranslated + row.outdated,
    }

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": INDEX_URL, "label": gettext_lazy("Ortsvereine")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = chapter_overview()
        ordering = self.request.GET.get("ordering", "")
        key = self.orderings.get(ordering.lstrip("-"))
        if key is not None:  # otherwise: quiet chapters first, then by name
            rows.sort(key=key, reverse=ordering.startswith("-"))
        context.update(
            rows=rows,
            ordering=ordering,
            quiet_weeks=settings.CHAPTERHOUSE_QUIET_WEEKS,
            failed_feeds=failed_feeds(),
        )
        return context


class ChapterCreateView(ChapterAdminMixin, FormView):
    page_title = gettext_lazy("Neuen Ortsverein anlegen")
    template_name = "chapters/admin/form.html"
    form_class = ChapterCreateForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse("chapters_admin:create")
        context["submit_button_label"] = _("Ortsverein anlegen")
        return context

    def form_valid(self, form):
        chapter = form.save(user=self.request.user)
        if chapter is None:
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Der Ortsverein „%(title)s“ ist angelegt. Fügen Sie jetzt die Redaktion hinzu.")
            % {"title": chapter.title},
        )
        return redirect("chapters_admin:add_member", chapter.pk)


class ChapterObjectMixin:
    def get_chapter(self):
        if not hasattr(self, "_chapter"):
            self._chapter = get_object_or_404(
                ChapterPage.objects.select_related("team"), pk=self.kwargs["pk"]
            )
        return self._chapter

    def get_page_subtitle(self):
        return self.get_chapter().title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["chapter"] = self.get_chapter()
        return context


class ChapterRetireView(ChapterObjectMixin, ChapterAdminMixin, TemplateView):
    page_title = gettext_lazy("Ortsverein stilllegen")
    template_name = "chapters/admin/confirm_retire.html"

    def post(self, request, *args, **kwargs):
        chapter = self.get_chapter()
        retire_chapter(chapter, user=request.user)
        messages.success(
            request,
            _("Der Ortsverein „%(title)s“ ist stillgelegt: offline, Rechte entzogen.")
            % {"title": chapter.title},
        )
        return redirect(INDEX_URL)


class ChapterMemberView(ChapterObjectMixin, ChapterAdminMixin, FormView):
    page_title = gettext_lazy("Person zum Ortsverein hinzufügen")
    template_name = "chapters/admin/form.html"
    form_class = ChapterMemberForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse("chapters_admin:add_member", args=[self.kwargs["pk"]])
        context["submit_button_label"] = _("Hinzufügen")
        return context

    def form_valid(self, form):
        chapter = self.get_chapter()
        try:
            add_chapter_member(chapter, form.user, role=form.cleaned_data["role"])
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except ChapterTeam.DoesNotExist:
            form.add_error(None, _("Dieser Ortsverein hat noch kein Team; bitte neu anlegen."))
            return self.form_invalid(form)
        role = _("Autor/in") if form.cleaned_data["role"] == AUTHOR else _("Redaktion")
        messages.success(
            self.request,
            _("%(user)s gehört jetzt zu „%(title)s“ (%(role)s).")
            % {"user": form.user.get_username(), "title": chapter.title, "role": role},
        )
        return redirect(INDEX_URL)


class ChapterTranslationsView(ChapterObjectMixin, ChapterAdminMixin, TemplateView):
    """Which of a chapter's pages exist in English, are current, or lag behind the German."""

    page_title = gettext_lazy("Übersetzungsstand")
    template_name = "chapters/admin/translations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pages"] = list(translation_status(self.get_chapter()))
        context["snippets"] = snippet_translation_status((PressRelease, Banner, NewsCategory))
        return context
