from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .provisioning import provision_chapter, regions, slug_clash
from .roles import EDITOR, ROLE_CHOICES


def add_service_errors(form, error):
    """Show a service's ValidationError on the form fields it names."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class ChapterCreateForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Page.objects.none(),  # the regions, set per form (they are looked up)
        empty_label=None,
        error_messages={"invalid_choice": _("Unbekannte Region.")},
    )
    title = forms.CharField(
        label=_("Name des Ortsvereins"),
        max_length=200,
        help_text=_("z. B. „SPD Wustermark“"),
    )
    slug = forms.SlugField(
        label=_("Adresse (Kurzname)"),
        required=False,
        max_length=100,
        help_text=_("Teil der Adresse unter dem Regionalportal; leer: aus dem Namen gebildet."),
    )
    host_name = forms.CharField(
        label=_("Eigener Hostname"),
        required=False,
        max_length=255,
        help_text=_("Optional, z. B. „spd-wustermark.de“: dann eine eigene Website."),
    )
    municipality = forms.CharField(label=_("Gemeinde"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions()

    def clean(self):
        cleaned = super().clean()
        home, title = cleaned.get("region"), cleaned.get("title")
        if home is None or not title:
            return cleaned
        clash = slug_clash(home, slugify(cleaned.get("slug") or title))
        if clash:
            self.add_error("slug", clash)
        return cleaned

    def save(self, user=None):
        """Provision the chapter; on refusal the errors land on the form and None returns."""
        data = self.cleaned_data
        try:
            return provision_chapter(
                data["region"],
                data["title"],
                slug=data["slug"] or None,
                host_name=data["host_name"],
                municipality=data["municipality"],
                user=user,
            )
        except ValidationError as error:
            add_service_errors(self, error)
            return None


class ChapterMemberForm(forms.Form):
    identifier = forms.CharField(
        label=_("Benutzername oder E-Mail-Adresse"),
        max_length=254,
        help_text=_("Das Konto muss schon existieren (Einstellungen → Benutzer)."),
    )
    role = forms.ChoiceField(label=_("Rolle"), choices=ROLE_CHOICES, initial=EDITOR)

    def clean_identifier(self):
        identifier = self.cleaned_data["identifier"].strip()
        users = get_user_model().objects.filter(
            Q(username__iexact=identifier) | Q(email__iexact=identifier), is_active=True
        )
        matches = list(users[:2])
        if not matches:
            raise ValidationError(
                _("Es gibt kein aktives Konto mit dem Benutzernamen oder der E-Mail „%(id)s“.")
                % {"id": identifier}
            )
        if len(matches) > 1:
            raise ValidationError(
                _("Mehrere Konten passen zu „%(id)s“; bitte den Benutzernamen angeben.")
                % {"id": identifier}
            )
        self.user = matches[0]
        return identifier
