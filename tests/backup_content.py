"""Content for the backup round trip, created in a separate process with the production
settings (`manage.py shell -c "from tests.backup_content import populate; populate()"`):
pages of every type with several revisions, a draft, images with renditions, documents."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.rich_text import RichText

from news.models import NewsArticleAttachment
from tests import factories


def png_bytes(colour):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), colour).save(buffer, "PNG")
    return buffer.getvalue()


def populate():
    home = factories.home_page()
    images = []
    for number, colour in enumerate(["red", "green", "blue"]):
        image = Image.objects.create(
            title=f"Bild {number}",
            file=ImageFile(io.BytesIO(png_bytes(colour)), name=f"bild-{number}.png"),
        )
        image.get_rendition("fill-32x32")
        images.append(image)
    documents = []
    for number in range(2):
        document = Document.objects.create(
            title=f"Satzung {number}",
            file=ContentFile(f"Satzung {number}\n".encode(), name=f"satzung-{number}.txt"),
        )
        documents.append(document)

    for chapter_number in range(2):
        chapter = factories.ChapterPageFactory(parent=home, title=f"SPD Ort {chapter_number}")
        factories.ContentPageFactory(parent=chapter, title="Impressum")
        news = factories.NewsIndexPageFactory(parent=chapter)
        for article_number in range(3):
            article = factories.NewsArticlePageFactory(
                parent=news,
                title=f"Artikel {chapter_number}-{article_number}",
                body=[
                    ("paragraph", RichText("<p>Erster Absatz mit <b>Umlauten: äöüß</b>.</p>")),
                    (
                        "image",
                        {
                            "image": images[article_number],
                            "caption": "Ein Bild",
                            "alt_text": "Bild",
                        },
                    ),
                ],
            )
            NewsArticleAttachment.objects.create(
                page=article, document=documents[article_number % 2], title="Anlage"
            )
            for edit in range(2):  # more revisions than the published one
                article.teaser = f"Überarbeitung {edit}"
                article.save_revision().publish()
        factories.NewsArticlePageFactory(parent=news, title="Entwurf", live=False)
