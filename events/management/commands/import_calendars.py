from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.chapter import chapter_model
from core.imports import report_import_results
from events.importer import import_subscriptions
from events.models import CalendarSubscription, EventIndexPage


class Command(BaseCommand):
    help = (
        "Importiert Termine aus allen aktiven Kalender-Abos (oder einem) und gibt je Kalender "
        "eine Zeile aus. Endet mit Status 1, wenn ein Kalender nicht importiert werden konnte."
    )

    def add_arguments(self, parser):
        parser.add_argument("--calendar", metavar="NAME", help="Nur dieses Kalender-Abo.")
        parser.add_argument(
            "--url",
            metavar="URL",
            help="Abo mit dieser Adresse anlegen (falls neu) und importieren.",
        )
        parser.add_argument(
            "--chapter", metavar="SLUG", help="Ortsverein, in dessen Termine --url übernommen wird."
        )
        parser.add_argument("--name", metavar="NAME", help="Name des neuen Abos (sonst die URL).")
        parser.add_argument(
            "--timeout", type=float, help="Sekunden, die auf den Server gewartet wird."
        )

    def handle(self, *args, **options):
        if options["url"]:
            subscriptions = [self.register(options["url"], options["chapter"], options["name"])]
        elif options["chapter"] or options["name"]:
            raise CommandError("--chapter und --name gehören zu --url.")
        elif options["calendar"]:
            subscription = CalendarSubscription.objects.filter(name=options["calendar"]).first()
            if subscription is None:
                raise CommandError(f"Es gibt kein Kalender-Abo namens „{options['calendar']}“.")
            subscriptions = [subscription]
        else:
            subscriptions = None
        results = import_subscriptions(subscriptions, timeout=options["timeout"])
        report_import_results(
            self, results, nothing="Keine aktiven Kalender-Abos.", sources="Kalendern"
        )

    def register(self, url, chapter_slug, name):
        if not chapter_slug:
            raise CommandError("Zu --url bitte mit --chapter den Ortsverein angeben.")
        chapter = chapter_model().objects.filter(slug=chapter_slug).order_by("path").first()
        if chapter is None:
            raise CommandError(f"Es gibt keinen Ortsverein „{chapter_slug}“.")
        target = EventIndexPage.objects.child_of(chapter).first()
        if target is None:
            raise CommandError(f"Der Ortsverein „{chapter.title}“ hat keine Termine-Seite.")
        existing = CalendarSubscription.objects.filter(url=url, target=target).first()
        if existing:
            return existing
        subscription = CalendarSubscription(name=(name or url)[:100], url=url, target=target)
        try:
            subscription.full_clean()
        except ValidationError as exc:
            problems = " ".join(
                f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()
            )
            raise CommandError(f"Das Kalender-Abo kann nicht angelegt werden. {problems}") from None
        subscription.save()
        self.stdout.write(f"Kalender-Abo „{subscription.name}“ ({url}) angelegt.")
        return subscription
