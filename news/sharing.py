"""Sharing articles between chapters: offer, accept, decline, retract. Plain functions the
admin views call; each checks who may do it and raises PermissionDenied otherwise."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.models import Locale, Page

from core.chapter import chapter_model

from .models import NewsIndexPage, SharedArticle

PUSH_PERMISSION = "chapters.manage_chapters"  # the regional office may share into every chapter


def may_offer(user, article):
    return article.live and article.permissions_for_user(user).can_publish()


def may_accept(user, chapter):
    """Who may publish in the chapter's news index (its editors, the regional office)."""
    index = NewsIndexPage.objects.child_of(chapter).first()
    return index is not None and index.permissions_for_user(user).can_publish()


def chapters_to_offer(article):
    """Every other live German chapter."""
    return (
        chapter_model()
        .objects.live()
        .filter(locale=Locale.get_default(), alias_of__isnull=True)
        .exclude(path=article.path[: -2 * Page.steplen])  # its own chapter
        .order_by("title")
    )


@transaction.atomic
def offer_article(article, chapters, user, *, push=False):
    """Offer *article* to *chapters*; with *push* (regional office only) it is accepted at
    once. Returns the shares."""
    if not may_offer(user, article) or (push and not user.has_perm(PUSH_PERMISSION)):
        raise PermissionDenied
    shares = []
    for chapter in chapters:
        share, _created = SharedArticle.objects.get_or_create(
            article=article, chapter=chapter, defaults={"offered_by": user}
        )
        if push and not share.accepted:
            share.accepted = True
            share.save(update_fields=["accepted"])
        shares.append(share)
    return shares


def accept_share(share, user):
    if not may_accept(user, share.chapter):
        raise PermissionDenied
    share.accepted = True
    share.save(update_fields=["accepted"])


def decline_share(share, user):
    if not may_accept(user, share.chapter):
        raise PermissionDenied
    share.delete()


def retract_article(article, user):
    """Take the article back from every chapter it was shared with."""
    if not (may_offer(user, article) or user.has_perm(PUSH_PERMISSION)):
        raise PermissionDenied
    for share in SharedArticle.objects.filter(article=article):
        share.delete()


def offers_for(user):
    """Shares waiting for, or accepted by, chapters the user may publish in."""
    shares = SharedArticle.objects.select_related("article", "chapter").order_by("-offered_at")
    if user.is_superuser or user.has_perm(PUSH_PERMISSION):
        return shares
    chapters = [share.chapter for share in shares]
    allowed = {chapter.pk for chapter in set(chapters) if may_accept(user, chapter)}
    return shares.filter(chapter__in=allowed)
