"""English throughout (issue 15.8): every message of every English catalogue is translated.
After merging branches that add strings, run
`manage.py makemessages -l en --no-obsolete -i .venv -i var -i test-artifacts`,
translate every empty msgstr and `compilemessages`; this test says which are missing."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    path
    for path in ROOT.glob("**/locale/en/LC_MESSAGES/django.po")
    if not {".venv", "var", "node_modules"} & set(path.relative_to(ROOT).parts)
)


def test_there_is_an_english_catalogue():
    assert ROOT / "locale/en/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_message_is_translated(path):
    catalogue = polib.pofile(str(path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    missing += [
        entry.msgid
        for entry in catalogue
        if entry.msgid_plural and not all(entry.msgstr_plural.values())
    ]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not missing, f"{len(missing)} untranslated in {path}:\n" + "\n".join(missing)
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {path}:\n" + "\n".join(fuzzy)
