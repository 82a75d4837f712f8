from wagtail.snippets.models import register_snippet

from .viewsets import SharedContentViewSetGroup

register_snippet(SharedContentViewSetGroup)
