"""Settings shared by every environment. Values that differ per machine come from the
environment; see README.md ("Konfiguration")."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .frontend_cache import frontend_cache_from_environment

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_choice(name, **choices):
    """The value for the variable's setting among *choices* (the first is the default)."""
    key = os.environ.get(name, next(iter(choices))).strip().lower()
    if key not in choices:
        raise ImproperlyConfigured(f"{name}={key!r} ist unbekannt; erlaubt: {', '.join(choices)}.")
    return choices[key]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    # Ours, from the portal down to what everything uses (docs/architecture.md).
    "home",
    "chapters",
    "news",
    "events",
    "press",
    "notices",
    "people",
    "translations",
    "pagecache",
    "security",
    "core",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "axes",
]

MIDDLEWARE = [
    # Outermost: one JSON log line per request, and a friendly 503 page while the
    # database is unreachable (see config/middleware.py).
    "config.middleware.RequestLogMiddleware",
    "config.middleware.DatabaseOutageMiddleware",
    # Outside everything that only adds headers (security headers, CSP) and outside
    # whitenoise: a hit skips them all, sessions, auth and the database, and is served
    # with the headers they gave the response it stored. It answers If-None-Match for the
    # pages it marks public itself (304, hits included), lets STATIC_URL and MEDIA_URL
    # pass untouched and never serves http:// while SECURE_SSL_REDIRECT is on.
    "pagecache.middleware.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 304 Not Modified for everything else (inside whitenoise, which answers for static
    # files itself).
    "django.middleware.http.ConditionalGetMiddleware",
    # Inside the page cache: pages are stored compressed (brotli for readers, gzip), per
    # Accept-Encoding, and a hit is not compressed again (pagecache/compression.py).
    "pagecache.compression.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LocaleMiddleware",  # no Vary: Accept-Language on public pages
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.middleware.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a lock-out into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as the embedded default must survive an editor's autosave and publish at
    # the same moment (tests/config/test_sqlite_concurrency.py). WAL lets readers and one
    # writer work side by side; the busy timeout makes a second writer wait instead of
    # failing; IMMEDIATE takes the write lock at BEGIN, because a deferred transaction that
    # read first cannot upgrade to a write lock while another writer holds it: SQLite
    # reports "database is locked" at once, without waiting (the 503 and the lost publish).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Prepared statements: planned once per connection (docs/architecture.md, production.md).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=2
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login protection (django-axes): after AXES_FAILURE_LIMIT failed logins for one user name
# from one address, further attempts are refused for AXES_COOLOFF_HOURS. Regional admins
# see and lift lock-outs under "Einstellungen → Gesperrte Anmeldungen".
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
# Behind nginx the client address arrives in X-Forwarded-For, which our nginx example
# overwrites (never appends), and gunicorn listens on loopback only.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Two-factor authentication (django-otp TOTP, wired into the admin by security/): every
# admin user can add an authenticator app under "Konto"; once a user has one, the admin
# asks for its code after each login. ADMIN_2FA_REQUIRED=true makes it mandatory for all.
CHAPTERHOUSE_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", False)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Chapterhouse")

# Content-Security-Policy (django-csp). Public pages run no inline script at all; the
# Wagtail admin still renders a few inline <script> blocks (inline panels, date widgets,
# wagtail-localize), so /admin/ gets 'unsafe-inline' for scripts (see config/middleware.py).
# Inline styles stay allowed: the admin and the userbar set style attributes.
_csp_frame_src = env_list(
    "CSP_FRAME_SRC",
    "https://www.youtube-nocookie.com,https://www.youtube.com,https://player.vimeo.com",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *env_list("CSP_IMG_SRC")],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *_csp_frame_src],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
ADMIN_CSP_SCRIPT_SRC = ["'self'", "'unsafe-inline'"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views set SAMEORIGIN for themselves

# Languages: German first. Content languages are the ones wagtail-localize translates
# into; CONTENT_LANGUAGES="de,en,pl" adds Polish without touching code.
LANGUAGE_CODE = "de"
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
_LANGUAGE_NAMES = {
    "de": _("Deutsch"),
    "en": _("Englisch"),
    "pl": _("Polnisch"),
    "fr": _("Französisch"),
    "tr": _("Türkisch"),
    "uk": _("Ukrainisch"),
    "ar": _("Arabisch"),
}
_content_languages = env_list("CONTENT_LANGUAGES", "de,en")
if _content_languages[0] != "de":
    raise ImproperlyConfigured("CONTENT_LANGUAGES muss mit der Standardsprache de beginnen.")
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    (code, _LANGUAGE_NAMES.get(code, code)) for code in _content_languages
]
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Per-language date formats for the public site (templates use SHORT_DATE(TIME)_FORMAT).
FORMAT_MODULE_PATH = ["config.formats"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
# Background work after a publish (search and reference index, CDN purges, aliases in the
# other languages) as Django tasks: "immediate" in the request (development, tests),
# "database" queued for `manage.py db_worker` (production: chapterhouse-worker.service).
TASKS = {
    "default": {
        "BACKEND": env_choice(
            "TASKS_BACKEND",
            immediate="django_tasks.backends.immediate.ImmediateBackend",
            database="django_tasks_db.DatabaseBackend",
        )
    }
}

WAGTAIL_SITE_NAME = "Chapterhouse"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: the admin would send a hash of every editor's e-mail address to a third
# party (and the CSP blocks the images anyway); Wagtail shows its own default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"

# Caches. Without REDIS_URL every process keeps pages in its own memory and the purge
# tokens ("generations") in files all processes on this machine share (token_cache.py);
# with REDIS_URL everything lives in Redis, which is what several app servers need.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "chapterhouse",
            # A Redis outage degrades to uncached pages, never to errors (tests/test_faults.py);
            # short time-outs keep a hanging Redis from holding up every request.
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": env_bool("REDIS_IGNORE_EXCEPTIONS", True),
                "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.5")),
                "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "chapterhouse.cache"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "chapterhouse",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "5000"))},
        },
        "generation": {
            "BACKEND": "pagecache.token_cache.TokenFileCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
        },
    }

# Anonymous page cache and sidebar fragments (pagecache/cache.py).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_GENERATION_ALIAS = "generation"
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))
# Cache-Control max-age of a public page for browsers (then they revalidate with the ETag);
# shared caches get s-maxage=PAGE_CACHE_TIMEOUT.
PAGE_CACHE_BROWSER_MAX_AGE = int(os.environ.get("PAGE_CACHE_BROWSER_MAX_AGE", "60"))
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/documents/", "/django-admin/", "/healthz"]

# CDN / reverse proxy purges on publish (wagtail.contrib.frontend_cache), off unless
# FRONTEND_CACHE_BACKEND is set (frontend_cache.py).
if _frontend_cache := frontend_cache_from_environment():
    WAGTAILFRONTENDCACHE = _frontend_cache

# How many press releases every chapter page shows in its sidebar.
CHAPTERHOUSE_PRESS_RELEASES_SHOWN = int(os.environ.get("PRESS_RELEASES_SHOWN", "5"))
# Press releases per page of the archive ("Pressemitteilungen") on the home page's site.
CHAPTERHOUSE_PRESS_RELEASES_PER_PAGE = int(os.environ.get("PRESS_RELEASES_PER_PAGE", "20"))
# Importing feeds (press/importer.py): seconds to wait for the publisher's server, and the
# largest feed accepted (bytes); a bigger download is aborted while streaming.
# The regional overview marks chapters that published nothing for this many weeks as quiet;
# the weekly digest of it is mailed to the regional admins only when switched on.
CHAPTERHOUSE_QUIET_WEEKS = int(os.environ.get("QUIET_CHAPTER_WEEKS", "8"))
CHAPTERHOUSE_DIGEST_ENABLED = env_bool("REGIONAL_DIGEST_ENABLED", False)
CHAPTERHOUSE_FEED_TIMEOUT = float(os.environ.get("FEED_TIMEOUT", "10"))
CHAPTERHOUSE_FEED_MAX_BYTES = int(os.environ.get("FEED_MAX_BYTES", str(5 * 1024 * 1024)))
# Calendar subscriptions (.ics): larger files are refused by the import.
CALENDAR_MAX_BYTES = int(os.environ.get("CALENDAR_MAX_BYTES", str(2 * 1024 * 1024)))
# Internal hosts, addresses or CIDR ranges that core/fetch.py may read although they are private.
OUTBOUND_ALLOWLIST = env_list("OUTBOUND_ALLOWLIST")

# Contact forms (people/contact.py): messages are kept this many days, then deleted by
# `manage.py purge_contact_submissions`; each address may send CONTACT_RATE_LIMIT
# messages per CONTACT_RATE_WINDOW seconds; a form must be open CONTACT_MIN_FILL_SECONDS.
CONTACT_RETENTION_DAYS = int(os.environ.get("CONTACT_RETENTION_DAYS", "90"))
CONTACT_RATE_LIMIT = int(os.environ.get("CONTACT_RATE_LIMIT", "5"))
CONTACT_RATE_WINDOW = int(os.environ.get("CONTACT_RATE_WINDOW", "600"))
CONTACT_MIN_FILL_SECONDS = int(os.environ.get("CONTACT_MIN_FILL_SECONDS", "3"))
CONTACT_TOKEN_MAX_AGE = int(os.environ.get("CONTACT_TOKEN_MAX_AGE", str(24 * 3600)))

# Logs go to stderr here and to stdout in production (systemd's journal, docker logs).
# LOG_FORMAT=json (production's default) writes one JSON object per line: requests
# (chapterhouse.request), errors with their traceback, everything else.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "config.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # Requests are logged once by chapterhouse.request; Django's own line would repeat it.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
