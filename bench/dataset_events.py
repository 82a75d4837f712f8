"""The benchmark's events: every chapter gets its "Termine" page with a few events (one
monthly series, two single dates, one all-day), bulk-inserted like the rest of
bench/dataset.py. The regional "Termine" under the home page comes from the migrations."""

import datetime

EVENTS_PER_CHAPTER = 4


def add_events(chapters, step, now, locale):
    """Give each page in *chapters* a Termine page as its child number *step*."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import F
    from wagtail.models import Page

    from events import recurrence
    from events.models import EventIndexPage, EventPage

    from .dataset import _insert_children, _new_pages

    types = {
        model: ContentType.objects.get_for_model(model) for model in (EventIndexPage, EventPage)
    }
    today = now.astimezone(recurrence.berlin()).date()
    for chapter in chapters:
        index = _new_pages(
            EventIndexPage,
            chapter,
            step - 1,
            [{"title": "Termine", "slug": "termine", "numchild": EVENTS_PER_CHAPTER}],
            now,
            locale,
            types[EventIndexPage],
        )[0]
        _insert_children(EventIndexPage, [{"page_ptr_id": index.pk, "intro": ""}])
        specs = [
            {"title": f"Termin {number} in {chapter.title}", "slug": f"termin-{number}"}
            for number in range(EVENTS_PER_CHAPTER)
        ]
        rows = []
        for number, page in enumerate(
            _new_pages(EventPage, index, 0, specs, now, locale, types[EventPage])
        ):
            day = today + datetime.timedelta(days=3 + 9 * number + chapter.pk % 7)
            start = datetime.datetime.combine(day, datetime.time(19), recurrence.berlin())
            row = {
                "page_ptr_id": page.pk,
                "start": start,
                "end": start + datetime.timedelta(hours=2),
                "place": "Bürgerhaus",
                "teaser": "Alle Interessierten sind herzlich eingeladen.",
                "body": "[]",
            }
            if number == 0:  # a monthly series: first weekday of the month, a year long
                row.update(repeat=recurrence.MONTHLY, repeat_nth=1, repeat_count=12)
                row["rrule"] = recurrence.build_rule(
                    recurrence.MONTHLY, 1, start.weekday(), 1, None, 12
                )
            if number == EVENTS_PER_CHAPTER - 1:
                row.update(all_day=True, end=None)
            rows.append(row)
        _insert_children(EventPage, rows)
    Page.objects.filter(pk__in=[chapter.pk for chapter in chapters]).update(
        numchild=F("numchild") + 1
    )
