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


def _cache():
    # A round trip through the shared cache (rate limits and throttles live there).
    cache.set("healthz-ready", "1", timeout=10)
    if cache.get("healthz-ready") != "1":
        raise RuntimeError("cache lost a value")


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
    """Each dependency with its own status; 503 when any configured one fails."""
    probes = {"database": _database, "cache": _cache, "broker": _broker if settings.CELERY_BROKER_URL else None}
    checks = {}
    for name, probe in probes.items():
        if probe is None:
            checks[name] = NOT_CONFIGURED
            continue
        try:
            probe()
            checks[name] = "ok"
        except Exception as exc:  # report any failure, never crash the probe
            checks[name] = f"error: {exc.__class__.__name__}"
    ok = all(v in ("ok", NOT_CONFIGURED) for v in checks.values())
    return JsonResponse({"status": "ok" if ok else "error", "checks": checks}, status=200 if ok else 503)
