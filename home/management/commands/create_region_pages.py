"""Give the regional portal its own Kontakt (with the form), Impressum and Datenschutz,
filled from the platform settings (office name, address, e-mail) and the legal templates.

Chapters get theirs when they are opened; the region's are created once, by this command
(seed_demo does the same for the demo). Existing pages are left alone, so running it again
changes nothing.
"""

from django.core.management.base import BaseCommand

from chapters.provisioning import add_standard_pages
from home.models import HomePage, PlatformSettings


class Command(BaseCommand):
    help = "Legt Kontakt, Impressum und Datenschutz des Regionalportals an (falls sie fehlen)."

    def handle(self, *args, **options):
        platform = PlatformSettings.load()
        for home in HomePage.objects.filter(alias_of__isnull=True, locale__language_code="de"):
            name = platform.office_name or platform.platform_name or home.title
            add_standard_pages(
                home,
                ortsverein=name,
                verantwortlich=name,
                anschrift=platform.office_address,
                email=platform.office_email,
            )
            slugs = ", ".join(home.get_children().values_list("slug", flat=True))
            self.stdout.write(f"{home.title}: {slugs}")
