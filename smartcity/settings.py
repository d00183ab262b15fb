"""One settings file, driven by the environment (django-environ).

Every value that differs between a laptop, CI and production comes from an
environment variable (or a ``*_FILE`` holding it, for secrets).  A value that
cannot be understood stops start-up with a message naming the variable, rather
than silently falling back to a default that would surprise an operator.
"""

import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from smartcity.staticfiles import NOTO_SANS_THAI

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
_env_file = BASE_DIR / ".env"
if _env_file.exists():
    environ.Env.read_env(str(_env_file))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _secret(name, default=None):
    """Read NAME, or the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    path = env.str(f"{name}_FILE", default="")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {exc}") from exc
    return env.str(name, default=default)


def _strict_bool(name, default):
    # django-environ reads any unknown word as False; an operator who writes
    # DEBUG=ture must hear about it instead of getting a silent production mode.
    raw = env.str(name, default="1" if default else "0").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean: use one of {sorted(_TRUE | _FALSE - {''})}"
    )


def _int(name, default, minimum=0):
    raw = env.str(name, default=str(default))
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}")
    return value


DEBUG = _strict_bool("DEBUG", default=False)
# Under pytest the suite needs no SECRET_KEY and uses fast password hashing.
TESTING = _strict_bool("TESTING", default="pytest" in sys.modules)

# Commands that neither serve nor sign anything may run without a key (a
# reviewer's `manage.py check`, a build's `collectstatic`): a throw-away one.
_OFFLINE_COMMANDS = {"check", "makemigrations", "showmigrations", "workflow_diagram", "collectstatic",
                     "compilemessages", "makemessages", "help"}
_COMMAND = sys.argv[1] if len(sys.argv) > 1 and sys.argv[0].endswith("manage.py") else None

SECRET_KEY = _secret("SECRET_KEY", default="")
if not SECRET_KEY and _COMMAND in _OFFLINE_COMMANDS:
    import secrets

    SECRET_KEY = secrets.token_urlsafe(50)
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: set SECRET_KEY (or SECRET_KEY_FILE), or DEBUG=true for local work"
        )
    SECRET_KEY = "insecure-local-development-key-only-used-when-DEBUG-is-on"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "smartcity",
    "accounts",
    "provinces",
    "dimensions",
    "applications",
    "reviews",
    "notifications",
    "register",
    "monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "smartcity.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "smartcity.middleware.WorkflowErrorMiddleware",
    # Axes last, as its documentation asks, so it sees the final auth result.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "smartcity.urls"
WSGI_APPLICATION = "smartcity.wsgi.application"

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
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
try:
    DATABASES = {
        "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    }
except (ImproperlyConfigured, KeyError, ValueError) as exc:
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a database URL this portal understands "
        f"(postgres://user@host:5432/name or sqlite:///path): {exc}"
    ) from exc
if DATABASES["default"]["ENGINE"] not in (
    "django.db.backends.postgresql",
    "django.db.backends.sqlite3",
):
    raise ImproperlyConfigured(
        f"DATABASE_URL: engine {DATABASES['default']['ENGINE']} is not supported; "
        "use postgres:// or sqlite:///"
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", _int("CONN_MAX_AGE", 0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env.str(
        "TEST_DATABASE_NAME", default="test_smartcity"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login lockout (django-axes): five failures lock the username+IP pair for an hour.
AXES_FAILURE_LIMIT = _int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = _strict_bool("AXES_ENABLED", default=True)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- Language and time --------------------------------------------------------
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files -------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static", NOTO_SANS_THAI]  # the font, served from its PyPI package
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# WhiteNoise does not know .ttf; browsers want font/ttf for the self-hosted Thai font.
WHITENOISE_MIMETYPES = {".ttf": "font/ttf"}
UPLOAD_MAX_MB = _int("UPLOAD_MAX_MB", 20, minimum=1)

# --- E-mail ---------------------------------------------------------------------
try:
    vars().update(
        env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
    )
except (ImproperlyConfigured, KeyError, ValueError) as exc:
    raise ImproperlyConfigured(f"EMAIL_URL is not an e-mail URL (smtp://host:port): {exc}") from exc
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Smart City Thailand <no-reply@localhost>")

# --- Celery ------------------------------------------------------------------------
# Unset CELERY_BROKER_URL = no broker: tasks run in this process.  They are still
# queued with transaction.on_commit, so they run after the data they read exists.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
if CELERY_BROKER_URL and not CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured(
        f"CELERY_BROKER_URL={CELERY_BROKER_URL!r}: only redis:// or rediss:// brokers are supported"
    )
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request must not hang on a dead broker: give up publishing quickly; the
# outbox sweep below delivers whatever could not be queued.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_BEAT_SCHEDULE = {
    "notifications-outbox-sweep": {"task": "notifications.tasks.deliver_outstanding", "schedule": 60.0},
}
# Issue 7: unrenewed certificates expire each night (00:15, Bangkok time).
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE["monitoring-expire-certificates"] = {
    "task": "monitoring.tasks.expire_certificates", "schedule": crontab(hour=0, minute=15),
}

# --- API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    # Anonymous use is throttled per address (history kept in the default cache);
    # the suite runs hundreds of anonymous calls from one address, so tests raise the rate.
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="100000/min" if TESTING else "60/min"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "smartcity.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Smart City Thailand certification portal API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs page loads Swagger UI from our own static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "StateEnum": "applications.enums.State",
        "ActionEnum": "applications.enums.Action",
    },
}

# --- Security ---------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less header tag instead
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG and not TESTING:
    SESSION_COOKIE_SECURE = _strict_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo1234")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# --- Notifications (issue 5) ----------------------------------------------------------------
# Beat runs the outbox sweep, the reminders and the daily digest; see notifications/tasks.py.
from celery.schedules import crontab  # noqa: E402

NOTIFICATIONS_SWEEP_SECONDS = _int("NOTIFICATIONS_SWEEP_SECONDS", 60, minimum=1)
CELERY_BEAT_SCHEDULE["notifications-outbox-sweep"]["schedule"] = float(NOTIFICATIONS_SWEEP_SECONDS)
CELERY_BEAT_SCHEDULE.update({
    "notifications-reminders": {"task": "notifications.tasks.send_reminders", "schedule": 3600.0},
    "notifications-daily-digest": {
        "task": "notifications.tasks.send_digests", "schedule": crontab(hour=7, minute=0),
    },
})
# A claim older than this is a dead worker's, and the sweep claims the row again.
NOTIFICATIONS_CLAIM_TIMEOUT = _int("NOTIFICATIONS_CLAIM_TIMEOUT", 300, minimum=1)
NOTIFICATIONS_MAX_ATTEMPTS = _int("NOTIFICATIONS_MAX_ATTEMPTS", 6, minimum=1)
NOTIFICATIONS_RETRY_BASE = _int("NOTIFICATIONS_RETRY_BASE", 60, minimum=1)  # seconds; doubles each try
PORTAL_URL = env.str("PORTAL_URL", default="http://localhost:8000")
# Webhooks may call http:// and private addresses only in local work.
WEBHOOKS_ALLOW_PRIVATE = DEBUG
TEMPLATES[0]["OPTIONS"]["context_processors"].append("notifications.context_processors.unread")

# --- Cache ----------------------------------------------------------------------------------
# CACHE_URL=redis://127.0.0.1:6379/1 shares one cache between every process (the register's
# cached pages and their version key, the API's throttle counts); unset, each process keeps its
# own memory cache. redis:// means Django's Redis backend (the `redis` package), keeping its
# client between calls (smartcity/cache.py).
_CACHE_URL = env.str("CACHE_URL", default="") or "locmemcache://"
try:
    CACHES = {
        "default": env.cache_url_config(
            _CACHE_URL,
            backend="smartcity.cache.RedisCache"
            if _CACHE_URL.startswith(("redis://", "rediss://")) else None,
        )
    }
except (ImproperlyConfigured, KeyError, ValueError) as exc:
    raise ImproperlyConfigured(
        f"CACHE_URL is not a cache URL (redis://host:6379/1 or locmemcache://): {exc}"
    ) from exc
