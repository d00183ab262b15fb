"""The services the portal talks to: e-mail, Celery (broker and schedule), the notifications'
outbox, the cache, and the open-data contact."""

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from .environment import DEBUG, _int, env
from .i18n import TIME_ZONE

# --- E-mail ---------------------------------------------------------------------
# EMAIL_URL sets EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT... as names of this module.
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

# --- Notifications (issue 5) ----------------------------------------------------------------
NOTIFICATIONS_SWEEP_SECONDS = _int("NOTIFICATIONS_SWEEP_SECONDS", 60, minimum=1)
# A claim older than this is a dead worker's, and the sweep claims the row again.
NOTIFICATIONS_CLAIM_TIMEOUT = _int("NOTIFICATIONS_CLAIM_TIMEOUT", 300, minimum=1)
NOTIFICATIONS_MAX_ATTEMPTS = _int("NOTIFICATIONS_MAX_ATTEMPTS", 6, minimum=1)
NOTIFICATIONS_RETRY_BASE = _int("NOTIFICATIONS_RETRY_BASE", 60, minimum=1)  # seconds; doubles each try
PORTAL_URL = env.str("PORTAL_URL", default="http://localhost:8000")
# Webhooks may call http:// and private addresses only in local work.
WEBHOOKS_ALLOW_PRIVATE = DEBUG

# What beat runs (times are Bangkok time, CELERY_TIMEZONE).
CELERY_BEAT_SCHEDULE = {
    # The outbox sweep delivers whatever could not be queued (notifications/tasks.py).
    "notifications-outbox-sweep": {
        "task": "notifications.tasks.deliver_outstanding", "schedule": float(NOTIFICATIONS_SWEEP_SECONDS),
    },
    # Issue 7: unrenewed certificates expire each night (00:15).
    "monitoring-expire-certificates": {
        "task": "monitoring.tasks.expire_certificates", "schedule": crontab(hour=0, minute=15),
    },
    # The reminders every hour and the daily digest at 07:00 (notifications/tasks.py).
    "notifications-reminders": {"task": "notifications.tasks.send_reminders", "schedule": 3600.0},
    "notifications-daily-digest": {
        "task": "notifications.tasks.send_digests", "schedule": crontab(hour=7, minute=0),
    },
    # Expired API tokens are refused at once; each night they are also deleted (03:30).
    "accounts-sweep-api-tokens": {
        "task": "accounts.tasks.sweep_api_tokens", "schedule": crontab(hour=3, minute=30),
    },
}

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
