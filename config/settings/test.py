from .base import *

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"
WAGTAILADMIN_BASE_URL = "http://testserver"
# The page and fragment caches are switched on by the tests that are about them
# (tests/test_page_cache.py); everywhere else a response shows the database as it is.
PAGE_CACHE_ENABLED = False
FRAGMENT_CACHE_ENABLED = False
# django-axes refuses Client.login() (it needs the request); the lock-out tests switch it
# on with override_settings and log in over HTTP like a person.
AXES_ENABLED = False
LOG_FORMAT = "plain"
