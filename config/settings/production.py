"""Production: every value from the environment (see site/deploy/env.example)."""

import os

from django.core.exceptions import ImproperlyConfigured

for _name in ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"):
    if not os.environ.get(_name, "").strip():
        raise ImproperlyConfigured(
            f"Die Umgebungsvariable {_name} fehlt; bitte setzen (Vorlage: site/deploy/env.example)."
        )

os.environ.setdefault("LOG_FORMAT", "json")
os.environ.setdefault("DB_CONN_MAX_AGE", "60")
os.environ.setdefault("TASKS_BACKEND", "database")

from .base import *  # noqa: E402

DEBUG = env_bool("DEBUG", False)

STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"

# HTTPS: nginx terminates TLS and sends X-Forwarded-Proto (site/deploy/nginx.conf).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Logs to stdout, one JSON object a line (LOG_FORMAT); management commands keep their own
# output on stdout too, so cron lines redirect both (site/deploy/crontab.example does).
LOGGING["handlers"]["console"]["stream"] = "ext://sys.stdout"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Error reports to Sentry only when SENTRY_DSN is set; sentry-sdk is the optional extra
# `pip install -e '.[sentry]'`.
if os.environ.get("SENTRY_DSN"):
    try:
        import sentry_sdk
    except ImportError as error:
        raise ImproperlyConfigured(
            "SENTRY_DSN ist gesetzt, aber sentry-sdk fehlt: pip install -e '.[sentry]'."
        ) from error
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        integrations=[DjangoIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
    )
