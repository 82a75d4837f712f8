"""The app map of docs/architecture.md, enforced: imports between our apps point one way
(down), never in a cycle, and no module grows past one screen of concerns."""

import ast
from pathlib import Path

from django.conf import settings

# Lower rank = used by more. An app may import apps of a lower rank only.
RANK = {
    "core": 0,
    "pagecache": 1,
    "translations": 1,
    "news": 2,
    "press": 2,
    "notices": 2,
    # Content apps that reuse the news vocabulary (categories) or blocks.
    "events": 3,
    "people": 3,
    "chapters": 4,
    "home": 5,
    "security": 5,
    "config": 6,
}
MAX_LINES = 400
PRIVATE_APIS = ("hooks._hooks", "_install_lazy_accessors", "run_on_commit")


def app_modules():
    for app in RANK:
        if not (settings.BASE_DIR / app).is_dir():
            continue  # an app of the map that is not built yet
        for path in sorted((settings.BASE_DIR / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def imported_apps(path):
    """Every app of ours that *path* imports, at module level or inside functions."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in RANK:
                yield top, node.lineno


def test_every_app_of_ours_has_a_rank():
    ours = {
        path.parent.name
        for path in settings.BASE_DIR.glob("*/apps.py")
        if not path.parent.name.startswith(".")
    }
    assert ours <= set(RANK), ours - set(RANK)


def test_imports_between_apps_point_down():
    upward = [
        f"{path.relative_to(settings.BASE_DIR)}:{line} imports {target}"
        for app, path in app_modules()
        for target, line in imported_apps(path)
        if target != app and RANK[target] >= RANK[app]
    ]
    assert not upward, "\n".join(upward)


def test_no_module_over_400_lines():
    long = [
        f"{path.relative_to(settings.BASE_DIR)}: {lines} lines"
        for _app, path in app_modules()
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    ]
    assert not long, "\n".join(long)


def test_no_private_api_of_wagtail_or_its_add_ons():
    uses = [
        f"{path.relative_to(settings.BASE_DIR)}: {name}"
        for _app, path in app_modules()
        for name in PRIVATE_APIS
        if name in path.read_text()
    ]
    assert not uses, "\n".join(uses)


def test_the_checker_sees_an_upward_import(tmp_path):
    module = Path(tmp_path / "example.py")
    module.write_text("from chapters.models import ChapterPage\n\ndef f():\n    import home\n")
    assert list(imported_apps(module)) == [("chapters", 1), ("home", 4)]
