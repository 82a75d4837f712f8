"""The admin form of a press release: an editor's change to an imported field locks it
against the next import, until the editor asks for it to be overwritten again."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .cleaning import clean_html


def _comparable(body):
    text = re.sub(r"\s+", " ", clean_html(body)).replace("> <", "><")
    return text.replace("<p></p>", "").strip()


# Fields the importer writes and an editor may correct.
LOCKABLE_FIELDS = ("title", "teaser", "body", "published_at", "source_name", "source_url")


class PressReleaseForm(WagtailAdminModelForm):
    reimport = forms.BooleanField(
        label=_("Beim nächsten Import wieder überschreiben"),
        required=False,
        help_text=_(
            "Von der Redaktion geänderte Felder bleiben beim Import sonst unverändert. "
            "Ankreuzen, damit der nächste Import wieder die Fassung aus dem Feed übernimmt."
        ),
    )

    def _really_changed(self, name):
        """The rich-text editor hands back the body with its own block keys and markup;
        only a difference that survives the importer's cleaning counts as an edit."""
        if name != "body":
            return True
        before, after = self.initial.get(name) or "", self.cleaned_data.get(name) or ""
        return _comparable(before) != _comparable(after)

    def save(self, commit=True):
        release = self.instance
        if release.feed_id:
            if self.cleaned_data.get("reimport"):
                release.locked_fields = []
            else:
                changed = {
                    name
                    for name in self.changed_data
                    if name in LOCKABLE_FIELDS and self._really_changed(name)
                }
                release.locked_fields = sorted(set(release.locked_fields or ()) | changed)
        return super().save(commit=commit)
