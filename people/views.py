"""The contact form's POST endpoint (GET is the ContactPage itself, served by Wagtail)."""

from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from .contact import ContactForm, count_post, deliver, looks_like_spam, rate_limited
from .models import ContactPage


@csrf_exempt  # the form's signed token replaces the CSRF cookie (people/contact.py)
@never_cache
def contact_submit(request, page_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    page = get_object_or_404(ContactPage.objects.live().public(), pk=page_id)
    with translation.override(page.locale.language_code):
        form = ContactForm(request.POST, page=page)
        if rate_limited(request):
            form.is_valid()
            form.add_error(
                None,
                translation.gettext(
                    "Von Ihrer Adresse kamen gerade sehr viele Nachrichten. Bitte versuchen "
                    "Sie es in einigen Minuten noch einmal."
                ),
            )
            return render_page(request, page, form, status=429)
        if not form.is_valid():
            if looks_like_spam(form):
                count_post(request)
            return render_page(request, page, form, status=400)
        count_post(request)
        deliver(page, form)
    return HttpResponseRedirect(page.get_url(request) + "?gesendet=1")


def render_page(request, page, form, status):
    """The contact page again, with the visitor's input and the errors."""
    request.is_preview = False
    context = page.get_context(request, form=form)
    return TemplateResponse(request, page.get_template(request), context, status=status)
