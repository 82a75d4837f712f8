from django.core.management.base import BaseCommand, CommandError

from core.fetch import FetchError
from events.importer import MAX_BYTES, TIMEOUT, import_calendar
from events.models import EventIndexPage


class Command(BaseCommand):
    help = "Übernimmt Termine aus externen Kalendern (.ics-Adressen) in eine Terminübersicht."

    def add_arguments(self, parser):
        parser.add_argument("index", type=int, help="ID der Terminübersicht („Termine“)")
        parser.add_argument("urls", nargs="+", help="Adressen der .ics-Kalender")
        parser.add_argument("--timeout", type=float, default=TIMEOUT)
        parser.add_argument("--max-bytes", type=int, default=MAX_BYTES)

    def handle(self, *args, index, urls, timeout, max_bytes, **options):
        page = EventIndexPage.objects.filter(pk=index).first()
        if page is None:
            raise CommandError(f"Keine Terminübersicht mit der ID {index}.")
        failed = 0
        for url in urls:
            try:
                created, updated, warnings = import_calendar(
                    page, url, timeout=timeout, max_bytes=max_bytes
                )
            except FetchError as error:
                failed += 1
                self.stderr.write(f"{url}: {error}")
                continue
            for warning in warnings:
                self.stderr.write(f"{url}: {warning}")
            self.stdout.write(f"{url}: {created} neu, {updated} geändert.")
        if failed:
            raise CommandError(f"{failed} Kalender konnten nicht geladen werden.")
