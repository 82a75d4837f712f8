from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.imports import report_import_results
from press.importer import import_feeds
from press.models import PressReleaseFeed


class Command(BaseCommand):
    help = (
        "Importiert Pressemitteilungen aus allen aktiven Feeds (oder einem) und gibt je Feed "
        "eine Zeile aus. Endet mit Status 1, wenn ein Feed nicht importiert werden konnte."
    )

    def add_arguments(self, parser):
        parser.add_argument("--feed", metavar="NAME", help="Nur diesen Feed importieren.")
        parser.add_argument(
            "--url",
            metavar="URL",
            help="Feed mit dieser Adresse anlegen (falls neu) und importieren.",
        )
        parser.add_argument("--name", metavar="NAME", help="Name des Feeds für --url.")
        parser.add_argument(
            "--timeout", type=float, help="Sekunden, die auf den Server gewartet wird."
        )

    def handle(self, *args, **options):
        if options["url"]:
            feeds = [self.register(options["url"], options["name"])]
        elif options["name"]:
            raise CommandError("--name gehört zu --url: --url URL --name NAME.")
        elif options["feed"]:
            try:
                feeds = [PressReleaseFeed.objects.get(name=options["feed"])]
            except PressReleaseFeed.DoesNotExist:
                raise CommandError(f"Es gibt keinen Feed namens „{options['feed']}“.") from None
        else:
            feeds = None
        results = import_feeds(feeds, timeout=options["timeout"])
        report_import_results(self, results, nothing="Keine aktiven Feeds.", sources="Feeds")

    def register(self, url, name):
        feed = PressReleaseFeed.objects.filter(url=url).first()
        if feed:
            return feed
        if not name:
            raise CommandError("Für einen neuen Feed bitte mit --name einen Namen angeben.")
        feed = PressReleaseFeed(name=name, url=url)
        try:
            feed.full_clean()
        except ValidationError as exc:
            problems = " ".join(
                f"{PressReleaseFeed._meta.get_field(field).verbose_name}: {' '.join(messages)}"
                for field, messages in exc.message_dict.items()
            )
            raise CommandError(f"Der Feed kann nicht angelegt werden. {problems}") from None
        feed.save()
        self.stdout.write(f"Feed „{name}“ ({url}) angelegt.")
        return feed
