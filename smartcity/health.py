"""Liveness and readiness probes."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

NOT_CONFIGURED = "not configured"


@never_cache
@require_GET
def live(request):
    # No database, no template, no session: the baseline every benchmark compares to.
    return HttpResponse("ok", content_type="text/plain")


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


DEGRADED = "degraded"


def _cache():
    # A round trip through the shared cache (rate limits and throttles live there).
    cache.set("healthz-ready", "1", timeout=10)
    if cache.get("healthz-ready") != "1":
        raise RuntimeError("cache lost a value")
    if getattr(cache, "degraded", False):
        # Redis is down and this process serves from its own memory: everything works,
        # but pages are cached and limits counted per process until Redis is back.
        return DEGRADED
    return None


def _broker():
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=2, socket_connect_timeout=2)
    try:
        client.ping()
    finally:
        client.close()


@never_cache
@require_GET
def ready(request):
    """Each dependency with its own status; 503 only without the database, "degraded" otherwise."""
    probes = {"database": _database, "cache": _cache, "broker": _broker if settings.CELERY_BROKER_URL else None}
    checks = {}
    for name, probe in probes.items():
        if probe is None:
            checks[name] = NOT_CONFIGURED
            continue
        try:
            checks[name] = probe() or "ok"
        except Exception as exc:  # report any failure, never crash the probe
            checks[name] = f"error: {exc.__class__.__name__}"
    # Only the database is required: without the cache or the broker the portal still works
    # (local-memory cache, tasks waiting in the outbox), so it stays in the load balancer
    # and the report says what is degraded.
    if checks["database"] != "ok":
        status, code = "error", 503
    elif all(v in ("ok", NOT_CONFIGURED) for v in checks.values()):
        status, code = "ok", 200
    else:
        status, code = DEGRADED, 200
    return JsonResponse({"status": status, "checks": checks}, status=code)
