"""German addresses: "Spielplatz eröffnet" becomes /spielplatz-eroeffnet/, not
/spielplatz-er%C3%B6ffnet/."""

from django.utils.text import slugify

GERMAN_LETTERS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)


def german_slugify(text):
    """An ASCII slug: German umlauts and ß transliterated, other accents dropped."""
    return slugify(str(text).translate(GERMAN_LETTERS))


class GermanSlugMixin:
    """New pages get ASCII slugs in every language; existing pages keep theirs, so their
    URLs keep working."""

    def full_clean(self, *args, **kwargs):
        if self._state.adding:
            source = self.slug or self.title or ""
            if not source.isascii():
                self.slug = german_slugify(source)
        super().full_clean(*args, **kwargs)
