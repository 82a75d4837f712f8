from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Chapterhouse"

    def ready(self):
        from .rich_text_threads import serialise_contentstate_parsing

        # gunicorn's threads share Draftail's HTML parser: parse one at a time.
        serialise_contentstate_parsing()
