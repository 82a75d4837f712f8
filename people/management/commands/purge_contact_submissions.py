"""Delete contact form messages older than CONTACT_RETENTION_DAYS (default 90).

Run daily (site/deploy/chapterhouse-purge-contact-submissions.timer or crontab.example).
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from people.models import ContactSubmission


class Command(BaseCommand):
    help = "Löscht Kontaktanfragen, die älter als CONTACT_RETENTION_DAYS Tage sind."

    def handle(self, *args, **options):
        days = int(getattr(settings, "CONTACT_RETENTION_DAYS", 90))
        cutoff = timezone.now() - datetime.timedelta(days=days)
        deleted, _ = ContactSubmission.objects.filter(created_at__lt=cutoff).delete()
        self.stdout.write(f"{deleted} Kontaktanfragen gelöscht (älter als {days} Tage).")
