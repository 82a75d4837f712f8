"""Background tasks of the translations app (Django's task framework, settings.TASKS)."""

from django_tasks import task
from wagtail.models import Page

from .sync import create_missing_aliases


@task()
def create_aliases_task(page_id):
    """The aliases of a published German page in every other content language. Run after the
    publish, so the editor does not wait for them; a page deleted or unpublished meanwhile
    gets none."""
    page = Page.objects.filter(pk=page_id, live=True).first()
    if page is not None:
        create_missing_aliases(page)
