"""The core of the settings: secret key, hosts, installed apps, middleware, templates, database,
logging and the audit trail."""

import sys

from django.core.exceptions import ImproperlyConfigured

from .environment import BASE_DIR, DEBUG, TESTING, _int, _secret, _strict_bool, env

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
# API tokens (django-rest-knox, configured in api.py) and the second factor (django-otp, in
# security.py), after the project's apps.
INSTALLED_APPS += ["knox", "django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]

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
                # The unread count in every page's header (issue 5).
                "notifications.context_processors.unread",
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
