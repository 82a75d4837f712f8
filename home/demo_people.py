"""Demo boards for `manage.py seed_demo`: three people per chapter with portraits drawn by
Pillow (nothing is downloaded), and the region's own Kontakt, Impressum and Datenschutz."""

import io

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image

from chapters.provisioning import add_standard_pages
from people.models import Person, PersonRole, Role

BOARDS = {
    "wustermark": [
        ("Steven Werner", "Vorsitzende/r", "Gemeindevertreter in Wustermark."),
        ("Sabine Krüger", "Stellvertretende/r Vorsitzende/r", "Ortsbeirat Elstal."),
        ("Jens Albrecht", "Kassierer/in", ""),
    ],
    "falkensee": [
        ("Petra Hoffmann", "Vorsitzende/r", "Stadtverordnete, Schwerpunkt Radverkehr."),
        ("Murat Yilmaz", "Stellvertretende/r Vorsitzende/r", ""),
        ("Clara Schmidt", "Kassierer/in", ""),
    ],
    "nauen": [
        ("Thomas Lehmann", "Vorsitzende/r", "Kreistagsabgeordneter im Havelland."),
        ("Anja Becker", "Stellvertretende/r Vorsitzende/r", ""),
        ("Ole Neumann", "Schriftführer/in", ""),
    ],
}
EXTRA_MANDATES = {"Steven Werner": "Gemeindevertreter/in", "Petra Hoffmann": "Stadtverordnete/r"}
COLOURS = [(227, 0, 15), (122, 21, 40), (60, 60, 60), (0, 96, 128), (200, 120, 0)]


def portrait_png(name, index):
    """A 320×320 PNG: a silhouette on a coloured background (shown cropped to a circle, so
    nothing is drawn near the corners)."""
    colour = COLOURS[index % len(COLOURS)]
    image = PILImage.new("RGB", (320, 320), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((110, 50, 210, 150), fill=(245, 235, 225))
    draw.ellipse((60, 170, 260, 380), fill=(245, 235, 225))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    slug = name.lower().replace(" ", "-")
    return ContentFile(buffer.getvalue(), name=f"portrait-{slug}.png")


def seed_people(chapter):
    """The chapter's demo board, once (a chapter that has people is left alone)."""
    if Person.objects.filter(chapter=chapter).exists():
        return
    collection = chapter.team.collection
    for index, (name, role_name, bio) in enumerate(BOARDS.get(chapter.slug, [])):
        photo = Image.objects.create(
            title=f"Porträt {name}", file=portrait_png(name, index), collection=collection
        )
        person = Person.objects.create(
            chapter=chapter, name=name, photo=photo, bio=bio, sort_order=index + 1
        )
        roles = [role_name, *([EXTRA_MANDATES[name]] if name in EXTRA_MANDATES else [])]
        for position, role in enumerate(roles):
            role = Role.objects.filter(name=role, locale__language_code="de").first()
            if role is not None:
                PersonRole.objects.create(person=person, role=role, sort_order=position)


def seed_region_pages(home, platform):
    add_standard_pages(
        home,
        ortsverein=platform.office_name or home.title,
        verantwortlich=platform.office_name or home.title,
        anschrift=platform.office_address,
        email=platform.office_email,
    )
