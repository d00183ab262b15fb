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

from core.staticfiles import package_dir

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
    # Django's admin, whose site also asks for the second factor (smartcity/admin_site.py).
    "smartcity.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "csp",
    "django_guid",
    "django_prometheus",
    # The staff audit trail (issue 14): before and after of every change to the record.
    # Before "core", whose admin replaces auditlog's own admin of the trail.
    "auditlog",
    "core",
    "smartcity",
    "accounts",
    "provinces",
    "dimensions",
    "applications",
    "reviews",
    "notifications",
    "register",
    "monitoring",
    # PDPA (issue 20): above every other app, which tell it of their personal data (core/personal_data.py).
    "privacy",
]
# Demo and benchmark data (demo/: load_demo, load_demo_reports, generate_bench_data) is installed
# only where it is used: `make run` (DEBUG), the test suite, and a benchmark database
# (DEMO_DATA=true); never in production, where its commands then do not exist.
DEMO_DATA = TESTING or _strict_bool("DEMO_DATA", default=DEBUG)
if DEMO_DATA:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    # Counts every request, including the ones the middleware below refuses.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # A request id (X-Request-ID, or a new one) for every log line of the request.
    "django_guid.middleware.guid_middleware",
    # Before anything reads X-Forwarded-*: only the proxy's addresses may set them.
    "smartcity.middleware.ForwardedFromProxyOnlyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "smartcity.middleware.SessionIdleMiddleware",
    "smartcity.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: the trail names the signed-in person (read only when a row is written).
    "core.audit.AuditMiddleware",
    # request.user.is_verified(): has this session passed the second factor (django-otp)?
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The people who decide pass the second factor before any other page (OTP_REQUIRED_FOR_DECIDERS).
    "accounts.middleware.SecondFactorMiddleware",
    # Then the privacy notice: a signed-in person who has not accepted the version in force reaches
    # only the public pages until they do (privacy/middleware.py).
    "privacy.middleware.PrivacyNoticeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.DomainErrorMiddleware",
    # Axes last, as its documentation asks, so it sees the final auth result.
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
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
# With persistent connections, test each one before a request reuses it, so a
# database restart costs the requests made while it is down, not the ones after.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
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
# The pair, not the address alone: a municipal office shares one address behind
# NAT, and one officer's typos must not lock out colleagues; a password reset
# lifts the lock. Guessing from one address across many usernames is stopped by
# the per-address rate limit on the sign-in form (RATELIMIT_LOGIN, below).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = _strict_bool("AXES_ENABLED", default=True)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
else:
    # Argon2 for new and changed passwords; older hashes still verify and are
    # upgraded at the next sign-in.
    PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
    ]

# Sessions end after this many minutes without a request: SessionIdleMiddleware
# renews an active session (at most every tenth of this), so saving on every
# request (SESSION_SAVE_EVERY_REQUEST, three queries a page) is not needed.
SESSION_COOKIE_AGE = _int("SESSION_IDLE_MINUTES", 60, minimum=1) * 60

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
# The Thai screen font, served from its PyPI package: Noto Sans Thai, a variable font
# (weights 100-900) that also carries Latin, so one family serves both languages.
NOTO_SANS_THAI = ("fonts/noto-sans-thai", package_dir("fontpkg_noto_sans_thai"))
STATICFILES_DIRS = [BASE_DIR / "static", NOTO_SANS_THAI]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Uploaded files: S3-compatible object storage (django-storages) when a bucket is
# named, so several web and worker machines share them; the local disk otherwise.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": _secret("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": _secret("AWS_SECRET_ACCESS_KEY", default="") or None,
            # Annexes are confidential: private objects, never a public URL;
            # downloads go through the view that checks the reader.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _DEFAULT_STORAGE,
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
    # Anonymous use is throttled per address, counted in the default cache (one round trip
    # to Redis per call, shared by every process: core/throttling.py); the suite runs
    # hundreds of anonymous calls from one address, so tests raise the rate.
    "DEFAULT_THROTTLE_CLASSES": ["core.throttling.SharedAnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="100000/min" if TESTING else "60/min"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "core.api.exception_handler",
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
        "AmendmentStateEnum": "applications.enums.AmendmentState",
    },
}

# --- Security ---------------------------------------------------------------------------
# Production defaults are the safe ones; each can be turned off by environment
# (SECURE_COOKIES=false, SECURE_SSL_REDIRECT=false, SECURE_HSTS_SECONDS=0) to
# try a non-DEBUG build over plain http. DEBUG (`make run`) turns them all off.
_PROD = not DEBUG and not TESTING
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less header tag instead
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = _strict_bool("SECURE_COOKIES", default=_PROD)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = _strict_bool("SECURE_SSL_REDIRECT", default=_PROD)
# Probes and the metrics scraper talk plain http inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/", r"^metrics$"]
SECURE_HSTS_SECONDS = _int("SECURE_HSTS_SECONDS", 31536000 if _PROD else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _strict_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=_PROD)
# Preload is what `check --deploy` asks for; a .go.th domain served over HTTPS only qualifies.
SECURE_HSTS_PRELOAD = _strict_bool("SECURE_HSTS_PRELOAD", default=_PROD)
# Behind a TLS-terminating proxy (nginx, a load balancer) that sets X-Forwarded-Proto.
BEHIND_TLS_PROXY = _strict_bool("BEHIND_TLS_PROXY", default=False)
# The proxy's addresses or networks (comma-separated): X-Forwarded-* from anyone else is
# dropped (smartcity.middleware) and ignored by gunicorn (gunicorn.conf.py reads the same).
FORWARDED_ALLOW_IPS = env.list("FORWARDED_ALLOW_IPS", default=["127.0.0.1", "::1"])
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The client's address is the one the proxy adds to X-Forwarded-For (axes and
    # the rate limits read it the same way); without a proxy, REMOTE_ADDR only,
    # so a client cannot pick its own address with a forged header.
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_COUNT = _int("TRUSTED_PROXY_COUNT", 1, minimum=1)
# The API's anonymous throttle reads the address the same way: without NUM_PROXIES DRF
# would take a client's own X-Forwarded-For, and a forged header would dodge the limit.
REST_FRAMEWORK["NUM_PROXIES"] = AXES_IPWARE_PROXY_COUNT if BEHIND_TLS_PROXY else 0

# Content Security Policy (django-csp 4): scripts and styles only from our own
# static files. No inline script or style anywhere (templates load static JS,
# the API docs use drf-spectacular's split view that serves its init script).
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

# Rate limits on the sign-in and password-reset forms (django-ratelimit), per
# address; counted in the default cache, which must be shared by all web
# processes in production (CACHE_URL=redis://...). The suite posts these forms
# hundreds of times from one address, so tests raise the rates (as for the API).
RATELIMIT_LOGIN = env.str("RATELIMIT_LOGIN", default="100000/m" if TESTING else "20/m")
RATELIMIT_PASSWORD_RESET = env.str("RATELIMIT_PASSWORD_RESET", default="100000/m" if TESTING else "5/m")
# Failed sign-ins per address before the address is locked out (until the hour
# is over): axes locks each username+address pair after AXES_FAILURE_LIMIT; this
# stops one address trying many usernames, high enough for an office behind NAT.
LOGIN_FAILURES_PER_ADDRESS = env.str("LOGIN_FAILURES_PER_ADDRESS", default="100000/h" if TESTING else "30/h")
RATELIMIT_ENABLE = _strict_bool("RATELIMIT_ENABLE", default=True)

# Prometheus metrics at /metrics: open under DEBUG; otherwise only with
# "Authorization: Bearer $METRICS_TOKEN" (404 when no token is set).
METRICS_TOKEN = _secret("METRICS_TOKEN", default="")

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo1234")


# --- Logging -------------------------------------------------------------------------------
# LOG_FORMAT=json: a JSON object per line with the request id (django-guid), for a log collector; "text" for people.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use text or json")
DJANGO_GUID = {"GUID_HEADER_NAME": "X-Request-ID", "RETURN_HEADER": True, "VALIDATE_GUID": False}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "django_guid.log_filters.CorrelationId"},
        # No e-mail address or phone number reaches the logs, whoever wrote the line (issue 20).
        "personal_data": {"()": "core.logfilters.PersonalDataFilter"},
    },
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "correlation_id": "request_id"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT,
                    "filters": ["request_id", "personal_data"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# --- Audit trail (issue 14) -----------------------------------------------------------------
# django-auditlog keeps {field: [before, after]}, the person, the time, the address and the
# request id of every create, change and delete of the models each app registers in its
# ready() (core/audit.py). The request id is django-guid's, the one in the logs and the
# X-Request-ID header, so a trail row and the log lines of its request are found together.
AUDITLOG_CID_GETTER = "django_guid.get_guid"
# Fixtures (loaddata) are no one's change.
AUDITLOG_DISABLE_ON_RAW_SAVE = True

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

# --- Open data (issue 19) ---------------------------------------------------------------------
# The open-data desk's address, given to CKAN and data.go.th as the datasets' contact
# (register/datasets.py); unset, the catalogue names the /opendata/ page and no address.
OPEN_DATA_CONTACT_EMAIL = env.str("OPEN_DATA_CONTACT_EMAIL", default="")

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
            backend="smartcity.cache.FailoverRedisCache"
            if _CACHE_URL.startswith(("redis://", "rediss://")) else None,
        )
    }
    if _CACHE_URL.startswith(("redis://", "rediss://")):
        # Give up on a Redis that does not answer within half a second: the cache then
        # serves from local memory (smartcity/cache.py) instead of holding the request.
        CACHES["default"].setdefault("OPTIONS", {}).update(socket_connect_timeout=0.5, socket_timeout=1)
except (ImproperlyConfigured, KeyError, ValueError) as exc:
    raise ImproperlyConfigured(
        f"CACHE_URL is not a cache URL (redis://host:6379/1 or locmemcache://): {exc}"
    ) from exc

# --- Sign-in doors and API tokens (issue 17) -------------------------------------------------
# One sign-in policy for every door (accounts/signin.py): the sign-in page, the admin's, the API's
# token endpoint, the password reset and invitations share the limits above (RATELIMIT_LOGIN,
# LOGIN_FAILURES_PER_ADDRESS, axes' pair lock) and these two:
# failed sign-ins on one account from any addresses before it is locked for the hour (a guess
# spread over many addresses; a password reset lifts it)...
LOGIN_FAILURES_PER_ACCOUNT = env.str("LOGIN_FAILURES_PER_ACCOUNT", default="100000/h" if TESTING else "20/h")
# ...and reset links sent to one e-mail address in an hour, from any addresses.
PASSWORD_RESETS_PER_ACCOUNT = env.str("PASSWORD_RESETS_PER_ACCOUNT", default="100000/h" if TESTING else "5/h")

# API tokens (django-rest-knox): one per device or script, stored hashed, each expiring
# API_TOKEN_DAYS after it was issued; listed and revoked by their owner at /accounts/tokens/,
# all revoked when the password changes or staff deactivate the account. They replace DRF's
# bare tokens, which never expired (accounts migration 0003_api_tokens dropped them).
from datetime import timedelta  # noqa: E402

INSTALLED_APPS.append("knox")
KNOX_TOKEN_MODEL = "accounts.ApiToken"
# knox's own table would stay empty beside accounts.ApiToken: its migrations are not run.
MIGRATION_MODULES = {"knox": None}
API_TOKEN_DAYS = _int("API_TOKEN_DAYS", 30, minimum=1)
# Issuing one more than this many live tokens revokes the owner's oldest.
API_TOKENS_PER_USER = _int("API_TOKENS_PER_USER", 10, minimum=1)
REST_KNOX = {
    "TOKEN_MODEL": KNOX_TOKEN_MODEL,
    "TOKEN_TTL": timedelta(days=API_TOKEN_DAYS),
    "AUTH_HEADER_PREFIX": "Token",  # what clients of DRF's tokens already send
    "AUTO_REFRESH": False,  # a token's life is fixed when it is issued
}
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    "rest_framework.authentication.SessionAuthentication",
    "knox.auth.TokenAuthentication",
]
# Signed-in callers are throttled per user (a token or a session), anonymous ones per address.
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "core.throttling.SharedAnonRateThrottle", "core.throttling.SharedUserRateThrottle",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["user"] = env.str(
    "API_USER_RATE", default="100000/min" if TESTING else "600/min"
)
# Expired tokens are refused at once; each night they are also deleted (03:30, Bangkok time).
CELERY_BEAT_SCHEDULE["accounts-sweep-api-tokens"] = {
    "task": "accounts.tasks.sweep_api_tokens", "schedule": crontab(hour=3, minute=30),
}

# --- A second factor for the people who decide (issue 17) ------------------------------------
# Office staff, admin users, evaluators and members of the bodies (chairs and secretaries too)
# sign in with a password and then a code from an authenticator app (TOTP), or one of ten
# recovery codes (django-otp); accounts/second_factor.py says who and how. On by default in
# production, off under DEBUG and in tests (the tests that check it turn it on).
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
OTP_REQUIRED_FOR_DECIDERS = _strict_bool("OTP_REQUIRED_FOR_DECIDERS", default=_PROD)
# The name the authenticator app shows beside the code (e.g. "Smart City Thailand (staging)").
OTP_TOTP_ISSUER = env.str("OTP_ISSUER", default="Smart City Thailand")

# --- Sign-in with the state's digital identity: ThaiD and DGA Digital ID (issue 20) -----------------
# OpenID Connect, authorization code with PKCE (identity/). A provider's button shows on the sign-in
# page once its issuer, client id and secret are all set. Register the portal with the provider with
# the redirect URL {PORTAL address}/accounts/oidc/<thaid|dga>/callback/ (README: "Sign-in with ThaiD").
OIDC_PROVIDERS = {
    "thaid": {
        "label": env.str("OIDC_THAID_LABEL", default="ThaiD"),
        "issuer": env.str("OIDC_THAID_ISSUER", default=""),
        "client_id": env.str("OIDC_THAID_CLIENT_ID", default=""),
        "client_secret": _secret("OIDC_THAID_CLIENT_SECRET", default=""),
        "scopes": env.str("OIDC_THAID_SCOPES", default="openid profile email"),
    },
    "dga": {
        "label": env.str("OIDC_DGA_LABEL", default="DGA Digital ID"),
        "issuer": env.str("OIDC_DGA_ISSUER", default=""),
        "client_id": env.str("OIDC_DGA_CLIENT_ID", default=""),
        "client_secret": _secret("OIDC_DGA_CLIENT_SECRET", default=""),
        "scopes": env.str("OIDC_DGA_SCOPES", default="openid profile email"),
    },
}
# Seconds to wait for a provider (discovery, keys, token): past that the person gets a page saying
# so, with the way back to the password sign-in.
OIDC_TIMEOUT = _int("OIDC_TIMEOUT", 10, minimum=1)
# Until the Office sets it in the admin (identity.SignInRule): may the people who decide sign in
# with a password ("password"), or only through a provider ("oidc": the provider's sign-in stands
# for the authenticator app's code) or through a provider and then the app's code ("oidc+totp")?
OIDC_REQUIRED_FOR_DECIDERS = env.str("OIDC_REQUIRED_FOR_DECIDERS", default="password")
if OIDC_REQUIRED_FOR_DECIDERS not in ("password", "oidc", "oidc+totp"):
    raise ImproperlyConfigured(
        f"OIDC_REQUIRED_FOR_DECIDERS={OIDC_REQUIRED_FOR_DECIDERS!r}: use password, oidc or oidc+totp"
    )
INSTALLED_APPS.append("identity")
# After django-otp's and the messages middleware, before the second factor's: a person who decides,
# signed in with a password where the rule asks for a provider, is signed out with a message.
MIDDLEWARE.insert(MIDDLEWARE.index("accounts.middleware.SecondFactorMiddleware"),
                  "identity.middleware.SignInRuleMiddleware")
# --- Personal data (PDPA, issue 20) -----------------------------------------------------------
# The privacy notice, "my data", requests and erasure, retention: privacy/. A request is answered
# within this many days (PDPA s. 30: thirty); the Office sets the retention periods on the portal,
# never shorter than the minimum below. The sweep runs each night at 03:45 (Bangkok time).
PRIVACY_REQUEST_DAYS = _int("PRIVACY_REQUEST_DAYS", 30, minimum=1)
PRIVACY_RETENTION_MIN_DAYS = _int("PRIVACY_RETENTION_MIN_DAYS", 30, minimum=1)
CELERY_BEAT_SCHEDULE["privacy-retention-sweep"] = {
    "task": "privacy.tasks.retention_sweep", "schedule": crontab(hour=3, minute=45),
}
# --- Signed documents (issue 19) ---------------------------------------------------------------
# The certificates and the minutes are signed in PAdES with the Office's key (reviews/documents/
# signing.py). A deployment gives the key and its certificate as PEM, in the variable itself or
# in a file (SIGNING_KEY_FILE, SIGNING_CERT_FILE: Docker/Kubernetes secrets), the key's
# passphrase if it has one, and optionally the chain up to the root (SIGNING_CHAIN_FILE).
# Unset, local work (`make run`, the tests) signs with the development key that
# `manage.py signing_devkey` writes under var/signing/; production refuses that key.
SIGNING_KEY = _secret("SIGNING_KEY", default="")
SIGNING_CERT = _secret("SIGNING_CERT", default="")
SIGNING_CHAIN = _secret("SIGNING_CHAIN", default="")
SIGNING_KEY_PASSPHRASE = _secret("SIGNING_KEY_PASSPHRASE", default="")
SIGNING_DEV_DIR = Path(env.str("SIGNING_DEV_DIR", default=str(BASE_DIR / "var" / "signing-dev")))
# A time-stamping authority (RFC 3161) makes the signatures PAdES B-T; unset, B-B.
SIGNING_TSA_URL = env.str("SIGNING_TSA_URL", default="")
SIGNING_TSA_TIMEOUT = _int("SIGNING_TSA_TIMEOUT", 10, minimum=1)
# The TSA's root certificate(s), PEM, so the verification page can say the time stamp is trusted.
SIGNING_TSA_ROOTS = _secret("SIGNING_TSA_ROOTS", default="")
# The verification page's upload: its size limit and its rate per address (django-ratelimit).
VERIFY_UPLOAD_MAX_BYTES = _int("VERIFY_UPLOAD_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
RATELIMIT_VERIFY_UPLOAD = env.str("RATELIMIT_VERIFY_UPLOAD", default="100000/m" if TESTING else "10/m")
