from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import timezone

from chapters.overview import chapter_overview, failed_feeds
from chapters.roles import REGIONAL_ADMIN_GROUP


class Command(BaseCommand):
    help = (
        "Schickt den Regionaladmins die Wochenübersicht der Ortsvereine per E-Mail "
        "(nur mit REGIONAL_DIGEST_ENABLED=true oder --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Auch wenn ausgeschaltet.")

    def handle(self, *args, force, **options):
        if not (settings.CHAPTERHOUSE_DIGEST_ENABLED or force):
            self.stdout.write("Wochenübersicht ist ausgeschaltet (REGIONAL_DIGEST_ENABLED).")
            return
        recipients = sorted(
            get_user_model()
            .objects.filter(groups__name=REGIONAL_ADMIN_GROUP, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        if not recipients:
            self.stdout.write("Kein Regionaladmin mit E-Mail-Adresse.")
            return
        text = render_to_string(
            "chapters/digest.txt",
            {
                "rows": chapter_overview(),
                "failed_feeds": failed_feeds(),
                "quiet_weeks": settings.CHAPTERHOUSE_QUIET_WEEKS,
                "today": timezone.localdate(),
            },
        )
        send_mail(
            f"Ortsvereine: Wochenübersicht vom {timezone.localdate():%d.%m.%Y}",
            text,
            None,
            recipients,
        )
        self.stdout.write(f"Wochenübersicht an {len(recipients)} Empfänger verschickt.")
