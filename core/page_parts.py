"""The documents and tags listed under an article or an event, each read with one
hand-written statement: the ORM took longer composing these small queries than the
database running them. A preview shows what the editor has in the form (the page object
holds it), so it asks the page's own relations."""

from django.db.models import prefetch_related_objects
from taggit.models import Tag


def _previewing(request):
    return getattr(request, "is_preview", False)


def attachments_of(page, request):
    """*page*'s attached documents in their order, each with its document (read with one
    statement more only when there are any)."""
    if _previewing(request):
        return page.attachments.select_related("document")
    model = page.attachments.model
    table, column = model._meta.db_table, model._meta.get_field("page").column
    sql = f"SELECT * FROM {table} WHERE {column} = %s ORDER BY sort_order"  # noqa: S608 - names from the model
    attachments = list(model.objects.raw(sql, [page.pk]))
    prefetch_related_objects(attachments, "document")
    return attachments


def tags_of(page, request):
    """*page*'s tags in the order they were given."""
    if _previewing(request):
        return list(page.tags.all())
    sql = (
        f"SELECT tag.* FROM {Tag._meta.db_table} tag JOIN {page.tags.through._meta.db_table} "  # noqa: S608 - names from the models
        "item ON item.tag_id = tag.id WHERE item.content_object_id = %s ORDER BY item.id"
    )
    return list(Tag.objects.raw(sql, [page.pk]))
