"""The contact form: validation, spam protection and delivery.

Why a signed token instead of Django's CSRF protection
------------------------------------------------------
CSRF protection exists so that another site cannot make a *logged-in* visitor's browser
send a request that uses the visitor's cookies and rights. The contact form has no rights to
abuse: anybody may send a message, and a forged post from another site can do nothing that
the attacker could not do by posting the form directly. What is worth preventing is
automated abuse, and a CSRF cookie would not stop that either — but it would cost every
visitor a cookie on a page that must stay cookie-free to be served from the page cache.

So the form carries a token instead: the page id and the moment the page was rendered,
signed with SECRET_KEY (django.core.signing.TimestampSigner). A post is accepted only if

* the token is genuine and was issued for this very page (no posting without loading the
  page, no reusing one page's token on another chapter's form),
* at least CONTACT_MIN_FILL_SECONDS and at most CONTACT_TOKEN_MAX_AGE seconds have passed
  since it was issued (bots post at once; stale pages must be reloaded),
* the honeypot field (hidden from people, labelled "leave empty") is empty, and
* the sender's address sent fewer than CONTACT_RATE_LIMIT posts in CONTACT_RATE_WINDOW
  seconds (counted in the Django cache, so all worker processes share it with Redis;
  messages sent and posts refused as spam count, a missing field does not).

A page served from the page cache carries the token of its first rendering, so the fill
time measured is an upper bound of the real one; the page cache keeps an entry at most
PAGE_CACHE_TIMEOUT seconds and the rate limit caps what a bot could gain from that.
"""

import logging
import time
from email.utils import formataddr

from django import forms
from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

logger = logging.getLogger(__name__)

SALT = "people.contact"
MAX_MESSAGE_LENGTH = 5000


def setting(name, default):
    return getattr(settings, name, default)


def issue_token(page):
    return signing.TimestampSigner(salt=SALT).sign(str(page.pk))


def current_token(page, form=None):
    """The token a (re-)rendered form carries: the visitor's own while it is still good,
    so the fill time keeps counting, else a fresh one."""
    posted = form.data.get("token", "") if form is not None and form.is_bound else ""
    age = token_age(posted, page) if posted else None
    if age is not None and age <= setting("CONTACT_TOKEN_MAX_AGE", 24 * 3600):
        return posted
    return issue_token(page)


def token_age(token, page):
    """Seconds since *token* was issued for *page*, or None if it is not genuine."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        # Signer.unsign checks the signature and leaves "<page id>:<timestamp>".
        value, timestamp = signing.Signer.unsign(signer, token).rsplit(signer.sep, 1)
        issued = signing.b62_decode(timestamp)
    except (signing.BadSignature, ValueError):
        return None
    if value != str(page.pk):
        return None
    return time.time() - issued


def no_line_breaks(value):
    if "\r" in value or "\n" in value:
        raise forms.ValidationError(_("Bitte ohne Zeilenumbruch."), code="line_break")


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Ihr Name"), max_length=200, validators=[no_line_breaks], strip=True
    )
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"), max_length=254, validators=[no_line_breaks]
    )
    message = forms.CharField(
        label=_("Ihre Nachricht"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    consent = forms.BooleanField(
        label=_("Ich bin einverstanden, dass meine Angaben zur Beantwortung gespeichert werden."),
        error_messages={"required": _("Bitte stimmen Sie der Speicherung Ihrer Angaben zu.")},
    )
    # The honeypot: hidden by CSS and labelled for screen readers; people leave it empty.
    website = forms.CharField(
        label=_("Bitte dieses Feld leer lassen"), required=False, max_length=200
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=200)

    error_messages = {
        "required": _("Bitte füllen Sie dieses Feld aus."),
    }

    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        for name in ("name", "email", "message"):
            self.fields[name].error_messages["required"] = self.error_messages["required"]
        self.fields["message"].error_messages["max_length"] = _(
            "Die Nachricht ist zu lang (höchstens %(limit_value)d Zeichen, Ihre hat "
            "%(show_value)d)."
        )
        self.fields["email"].error_messages["invalid"] = _(
            "Bitte geben Sie eine gültige E-Mail-Adresse an."
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("Ihre Nachricht wurde als unerwünscht erkannt."), code="honeypot"
            )
        age = token_age(self.data.get("token", ""), self.page) if self.page else None
        if age is None or age > setting("CONTACT_TOKEN_MAX_AGE", 24 * 3600):
            raise forms.ValidationError(
                _(
                    "Das Formular ist abgelaufen. Bitte laden Sie die Seite neu und senden "
                    "Sie es noch einmal."
                ),
                code="token",
            )
        if age < setting("CONTACT_MIN_FILL_SECONDS", 3):
            raise forms.ValidationError(
                _(
                    "Das ging sehr schnell. Bitte prüfen Sie Ihre Angaben und senden Sie das "
                    "Formular noch einmal."
                ),
                code="too_fast",
            )
        return cleaned

    def error_ids(self, name):
        return f"id_{name}_error"


def client_address(request):
    """The visitor's address; behind our nginx X-Forwarded-For holds exactly that (it is
    overwritten, never appended, see settings AXES_IPWARE_META_PRECEDENCE_ORDER)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


SPAM_CODES = {"honeypot", "token", "too_fast"}


def _rate_key(request):
    return f"chapterhouse:contact-rate:{client_address(request)}"


def rate_limited(request):
    """True if the sender's address used up its CONTACT_RATE_LIMIT posts in the window."""
    return cache.get(_rate_key(request), 0) >= setting("CONTACT_RATE_LIMIT", 5)


def count_post(request):
    """Count a post that was sent or refused as spam; a typo in a field costs nothing."""
    window = setting("CONTACT_RATE_WINDOW", 600)
    key = _rate_key(request)
    cache.add(key, 0, timeout=window)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)


def looks_like_spam(form):
    return any(error.code in SPAM_CODES for error in form.non_field_errors().as_data())


def recipient_for(page):
    chapter = page.chapter
    if chapter is not None:
        return chapter.contact_email
    # The regional portal's Kontakt: the regional office (named by label: home is above us).
    return apps.get_model("home", "PlatformSettings").load().office_email


def deliver(page, form):
    """Store the message and mail it to the chapter; a mail failure is logged, not shown
    (the message is stored and the team sees it in the admin)."""
    submission_model = apps.get_model("people", "ContactSubmission")
    chapter = page.chapter
    default = Locale.get_default()
    if chapter is not None and chapter.locale_id != default.pk:
        chapter = chapter.get_translation_or_none(default) or chapter  # the German original
    data = form.cleaned_data
    submission = submission_model.objects.create(
        chapter=chapter,
        page=page,
        name=data["name"],
        email=data["email"],
        message=data["message"],
    )
    recipient = recipient_for(page)
    if not recipient:
        logger.warning("contact form of page %s has no recipient", page.pk)
        return submission
    title = chapter.title if chapter else page.get_site().site_name or page.title
    with translation.override(settings.LANGUAGE_CODE):  # the team reads German
        mail = compose(title, data, page, recipient)
    try:
        mail.send()
    except Exception:  # noqa: BLE001 - SMTP down must not lose the message or show a 500
        logger.exception("contact form mail to %s failed", recipient)
        return submission
    submission.mailed_to = recipient
    submission.save(update_fields=["mailed_to"])
    return submission


def compose(title, data, page, recipient):
    """The mail to the chapter. Reply-To is the sender: name and address have no line
    breaks (the form checked; Django refuses them in headers anyway)."""
    return EmailMessage(
        subject=gettext("Kontaktformular %(site)s: Nachricht von %(name)s")
        % {"site": title, "name": data["name"]},
        body=gettext(
            "%(name)s <%(email)s> schreibt über das Kontaktformular (%(url)s):\n\n%(message)s\n"
        )
        % {**data, "url": page.full_url or ""},
        to=[recipient],
        reply_to=[formataddr((data["name"], data["email"]))],
    )
