"""The production gunicorn configuration (site/deploy/gunicorn.conf.py)."""

import gc
import runpy

from django.conf import settings


def test_workers_are_forked_with_the_loaded_app_out_of_the_collectors_reach():
    config = runpy.run_path(str(settings.BASE_DIR / "site" / "deploy" / "gunicorn.conf.py"))
    assert config["preload_app"] is True
    gc.unfreeze()
    try:
        tracked = len(gc.get_objects())
        config["pre_fork"](server=None, worker=None)
        assert gc.get_freeze_count() >= 0.9 * tracked
    finally:
        gc.unfreeze()
