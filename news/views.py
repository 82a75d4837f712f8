"""Admin views for shared articles ("Geteilte Artikel"); the rules live in news/sharing.py."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import NewsArticlePage, SharedArticle
from .sharing import (
    PUSH_PERMISSION,
    accept_share,
    chapters_to_offer,
    decline_share,
    may_offer,
    offer_article,
    offers_for,
    retract_article,
)


class OfferForm(forms.Form):
    chapters = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Ortsvereine"),
        queryset=SharedArticle.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Bitte mindestens einen Ortsverein wählen.")},
    )
    push = forms.BooleanField(
        label=gettext_lazy("Direkt übernehmen (ohne Zustimmung der Ortsvereine)"),
        required=False,
    )

    def __init__(self, *args, article, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapters"].queryset = chapters_to_offer(article)
        if not user.has_perm(PUSH_PERMISSION):
            del self.fields["push"]


class OfferArticleView(WagtailAdminTemplateMixin, FormView):
    page_title = gettext_lazy("Anderen Ortsvereinen anbieten")
    header_icon = "redirect"
    template_name = "news/admin/offer.html"
    form_class = OfferForm

    def dispatch(self, request, *args, **kwargs):
        self.article = get_object_or_404(NewsArticlePage, pk=kwargs["page_id"])
        if not may_offer(request.user, self.article):
            messages.error(request, _("Diesen Artikel dürfen Sie nicht weitergeben."))
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.article.title

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "article": self.article, "user": self.request.user}

    def form_valid(self, form):
        chapters = form.cleaned_data["chapters"]
        push = form.cleaned_data.get("push", False)
        offer_article(self.article, chapters, self.request.user, push=push)
        messages.success(
            self.request,
            _("„%(title)s“ ist %(count)d Ortsvereinen angeboten.")
            % {"title": self.article.title, "count": len(chapters)},
        )
        return redirect("news_sharing:index")


class SharedArticleIndexView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Geteilte Artikel")
    header_icon = "redirect"
    template_name = "news/admin/shares.html"

    def get_context_data(self, **kwargs):
        shares = list(offers_for(self.request.user))
        return {
            **super().get_context_data(**kwargs),
            "waiting": [share for share in shares if not share.accepted],
            "accepted": [share for share in shares if share.accepted],
            "mine": SharedArticle.objects.filter(offered_by=self.request.user)
            .select_related("article", "chapter")
            .order_by("-offered_at"),
        }


def _share_action(action, done_message):
    @require_POST
    def view(request, pk):
        share = get_object_or_404(SharedArticle.objects.select_related("article", "chapter"), pk=pk)
        action(share, request.user)
        messages.success(
            request, done_message % {"title": share.article.title, "chapter": share.chapter.title}
        )
        return redirect("news_sharing:index")

    return view


accept = _share_action(accept_share, gettext_lazy("„%(title)s“ steht jetzt bei %(chapter)s."))
decline = _share_action(decline_share, gettext_lazy("Angebot für %(chapter)s abgelehnt."))


@require_POST
def retract(request, page_id):
    article = get_object_or_404(NewsArticlePage, pk=page_id)
    retract_article(article, request.user)
    messages.success(
        request, _("„%(title)s“ ist bei allen Ortsvereinen zurückgezogen.") % {"title": article}
    )
    return redirect("news_sharing:index")
