from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from chapters.provisioning import provision_chapter, regions


class Command(BaseCommand):
    help = (
        "Legt einen Ortsverein vollständig an: Seiten, Redaktion, Autoren, Sammlung, "
        "Freigabe-Workflow und auf Wunsch eine eigene Website für seinen Hostnamen."
    )

    def add_arguments(self, parser):
        parser.add_argument("title", help="Name, z. B. „SPD Wustermark“")
        parser.add_argument("--slug", default="", help="Adresse unter der Region, z. B. wustermark")
        parser.add_argument("--host", default="", help="eigener Hostname, z. B. spd-wustermark.de")
        parser.add_argument("--municipality", default="", help="Gemeinde")
        parser.add_argument(
            "--region",
            default="",
            help="Slug oder ID des Regionalportals (Vorgabe: das einzige vorhandene)",
        )

    def handle(self, *args, title, slug, host, municipality, region, **options):
        if not region:
            homes = list(regions().values_list("pk", flat=True)[:2])
            region = homes[0] if len(homes) == 1 else ""
        try:
            chapter = provision_chapter(
                region, title, slug=slug or None, host_name=host, municipality=municipality
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(f"Ortsverein „{chapter.title}“ ist bereit: {chapter.url_path}")
        )
