from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from chapters.models import ChapterPage
from chapters.provisioning import retire_chapter


class Command(BaseCommand):
    help = (
        "Legt einen Ortsverein still: depubliziert seine Seiten und entzieht seinem Team die "
        "Rechte. Gelöscht wird nichts."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Adresse des Ortsvereins, z. B. wustermark")

    def handle(self, *args, slug, **options):
        chapters = list(ChapterPage.objects.filter(slug=slug)[:2])
        if len(chapters) != 1:
            raise CommandError(
                f"Kein Ortsverein mit der Adresse „{slug}“."
                if not chapters
                else f"Mehrere Ortsvereine mit der Adresse „{slug}“; bitte im Admin stilllegen."
            )
        try:
            retire_chapter(chapters[0])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Ortsverein „{chapters[0].title}“ ist stillgelegt."))
