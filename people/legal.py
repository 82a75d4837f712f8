"""Impressum and Datenschutz from the regional office's templates.

The templates (PlatformSettings.imprint_template / privacy_template, rich text) may use the
placeholders {ortsverein}, {verantwortlich}, {anschrift} and {email}; the values are
HTML-escaped before they are put in. Empty templates fall back to the texts below.
"""

from django.utils.html import escape

PLACEHOLDERS = ("ortsverein", "verantwortlich", "anschrift", "email")

DEFAULT_IMPRINT = (
    "<h2>Angaben gemäß § 5 DDG</h2>"
    "<p>{ortsverein}</p>"
    "<p>{anschrift}</p>"
    "<h2>Kontakt</h2>"
    "<p>E-Mail: {email}</p>"
    "<h2>Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV</h2>"
    "<p>{verantwortlich}, {anschrift}</p>"
    "<h2>Haftung für Links</h2>"
    "<p>Unsere Seiten enthalten Links zu Websites Dritter, auf deren Inhalte wir keinen "
    "Einfluss haben. Für diese Inhalte ist der jeweilige Anbieter verantwortlich.</p>"
)

DEFAULT_PRIVACY = (
    "<h2>Verantwortlich</h2>"
    "<p>Verantwortlich für die Datenverarbeitung auf dieser Website ist {ortsverein}, "
    "vertreten durch {verantwortlich}, {anschrift}, E-Mail: {email}.</p>"
    "<h2>Besuch der Website</h2>"
    "<p>Diese Website setzt keine Cookies für Besucherinnen und Besucher, bindet keine "
    "Inhalte Dritter ein und verwendet keine Analyse- oder Tracking-Dienste. Der Server "
    "verarbeitet die für die Auslieferung nötigen Daten (IP-Adresse, Zeitpunkt, aufgerufene "
    "Seite) und löscht sie nach kurzer Zeit (Art. 6 Abs. 1 lit. f DSGVO).</p>"
    "<h2>Kontaktformular</h2>"
    "<p>Wenn Sie uns über das Kontaktformular schreiben, speichern wir Ihren Namen, Ihre "
    "E-Mail-Adresse und Ihre Nachricht, um Ihre Anfrage zu beantworten (Art. 6 Abs. 1 "
    "lit. a DSGVO), und leiten sie per E-Mail an {ortsverein} weiter. Die gespeicherte "
    "Anfrage wird nach spätestens 90 Tagen gelöscht.</p>"
    "<h2>Ihre Rechte</h2>"
    "<p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der "
    "Verarbeitung, Datenübertragbarkeit und Widerspruch sowie das Recht, sich bei einer "
    "Datenschutz-Aufsichtsbehörde zu beschweren. Schreiben Sie uns dazu an {email}.</p>"
)


def fill(template, *, ortsverein, verantwortlich="", anschrift="", email=""):
    """*template* (HTML) with the placeholders replaced by escaped values. Unknown braces
    are left alone, so a "{" in the text never breaks provisioning."""
    values = {
        "ortsverein": escape(ortsverein),
        "verantwortlich": escape(verantwortlich or ortsverein),
        "anschrift": "<br>".join(escape(line) for line in anschrift.splitlines() if line),
        "email": escape(email),
    }
    for name in PLACEHOLDERS:
        template = template.replace("{" + name + "}", values[name])
    return template


def legal_texts(settings_row, **values):
    """(Impressum HTML, Datenschutz HTML) for a chapter or the region."""
    imprint = getattr(settings_row, "imprint_template", "") or DEFAULT_IMPRINT
    privacy = getattr(settings_row, "privacy_template", "") or DEFAULT_PRIVACY
    return fill(imprint, **values), fill(privacy, **values)
