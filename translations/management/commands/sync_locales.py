from django.core.management.base import BaseCommand

from translations.sync import content_language_codes, sync_locales


class Command(BaseCommand):
    help = (
        "Legt für jede Inhaltssprache (CONTENT_LANGUAGES) ein Locale an, synchronisiert es "
        "aus dem Deutschen und legt fehlende Seiten als Aliasse an. Mehrfach ausführbar."
    )

    def handle(self, *args, **options):
        result = sync_locales()
        self.stdout.write(
            self.style.SUCCESS(
                "Sprachen: {languages}. Neu angelegt: {locales} Sprache(n), {aliases} "
                "Alias-Seite(n).".format(
                    languages=", ".join(content_language_codes()),
                    locales=len(result["locales"]),
                    aliases=result["aliases"],
                )
            )
        )
