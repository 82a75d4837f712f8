"""Content languages: locales, synchronised page trees and who may translate what.

German is the source language. Every other content language (settings.WAGTAIL_CONTENT_LANGUAGES)
gets a Locale whose page tree mirrors the German one, so every German page exists in every
language — as an alias showing the German content until someone translates it. The functions
here are called by `manage.py sync_locales`, by seed_demo and by the receivers in signals.py,
so pages created by code (provision_chapter, create_chapter, imports) get their aliases the
moment they are published, not only pages created in the admin.

We keep the trees in step ourselves and create no LocaleSynchronization rows: with such a row,
wagtail-localize's own after_create_page hook would create the aliases of a page created in
the admin a second time, after our publish receiver did (a 500 on "Veröffentlichen").
tests/translations/test_localization.py fails if that ever comes back.

Translation rights follow page rights: a group that may edit a German page may edit its
translations (page permissions are mirrored onto the translated trees) and may submit it for
translation (translations/views.py guards wagtail-localize's submit views accordingly). The
submit_translation permission is granted where groups get their page rights (provisioning,
sync_locales) and revoked with them.
"""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.synctree import PageIndex, synchronize_tree

# Page permissions that make a group a translator of the pages they cover.
TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page")


def content_language_codes():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def submit_translation_permission():
    return Permission.objects.get(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )


def target_locales():
    """The content languages other than German that have a Locale."""
    default = Locale.get_default()
    return Locale.objects.filter(language_code__in=content_language_codes()).exclude(pk=default.pk)


@transaction.atomic
def sync_locales():
    """Create a Locale for every content language and make sure every German page exists
    (at least as an alias) in every language; mirror page rights and translation rights.

    Idempotent and migration-free: adding "pl" to CONTENT_LANGUAGES and running this again
    is all a new language needs. Returns a dict of what was created, for the command output.
    """
    default = Locale.get_default()
    aliases_before = Page.objects.filter(alias_of__isnull=False).count()
    created_locales = []
    for code in content_language_codes():
        _locale, created = Locale.objects.get_or_create(language_code=code)
        if created:
            created_locales.append(code)
    for locale in target_locales():
        synchronize_tree(
            default, locale, page_index=PageIndex.from_database().sort_by_tree_position()
        )
    for permission in GroupPagePermission.objects.select_related("page", "permission"):
        mirror_page_permission(permission)
        if permission.permission.codename in TRANSLATOR_PAGE_PERMISSIONS:
            grant_translation_rights(permission.group)
    return {
        "locales": created_locales,
        "aliases": Page.objects.filter(alias_of__isnull=False).count() - aliases_before,
    }


def create_missing_aliases(page):
    """Give a German page an alias in every other content language."""
    if page.alias_of_id is not None or page.locale_id != Locale.get_default().pk:
        return []
    created = []
    for locale in target_locales():
        if Page.objects.filter(translation_key=page.translation_key, locale=locale).exists():
            continue
        alias = page.copy_for_translation(locale, copy_parents=True, alias=True)
        for permission in GroupPagePermission.objects.filter(page=page):
            mirror_page_permission(permission)
        created.append(alias)
    return created


def mirror_page_permission(permission):
    """Copy a permission on a German page onto the same page in every other language."""
    page = Page.objects.filter(pk=permission.page_id).values("translation_key", "locale_id").first()
    if page is None or page["locale_id"] != Locale.get_default().pk:
        return
    for translation in Page.objects.filter(translation_key=page["translation_key"]).exclude(
        locale_id=page["locale_id"]
    ):
        GroupPagePermission.objects.get_or_create(
            group_id=permission.group_id, page=translation, permission_id=permission.permission_id
        )


def unmirror_page_permission(permission):
    page = Page.objects.filter(pk=permission.page_id).values("translation_key", "locale_id").first()
    if page is None or page["locale_id"] != Locale.get_default().pk:
        return
    GroupPagePermission.objects.filter(
        group_id=permission.group_id,
        permission_id=permission.permission_id,
        page__translation_key=page["translation_key"],
    ).exclude(page__locale_id=page["locale_id"]).delete()


def grant_translation_rights(group):
    """A group that may add or edit pages may submit those pages for translation."""
    group.permissions.add(submit_translation_permission())


def revoke_translation_rights(group):
    group.permissions.remove(submit_translation_permission())


def translate_with(instance, locale, strings, *, user=None, publish=True):
    """Translate *instance* into *locale* through wagtail-localize, from a dict that maps
    each German source string to its translation. The result is an ordinary synced
    translation that editors can keep working on in the translation editor. Strings missing
    from the dict stay German (wagtail-localize's fallback)."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        text = strings.get(segment.string.data)
        if text is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of_id=segment.string_id,
            locale=locale,
            context_id=segment.context_id,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
    translation.save_target(user=user, publish=publish)
    return instance.get_translation(locale)
