"""Translatable snippets listed in the visitor's language."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant


class LocalizedQuerySet(models.QuerySet):
    def localized(self, locale=None):
        """Rows in the active language, plus German originals nobody has translated yet.

        One query whatever the number of rows, so lists can be localised without N+1.
        """
        # Filtering on the language code (a join) instead of fetching the Locale rows first
        # saves two queries per list; an active language without a Locale row shows German.
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        if locale is not None:
            active = locale.language_code
        else:
            try:
                active = get_supported_content_language_variant(translation.get_language())
            except LookupError:
                active = default
        if active == default:
            return self.filter(locale__language_code=default)
        translated = self.model.objects.filter(
            locale__language_code=active, translation_key=OuterRef("translation_key")
        )
        return self.filter(
            Q(locale__language_code=active) | Q(locale__language_code=default) & ~Exists(translated)
        )
