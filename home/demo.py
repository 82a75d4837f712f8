"""Demo content for `manage.py seed_demo`, taken from the SPD Wustermark chapter page."""

import datetime
import uuid

PASSWORD = "chapterhouse-demo"  # noqa: S105 - development only, refused when DEBUG is off
SUPERUSER = "admin"
REGIONAL_ADMIN = "regio"

HOME = {
    "title": "SPD Havelland",
    "intro": "<p>Die Ortsvereine der SPD im Havelland: Nachrichten aus den Gemeinden, "
    "Termine und Ansprechpartner vor Ort.</p>",
}
PLATFORM = {
    "platform_name": "SPD Havelland",
    "footer_line": "Ein Service von info.websozis.de",
    "office_name": "SPD-Regionalgeschäftsstelle Havelland",
    "office_address": "Musterstraße 1\n14641 Nauen",
    "office_email": "havelland@example.org",
    "office_phone": "03321 000000",
    "join_url": "https://www.spd.de/unterstuetzen/mitglied-werden",
}
CATEGORIES = [
    ("Kommunalpolitik", "kommunalpolitik"),
    ("Landespolitik", "landespolitik"),
    ("Bundespolitik", "bundespolitik"),
    ("Aus dem Ortsverein", "ortsverein"),
]


def _paragraph(html):
    return {"type": "paragraph", "value": html}


def _links(*links, heading=""):
    return {
        "type": "links",
        "value": {
            "heading": heading,
            # ListBlock items in block format (with ids), so wagtail-localize offers the
            # link texts for translation; the plain-list format would hide them until saved.
            "links": [
                {
                    "type": "item",
                    "value": {"title": title, "url": url, "document": None},
                    "id": str(uuid.uuid5(uuid.NAMESPACE_URL, url)),
                }
                for title, url in links
            ],
        },
    }


ZWECKVERBAND_ARTICLE = {
    "title": "Wustermark will Zweckverband Digitale Kommunen Brandenburg beitreten",
    "slug": "wustermark-will-zweckverband-digitale-kommunen-brandenburg-beitreten",
    "kicker": "Initiative der SPD erfolgreich",
    "date": datetime.date(2020, 12, 16),
    "category": "Kommunalpolitik",
    "teaser": "Auf Initiative der SPD Wustermark will die Gemeinde Wustermark nun dem "
    "Zweckverband Digitale Kommunen Brandenburg beitreten.",
    "body": [
        _links(
            (
                "MAZ: Wustermark will digitalem Zweckverband beitreten",
                "https://www.maz-online.de/Lokales/Havelland/Wustermark/"
                "Wustermark-will-digitalem-Zweckverband-beitreten",
            )
        ),
        _paragraph(
            "<p>Mit dem Onlinezugangsgesetz (OZG) werden Bund, Land und Kommunen gesetzlich "
            "verpflichtet (alle) ihre Verwaltungsleistungen mit Ablauf des 31.12.2022 auch "
            "digital anzubieten. Insgesamt handelt es sich um bis zu 600 "
            "Verwaltungsdienstleistungen, die in digitaler Form angeboten werden müssen. Ein "
            "Teil davon wird durch Bund und Länder zentral umgesetzt. Diese zentral umgesetzten "
            "Dienstleistungen werden dann bspw. über standardisierte Schnittstellen an die "
            "zuständigen Behörden übertragen, die diese in ihre Fachverfahren übernehmen.</p>"
        ),
        {
            "type": "quote",
            "value": {
                "text": "Aus unserer Sicht kann eine verhältnismäßig kleine Kommune wie "
                "Wustermark eine Digitalisierungsstrategie sowie die Anforderungen aus dem "
                "Online-Zugangsgesetz kaum allein umsetzen. Wir müssen die Chancen nutzen, die "
                "der Zweckverband bietet – digitale Lösungen für Bürger rechtzeitig und gemeinsam "
                "mit anderen Kommunen in Brandenburg kostengünstig zu entwickeln. Vorteilhaft "
                "ist dabei auch, dass wir auf IT-Spezialisten aus dem Zweckverband zurückgreifen "
                "können",
                "attribution": "Steven Werner",
            },
        },
        _paragraph("<p>Unser Antrag wurde bereits im August einstimmig angenommen:</p>"),
        _links(
            (
                "Antrag der SPD-Fraktion (Ratsinformationssystem)",
                "https://ratsinfo.wustermark.de/getfile.php?id=28393&type=do&",
            )
        ),
        _paragraph(
            "<p>Die Gemeinde hat den Beitrittsbeschluss, der ebenfalls einstimmig angenommen "
            "wurde, nun am 15.12.2020 vorgelegt:</p>"
        ),
        _links(
            (
                "Beschlussvorlage zum Beitritt (Ratsinformationssystem)",
                "https://ratsinfo.wustermark.de/getfile.php?id=29164&type=do&",
            )
        ),
    ],
}


def _article(title, slug, date, category, teaser, text, kicker=""):
    return {
        "title": title,
        "slug": slug,
        "kicker": kicker,
        "date": date,
        "category": category,
        "teaser": teaser,
        "body": [_paragraph(f"<p>{text}</p>")],
    }


CHAPTERS = [
    {
        "title": "SPD Wustermark",
        "slug": "wustermark",
        "editor": "redaktion-wustermark",
        "author": "autor-wustermark",
        "fields": {
            "municipality": "Wustermark",
            "intro": "<p>Willkommen beim SPD-Ortsverein Wustermark.</p>",
            "contact_name": "Steven Werner",
            "contact_email": "wustermark@example.org",
        },
        "articles": [
            ZWECKVERBAND_ARTICLE,
            _article(
                "Neue Bänke für den Dorfanger Elstal",
                "neue-baenke-dorfanger-elstal",
                datetime.date(2020, 11, 3),
                "Aus dem Ortsverein",
                "Der Ortsbeirat hat auf unseren Vorschlag hin neue Sitzbänke beschlossen.",
                "Die Bänke werden im Frühjahr aufgestellt.",
            ),
        ],
    },
    {
        "title": "SPD Falkensee",
        "slug": "falkensee",
        "editor": "redaktion-falkensee",
        "author": "autor-falkensee",
        "fields": {
            "municipality": "Falkensee",
            "intro": "<p>Der SPD-Ortsverein Falkensee: für eine lebenswerte Gartenstadt.</p>",
            "contact_email": "falkensee@example.org",
        },
        "articles": [
            _article(
                "Mehr Radwege für Falkensee",
                "mehr-radwege-fuer-falkensee",
                datetime.date(2021, 1, 12),
                "Kommunalpolitik",
                "Die SPD-Fraktion beantragt ein Radwegekonzept für die ganze Stadt.",
                "Sichere Wege zur Schule und zum Bahnhof sind unser Ziel.",
                kicker="Antrag der SPD-Fraktion",
            ),
            _article(
                "Jahreshauptversammlung per Video",
                "jahreshauptversammlung-per-video",
                datetime.date(2020, 12, 1),
                "Aus dem Ortsverein",
                "Unsere Jahreshauptversammlung fand erstmals online statt.",
                "Der Vorstand wurde im Amt bestätigt.",
            ),
            _article(
                "Landeshaushalt: Geld für Kitas",
                "landeshaushalt-geld-fuer-kitas",
                datetime.date(2020, 10, 20),
                "Landespolitik",
                "Der Landtag stellt mehr Mittel für Kitas bereit, auch in Falkensee.",
                "Davon profitieren Familien in der ganzen Region.",
            ),
        ],
    },
    {
        "title": "SPD Nauen",
        "slug": "nauen",
        "editor": "redaktion-nauen",
        "author": "autor-nauen",
        "fields": {
            "municipality": "Nauen",
            "intro": "<p>Der SPD-Ortsverein Nauen: nah bei den Menschen.</p>",
            "contact_email": "nauen@example.org",
        },
        "articles": [
            _article(
                "Bürgersprechstunde im Rathaus",
                "buergersprechstunde-im-rathaus",
                datetime.date(2021, 1, 18),
                "Aus dem Ortsverein",
                "Jeden ersten Dienstag im Monat sind wir für Sie da.",
                "Kommen Sie vorbei, wir hören zu.",
            ),
            _article(
                "Schulneubau kommt voran",
                "schulneubau-kommt-voran",
                datetime.date(2020, 9, 8),
                "Kommunalpolitik",
                "Der Neubau der Grundschule liegt im Zeitplan.",
                "Die SPD hat sich seit Jahren für den Neubau eingesetzt.",
            ),
        ],
    },
]

PRESS_RELEASES = [
    {
        "published_at": "2021-01-22T09:49",
        "title": "Heil nimmt Arbeitgeber in die Pflicht",
        "teaser": "Mehr Homeoffice und mehr Sicherheit am Arbeitsplatz Um eine weitere "
        "Ausbreitung des Coronavirus zu verhindern, setzt Arbeitsminister Hubertus Heil auf "
        "mehr Homeoffice und mehr Sicherheit am Arbeitsplatz. Arbeitgeber müssen Homeoffice "
        "überall dort möglich machen, wo es die Tätigkeiten zulassen. Dadurch sollen Kontakte "
        "am Arbeitsort, aber auch auf dem Weg zur Arbeit reduziert werden.",
        "source_name": "spd.de",
        "source_url": "https://www.spd.de/aktuelles/detail/news/heil-nimmt-arbeitgeber-in-die-pflicht/",
    },
    {
        "published_at": "2021-01-22T09:05",
        "title": "Achim Post zu Grenzschließungen",
        "teaser": "Jetzt braucht es europäisches Teamplay Anstatt unseren europäischen "
        "Partnern mit Grenzkontrollen zu drohen, muss Kanzlerin Merkel beim Gipfel heute mit "
        "aller Kraft für mehr europäische Koordinierung in der Pandemiebekämpfung werben.",
        "source_name": "spdfraktion.de",
        "source_url": "https://www.spdfraktion.de/presse/pressemitteilungen/grenzschliessungen",
    },
    {
        "published_at": "2021-01-20T18:57",
        "title": "SPD fordert Freispruch für Gönül Örs",
        "teaser": "Beim morgigen Prozess in der Türkei wird erneut über den Fall der Kölnerin "
        "Gönül Örs verhandelt. Die SPD-Bundestagsfraktion fordert die Freilassung der "
        "politischen Gefangenen.",
        "source_name": "spdfraktion.de",
        "source_url": "https://www.spdfraktion.de/presse/pressemitteilungen/freispruch-goenuel-oers",
    },
    {
        "published_at": "2021-01-20T18:55",
        "title": "Die Verlängerung der Maßnahmen ist richtig",
        "teaser": "Die Lage ist weiterhin ernst. Die Zahlen fallen zwar leicht, wegen der "
        "Mutation bleibt die Gefahr einer weiteren Ausbreitung des Corona-Virus aber "
        "weiterhin groß.",
        "source_name": "spdfraktion.de",
        "source_url": "https://www.spdfraktion.de/presse/pressemitteilungen/verlaengerung-massnahmen",
    },
    {
        "published_at": "2021-01-12T07:59",
        "title": "Katja Mast zur SGB II-Reform / Spiegel-Interview Hubertus Heil",
        "teaser": "Bundesarbeitsminister Hubertus Heil zieht die richtigen Konsequenzen aus den "
        "Erfahrungen mit der Corona-Pandemie: Mehr Sicherheit und neues Vertrauen beim "
        "Arbeitslosengeld II.",
        "source_name": "spdfraktion.de",
        "source_url": "https://www.spdfraktion.de/presse/pressemitteilungen/sgb-ii-reform",
    },
]

# A feed that points nowhere reachable (nothing listens on the discard port), so the admin
# shows what a failing feed looks like: Gemeinsame Inhalte → Feeds.
UNREACHABLE_FEED = {
    "name": "Beispiel-Feed (nicht erreichbar)",
    "url": "http://127.0.0.1:9/unreachable.xml",
}

BANNER = {
    "title": "Aktuelle Informationen zu Corona",
    "text": "<p>Regeln, Impftermine und Hilfsangebote: die wichtigsten Informationen "
    "gebündelt beim Bundesgesundheitsministerium.</p>",
    "link_url": "https://www.bundesgesundheitsministerium.de/coronavirus.html",
    "link_text": "Zu den Corona-Informationen",
}


# English translations for `seed_demo`, keyed by the German source string, as they reach
# wagtail-localize's translation editor (rich text per paragraph, without its <p> tags).
ENGLISH = {
    # Platform texts (home.PlatformText)
    "Ein Service von info.websozis.de": "A service of info.websozis.de",
    # The Zweckverband article
    ZWECKVERBAND_ARTICLE["title"]: "Wustermark wants to join the Digital Municipalities "
    "Association of Brandenburg",
    ZWECKVERBAND_ARTICLE["slug"]: "wustermark-wants-to-join-digital-municipalities-association",
    ZWECKVERBAND_ARTICLE["kicker"]: "SPD initiative successful",
    ZWECKVERBAND_ARTICLE["teaser"]: "Following an initiative by SPD Wustermark, the municipality "
    "of Wustermark now wants to join the Digital Municipalities Association of Brandenburg "
    "(Zweckverband Digitale Kommunen Brandenburg).",
    "MAZ: Wustermark will digitalem Zweckverband beitreten": "MAZ: Wustermark wants to join "
    "the digital association (German)",
    "Mit dem Onlinezugangsgesetz (OZG) werden Bund, Land und Kommunen gesetzlich verpflichtet "
    "(alle) ihre Verwaltungsleistungen mit Ablauf des 31.12.2022 auch digital anzubieten. "
    "Insgesamt handelt es sich um bis zu 600 Verwaltungsdienstleistungen, die in digitaler Form "
    "angeboten werden müssen. Ein Teil davon wird durch Bund und Länder zentral umgesetzt. "
    "Diese zentral umgesetzten Dienstleistungen werden dann bspw. über standardisierte "
    "Schnittstellen an die zuständigen Behörden übertragen, die diese in ihre Fachverfahren "
    "übernehmen.": "The Online Access Act (Onlinezugangsgesetz, OZG) legally obliges the "
    "federal government, the states and the municipalities to offer (all) their administrative "
    "services digitally as well by the end of 31 December 2022. In total, this concerns up to "
    "600 administrative services that must be offered in digital form. Some of them are "
    "implemented centrally by the federal government and the states. These centrally "
    "implemented services are then passed on, for example through standardised interfaces, to "
    "the responsible authorities, which take them over into their specialised procedures.",
    "Aus unserer Sicht kann eine verhältnismäßig kleine Kommune wie Wustermark eine "
    "Digitalisierungsstrategie sowie die Anforderungen aus dem Online-Zugangsgesetz kaum allein "
    "umsetzen. Wir müssen die Chancen nutzen, die der Zweckverband bietet – digitale Lösungen "
    "für Bürger rechtzeitig und gemeinsam mit anderen Kommunen in Brandenburg kostengünstig zu "
    "entwickeln. Vorteilhaft ist dabei auch, dass wir auf IT-Spezialisten aus dem Zweckverband "
    "zurückgreifen können": "In our view, a comparatively small municipality like Wustermark "
    "can hardly implement a digitalisation strategy and the requirements of the Online Access "
    "Act on its own. We must use the opportunities the association offers – to develop digital "
    "solutions for citizens in good time, together with other municipalities in Brandenburg and "
    "at low cost. Another advantage is that we can call on IT specialists from the association",
    "Steven Werner": "Steven Werner",
    "Unser Antrag wurde bereits im August einstimmig angenommen:": "Our motion was already "
    "adopted unanimously in August:",
    "Antrag der SPD-Fraktion (Ratsinformationssystem)": "Motion of the SPD group (council "
    "information system, German)",
    "Die Gemeinde hat den Beitrittsbeschluss, der ebenfalls einstimmig angenommen wurde, nun am "
    "15.12.2020 vorgelegt:": "On 15 December 2020 the municipality presented the resolution to "
    "join, which was also adopted unanimously:",
    "Beschlussvorlage zum Beitritt (Ratsinformationssystem)": "Draft resolution on joining "
    "(council information system, German)",
    # Categories
    "Kommunalpolitik": "Local politics",
    "kommunalpolitik": "local-politics",
    "Landespolitik": "State politics",
    "landespolitik": "state-politics",
    "Bundespolitik": "Federal politics",
    "bundespolitik": "federal-politics",
    "Aus dem Ortsverein": "From the local branch",
    "ortsverein": "local-branch",
    # The Corona banner
    BANNER["title"]: "Current information on coronavirus",
    "Regeln, Impftermine und Hilfsangebote: die wichtigsten Informationen gebündelt beim "
    "Bundesgesundheitsministerium.": "Rules, vaccination appointments and support: the most "
    "important information, collected by the Federal Ministry of Health.",
    BANNER["link_text"]: "Go to the coronavirus information (German)",
}
