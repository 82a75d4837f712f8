import datetime
import json

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import ArticleBodyBlock
from core.chapter import ChapterMixin
from core.models import DocumentAttachment
from core.page_parts import attachments_of
from core.slugs import GermanSlugMixin
from news.models import NewsCategory

from . import recurrence
from .ical import calendar_response
from .index import EventIndexMixin


class EventIndexPage(EventIndexMixin, ChapterMixin, GermanSlugMixin, Page):
    """ "Termine" of a chapter, or the regional calendar when its parent is the home page."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["chapters.ChapterPage", "home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Terminübersicht")
        verbose_name_plural = _("Terminübersichten")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("findet statt")
    CANCELLED = "cancelled", _("abgesagt")
    MOVED = "moved", _("verschoben")


class EventPage(RoutablePageMixin, ChapterMixin, GermanSlugMixin, Page):
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    all_day = models.BooleanField(
        _("Ganztägig"), default=False, help_text=_("Uhrzeiten werden dann nicht angezeigt.")
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=EventStatus.choices, default=EventStatus.PLANNED
    )
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    address = models.CharField(_("Adresse"), max_length=300, blank=True)
    map_url = models.URLField(_("Link zur Karte"), blank=True)
    online_url = models.URLField(_("Link zur Online-Teilnahme"), blank=True)
    registration_url = models.URLField(_("Link zur Anmeldung"), blank=True)
    organiser = models.CharField(
        _("Veranstalter"),
        max_length=200,
        blank=True,
        help_text=_("Leer lassen für den Ortsverein selbst."),
    )
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("Kategorie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    teaser = models.TextField(_("Anreißer"), blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("Text"), blank=True)

    repeat = models.CharField(
        _("Wiederholung"),
        max_length=10,
        choices=recurrence.FREQUENCY_CHOICES,
        default=recurrence.NONE,
        blank=True,
    )
    repeat_interval = models.PositiveSmallIntegerField(
        _("Abstand"), default=1, help_text=_("1 = jede Woche/jeden Monat, 2 = jede zweite …")
    )
    repeat_weekday = models.PositiveSmallIntegerField(
        _("Wochentag"),
        choices=recurrence.WEEKDAY_CHOICES,
        null=True,
        blank=True,
        help_text=_("Leer lassen für den Wochentag des Beginns."),
    )
    repeat_nth = models.SmallIntegerField(
        _("Der wievielte im Monat"), choices=recurrence.NTH_CHOICES, null=True, blank=True
    )
    repeat_until = models.DateField(_("Wiederholen bis einschließlich"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(_("Anzahl der Termine"), null=True, blank=True)
    rrule = models.CharField(_("Wiederholungsregel (RFC 5545)"), max_length=200, blank=True)
    source_uid = models.CharField(
        _("UID im Quellkalender"), max_length=255, blank=True, editable=False, db_index=True
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("all_day")]),
                FieldPanel("status"),
            ],
            heading=_("Zeit"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("repeat_interval")]),
                FieldRowPanel([FieldPanel("repeat_nth"), FieldPanel("repeat_weekday")]),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                InlinePanel("exceptions", label=_("Ausnahmen")),
            ],
            heading=_("Wiederholung"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldPanel("address"),
                FieldPanel("map_url"),
                FieldPanel("online_url"),
            ],
            heading=_("Ort"),
        ),
        FieldRowPanel([FieldPanel("organiser"), FieldPanel("category")]),
        FieldPanel("registration_url"),
        FieldPanel("teaser"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Angehängte Dokumente")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("place"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")

    def clean(self):
        super().clean()
        errors = {}
        if self.end and self.start and self.end < self.start:
            errors["end"] = _("Das Ende liegt vor dem Beginn.")
        if self.repeat == recurrence.MONTHLY and self.repeat_nth is None:
            errors["repeat_nth"] = _("Bitte wählen Sie, der wievielte Wochentag im Monat.")
        if self.repeat and self.repeat_until and self.repeat_count:
            errors["repeat_count"] = _(
                "Bitte geben Sie entweder ein Enddatum oder eine Anzahl an, nicht beides."
            )
        until = self.repeat_until
        late_start = self.start and until and until < self.local_start.date()
        if self.repeat and late_start:
            errors["repeat_until"] = _("Das Enddatum der Wiederholung liegt vor dem Beginn.")
        if errors:
            raise ValidationError(errors)
        self.rrule = self.build_rrule()
        if self.rrule:
            problems = recurrence.check_rule(self.rrule, self.local_start)
            if problems:
                raise ValidationError({"repeat": problems})

    def save(self, *args, **kwargs):
        if self.start:
            self.rrule = self.build_rrule()
        return super().save(*args, **kwargs)

    def recurrence_values(self):
        weekday = self.repeat_weekday
        if weekday is None:
            weekday = self.local_start.weekday()
        return (
            self.repeat,
            self.repeat_interval,
            weekday,
            self.repeat_nth or 1,
            self.repeat_until,
            self.repeat_count,
        )

    def build_rrule(self):
        return recurrence.build_rule(*self.recurrence_values())

    @property
    def recurrence_text(self):
        return recurrence.describe(*self.recurrence_values())

    @property
    def local_start(self):
        start = timezone.localtime(self.start)
        if self.all_day:
            start = start.replace(hour=0, minute=0, second=0, microsecond=0)
        return start

    @property
    def duration(self):
        """How long one occurrence lasts; without an end it runs to the end of its day."""
        start = self.local_start
        if self.end and self.end > self.start:
            end = timezone.localtime(self.end)
            if self.all_day:
                end = datetime.datetime.combine(
                    end.date() + datetime.timedelta(days=1), datetime.time(), start.tzinfo
                )
            return end - start
        next_day = datetime.datetime.combine(
            start.date() + datetime.timedelta(days=1), datetime.time(), start.tzinfo
        )
        return next_day - start

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def is_moved(self):
        return self.status == EventStatus.MOVED

    @cached_property
    def organiser_name(self):
        """ "Termin von …": the organiser, else the chapter, else the region (home page)."""
        if self.organiser:
            return self.organiser
        if self.chapter is not None:
            return self.chapter.title
        index = self.get_parent()
        return index.get_parent().title if index else ""

    def get_context(self, request, *args, **kwargs):
        from .occurrences import expand_event

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        upcoming = expand_event(self, now, now + datetime.timedelta(days=366), 10)
        context.update(
            event_index=self.get_parent(),
            next_occurrences=upcoming,
            # A series shows its next date first; an ended event its own.
            shown_start=upcoming[0].start if upcoming else self.local_start,
            attachments=attachments_of(self, request),
        )
        return context

    @path("ical/", name="ics")
    def ics(self, request):
        return calendar_response(request, [self], f"{self.slug}.ics", self.title)

    def schema_org(self):
        """Schema.org Event as JSON-LD, escaped for a <script> element."""
        status = {
            EventStatus.CANCELLED: "EventCancelled",
            EventStatus.MOVED: "EventRescheduled",
        }.get(self.status, "EventScheduled")
        start, end = self.local_start, self.local_start + self.duration
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "startDate": start.date().isoformat() if self.all_day else start.isoformat(),
            "endDate": end.date().isoformat() if self.all_day else end.isoformat(),
            "eventStatus": f"https://schema.org/{status}",
            "organizer": {"@type": "Organization", "name": self.organiser_name},
        }
        if self.teaser:
            data["description"] = self.teaser
        if self.place or self.address:
            data["location"] = {
                "@type": "Place",
                "name": self.place or self.address,
                "address": self.address or self.place,
            }
        elif self.online_url:
            data["location"] = {"@type": "VirtualLocation", "url": self.online_url}
        text = json.dumps(data, ensure_ascii=False)
        for char, escape in (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026")):
            text = text.replace(char, escape)
        return mark_safe(text)  # noqa: S308 - JSON with <, > and & escaped


class EventException(Orderable):
    """One date of a repeating event that is left out, or shown as cancelled."""

    OMITTED, CANCELLED = "omitted", "cancelled"
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("Datum"))
    kind = models.CharField(
        _("Art"),
        max_length=10,
        choices=[(CANCELLED, _("abgesagt (bleibt sichtbar)")), (OMITTED, _("entfällt"))],
        default=CANCELLED,
    )

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("kind")])]

    class Meta(Orderable.Meta):
        verbose_name = _("Ausnahme")
        verbose_name_plural = _("Ausnahmen")


class EventAttachment(DocumentAttachment):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="attachments")


from .subscriptions import CalendarSubscription  # noqa: E402, F401  (a model of this app)
