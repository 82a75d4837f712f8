"""The Draftail widget's HTML-to-editor conversion gives every thread its own, correct
result when several threads share one converter, as gunicorn's threads do
(core/rich_text_threads.py)."""

import json
import threading

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

HTML = "<p>" + "<b>fett</b> und <i>kursiv</i> " * 200 + "</p>"


def editor_state(contentstate_json):
    """The editor state without the block keys, which are random on every call."""
    state = json.loads(contentstate_json)
    for block in state["blocks"]:
        del block["key"]
    return state


def test_threads_sharing_one_converter_get_correct_editor_state():
    converter = ContentstateConverter(["bold", "italic", "link"])
    expected = editor_state(converter.from_database_format(HTML))
    failures = []

    def convert():
        for _ in range(50):
            try:
                if editor_state(converter.from_database_format(HTML)) != expected:
                    failures.append("wrong editor state")
            except AssertionError as error:
                failures.append(repr(error))

    threads = [threading.Thread(target=convert) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
