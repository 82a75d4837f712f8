from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Überschrift"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Ebene"),
        choices=[("h2", _("Überschrift 2")), ("h3", _("Überschrift 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Überschrift")
        template = "core/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Zitat"))
    attribution = blocks.CharBlock(label=_("Wer sagt das?"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Zitat")
        template = "core/blocks/quote.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Bild"))
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False, max_length=250)
    alt_text = blocks.CharBlock(
        label=_("Alternativtext"),
        required=False,
        max_length=250,
        help_text=_("Beschreibt das Bild für Menschen, die es nicht sehen können."),
    )

    class Meta:
        icon = "image"
        label = _("Bild")
        template = "core/blocks/image.html"


class LinkBlock(blocks.StructBlock):
    """One entry of a link list: an external URL or a document from the library."""

    title = blocks.CharBlock(label=_("Linktext"), max_length=250)
    url = blocks.URLBlock(label=_("Adresse"), required=False)
    document = DocumentChooserBlock(label=_("Dokument"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks import StructBlockValidationError

        value = super().clean(value)
        if bool(value.get("url")) == bool(value.get("document")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Bitte genau eins angeben: eine Adresse oder ein Dokument.")
                    )
                }
            )
        return value


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=200)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"))

    class Meta:
        icon = "list-ul"
        label = _("Links und Dokumente")
        template = "core/blocks/link_list.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Absatz"), features=RICH_TEXT_FEATURES, template="core/blocks/paragraph.html"
    )
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    links = LinkListBlock()
