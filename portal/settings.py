"""Django settings: everything that varies between installations comes from the environment.

With nothing set the portal runs embedded: SQLite in var/portal.sqlite3 and Celery tasks
executed in-process. Set DATABASE_URL and REDIS_URL (or CELERY_BROKER_URL) for PostgreSQL,
Redis and Celery workers.
"""

import os
import warnings
from pathlib import Path

from portal.env import (
    ConfigurationError,
    env_bool,
    env_broker_url,
    env_database,
    env_int,
    env_list,
)
from portal.storage_settings import documents_storage
from screening.openapi import screening_components

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
# HTTPS=true marks a production deployment behind TLS: secure cookies, HSTS, a real key.
HTTPS = env_bool("HTTPS", default=False)
SECRET_KEY = os.environ.get("SECRET_KEY") or ""
if not SECRET_KEY:
    if HTTPS:
        raise ConfigurationError("SECRET_KEY must be set in production (HTTPS=true)")
    # Good enough for a laptop and the test suite; `check --deploy` flags it.
    SECRET_KEY = "django-insecure-embedded-default-key-for-local-use-only"
elif len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ConfigurationError("SECRET_KEY must be at least 50 characters with 5 distinct ones")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "portal.admin_site.PortalAdminConfig",  # django.contrib.admin, with methods checked
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "classification",
    "screening",
    "casework",
    # --- Issue 5: audit trail (django-auditlog) and login lockout (django-axes) ---
    "auditlog",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.request_body_limit",  # before anything reads a form (CSRF does)
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (the chosen language lives in a cookie), before CommonMiddleware (so an
    # unprefixed Spanish address can be redirected to /es/...).
    "django.middleware.locale.LocaleMiddleware",
    "portal.language.preferred_language_redirect",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # --- Issue 5: Content-Security-Policy, the audit trail's actor, login lockout (last) ---
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

# The largest body a page takes: an import (20 MB) with its form; refused unread past it.
REQUEST_BODY_MAX_BYTES = 21 * 1024 * 1024

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
            "libraries": {"portal_i18n": "portal.templatetags.portal_i18n"},
        },
    },
]

VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))
DATABASES = {"default": env_database("DATABASE_URL", str(VAR_DIR / "portal.sqlite3"))}
# Embedded SQLite keeps its connection between requests too (DATABASE_URL's get 60 s): opening
# one costs 0.6 ms, more than a kept page takes to answer (make bench-pages).
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "classification:series-list"
LOGOUT_REDIRECT_URL = "classification:series-list"

LANGUAGE_CODE = "en"
# English at the unprefixed addresses, Spanish under /es/ (portal/urls.py); the class standards'
# official text stays English (it is the legal text), marked lang="en" on Spanish pages.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
# The screening's default `as_of` is "today" in this zone (SCREENING.md).
TIME_ZONE = os.environ.get("PORTAL_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Django's StaticFilesStorage, each file's address written once a process.
    "staticfiles": {"BACKEND": "portal.static_storage.KeptUrlsStaticFilesStorage"},
    # Applicants' supporting documents (casework): outside the web root, served only through
    # the audited view; random names, nothing of the applicant in a path.
    "documents": documents_storage(VAR_DIR),
}
# A document larger than this is refused (the request itself stops at REQUEST_BODY_MAX_BYTES).
DOCUMENTS_MAX_BYTES = env_int("DOCUMENTS_MAX_BYTES", 10 * 1024 * 1024)
if DOCUMENTS_MAX_BYTES >= REQUEST_BODY_MAX_BYTES:
    raise ConfigurationError(
        f"DOCUMENTS_MAX_BYTES must be below the request limit ({REQUEST_BODY_MAX_BYTES} bytes)"
    )
# WhiteNoise serves static files with DEBUG on or off, so `make run` shows the portal as it is
# deployed. Off production (HTTPS unset) nothing needs collecting: files are served from where
# they live (static/, the apps'), re-read on change in debug; production serves collectstatic's.
WHITENOISE_USE_FINDERS = DEBUG or not HTTPS
WHITENOISE_AUTOREFRESH = DEBUG
if WHITENOISE_USE_FINDERS and not STATIC_ROOT.is_dir():
    # Uncollected is the expected state here, not a mistake to warn about on every start.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)

SERIES_DATA_DIR = Path(os.environ.get("SERIES_DATA_DIR", BASE_DIR / "series_data"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "EXCEPTION_HANDLER": "rest_framework.views.exception_handler",
    # OPTIONS is refused (405) as on every page: no cross-origin caller needs it, the OpenAPI
    # schema describes the API, and DRF's answer on the docs view was the whole docs page.
    "DEFAULT_METADATA_CLASS": None,
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "600/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Classification and Qualification Screening Portal API",
    "DESCRIPTION": "Screen screening-profile/1 documents against class standards.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "OAS_VERSION": "3.1.0",
    # Swagger UI's assets are served from this installation, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Without deep links an operation's summary holds no link inside its button (axe:
    # nested-interactive); the page is otherwise the same.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "APPEND_COMPONENTS": screening_components(),
    # The screening components are the contract's own JSON Schema (enums without `type`),
    # which the enum post-processing hook cannot read; they need no post-processing.
    "POSTPROCESSING_HOOKS": ["screening.openapi.level_ids_listed"],
}

# Celery: with no broker configured, tasks run eagerly in-process (the embedded default).
_configured_broker = env_broker_url("CELERY_BROKER_URL", "REDIS_URL")
CELERY_TASK_ALWAYS_EAGER = _configured_broker is None
# Eager tasks never reach a broker; naming the in-memory one keeps kombu from looking for
# a server on localhost.
CELERY_BROKER_URL = _configured_broker or "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
# Celery beat (the `beat` service of docker-compose.yml, or `make worker`): an unsaved
# self-check lives in a session row, so expired sessions are deleted every hour.
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "screening.tasks.expired_sessions_clear",
        "schedule": 60 * 60,
    },
}
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
REDIS_URL = os.environ.get("REDIS_URL") or None

# One cache for every process (gunicorn workers): the API's throttle counts there. With Redis
# configured it is Redis under the portal's key prefix (the broker's keys stay apart); embedded,
# one process, LocMem is enough.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Installations (and test runs) sharing one Redis keep apart by their prefix.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Security: sensible everywhere, strict in production (DEBUG off behind TLS).
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request lines carry query strings; applicants' data never travels in URLs, but the
        # access log is still kept at WARNING so a mistake cannot leak into logs.
        "django.server": {"level": "WARNING"},
    },
}

# --- Issue 5: applicants, placement officers, audit, lockout, CSP -------------------------
# Login lockout (django-axes): 5 failures for one user name from one address lock it for an
# hour. The backend wrapper lets request-less authenticate() calls (shell, tests) through.
AUTHENTICATION_BACKENDS = [
    "screening.backends.LockoutBackend",
    "portal.access.OneQueryModelBackend",  # ModelBackend, its permissions in one query
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False  # user names are personal data: keep them out of the logs
# No log of every successful sign-in's address and browser: failures (for lock-outs) suffice.
AXES_DISABLE_ACCESS_LOG = True
AXES_IPWARE_PROXY_COUNT = 1 if HTTPS else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if HTTPS else ["REMOTE_ADDR"]
)

# Content-Security-Policy (django-csp 4): everything from this origin, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Audit trail (django-auditlog): who did what, before and after; read-only in the admin.
AUDITLOG_DISABLE_REMOTE_ADDR = True  # an applicant's address is personal data
AUDITLOG_STORE_JSON_CHANGES = True

# Sessions carry an unsaved self-check profile; they end with the browser and after a day,
# and expired ones are deleted by the hour (CELERY_BEAT_SCHEDULE).
SESSION_COOKIE_AGE = 60 * 60 * 24
# Django's database sessions, read by SQL written once a process (portal/sessions.py).
SESSION_ENGINE = "portal.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Bulk re-evaluation (screening.services.reevaluation): applicants per batch, how long a
# claimed batch is held before the sweep hands it to another worker, the sweep's period, and
# each batch's time limits. The broker's visibility timeout stays above the longest batch, so
# a message is redelivered only when its worker is truly gone.
REEVALUATION_BATCH_SIZE = env_int("REEVALUATION_BATCH_SIZE", 1000)
REEVALUATION_LEASE_SECONDS = env_int("REEVALUATION_LEASE_SECONDS", 120)
REEVALUATION_SWEEP_SECONDS = env_int("REEVALUATION_SWEEP_SECONDS", 30)
REEVALUATION_SOFT_TIME_LIMIT = env_int("REEVALUATION_SOFT_TIME_LIMIT", 60)
REEVALUATION_TIME_LIMIT = env_int("REEVALUATION_TIME_LIMIT", 90)
REEVALUATION_BATCH_RETRIES = 3
# Officers' imports larger than this run as background jobs (the page returns at once).
IMPORT_INLINE_MAX_BYTES = env_int("IMPORT_INLINE_MAX_BYTES", 64 * 1024)
# Casework: a case is due this many calendar days after it was received.
CASE_DUE_DAYS = env_int("CASE_DUE_DAYS", 20)
IMPORT_LEASE_SECONDS = env_int("IMPORT_LEASE_SECONDS", 1800)
IMPORT_SOFT_TIME_LIMIT = env_int("IMPORT_SOFT_TIME_LIMIT", 1500)
# One queue per installation sharing a broker (and per test run of the workers' tests).
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "celery")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("BROKER_VISIBILITY_TIMEOUT", 600),
}
CELERY_BEAT_SCHEDULE["reevaluation-sweep"] = {
    "task": "screening.tasks.reevaluation_sweep",
    "schedule": REEVALUATION_SWEEP_SECONDS,
}
# django-axes reports every sign-in at INFO; keep only its warnings (lockouts) in the logs.
LOGGING["loggers"]["axes"] = {"level": "WARNING"}
# Casework: notices of results (how long an applicant has to ask for a review, whom to ask)
# and eligible lists (how long a list stands by default, and at most).
NOTICE_REVIEW_DAYS = env_int("NOTICE_REVIEW_DAYS", 30)
NOTICE_OFFICE_CONTACT = os.environ.get(
    "NOTICE_OFFICE_CONTACT",
    "the Placement Office, by mail or e-mail to placement@example.org, "
    "quoting the notice's reference",
)
# A Unicode TrueType font for the notices' PDFs (Debian's fonts-dejavu-core); without one the
# PDF falls back to the PDF core font and shows characters outside Latin-1 as "?".
NOTICE_PDF_FONT = os.environ.get(
    "NOTICE_PDF_FONT", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)
ELIGIBLE_LIST_DAYS = env_int("ELIGIBLE_LIST_DAYS", 365)
ELIGIBLE_LIST_MAX_DAYS = env_int("ELIGIBLE_LIST_MAX_DAYS", 4 * 365 + 1)
# fontTools (under fpdf2) reports every font subset made for a notice's PDF at INFO.
LOGGING["loggers"]["fontTools"] = {"level": "WARNING"}
