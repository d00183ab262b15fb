"""Prometheus metrics: django-prometheus's request and database counters, plus
the outbox and the Celery queue, read at scrape time.

Each gunicorn worker keeps its own request counters (prometheus_client's
default registry); the outbox and queue gauges are read from PostgreSQL and
Redis, so every worker reports the same values for them.
"""

import hmac

from django.conf import settings
from django.http import Http404
from django.views.decorators.cache import never_cache
from django_prometheus.exports import ExportToDjangoView
from prometheus_client.core import REGISTRY, GaugeMetricFamily

from notifications import delivery
from notifications.models import Notification


def outbox_counts():
    """(owed, failed) notifications: not yet sent; and of those, the ones whose attempts are exhausted."""
    owed = Notification.objects.filter(sent_at__isnull=True)
    return owed.count(), owed.filter(attempts__gte=delivery.max_attempts()).count()


def celery_queue_length():
    """Tasks waiting in the default Celery queue (a Redis list), or None without a broker."""
    if not settings.CELERY_BROKER_URL:
        return None
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=2, socket_connect_timeout=2)
    try:
        return client.llen("celery")
    finally:
        client.close()


class PortalCollector:
    def collect(self):
        try:
            owed, failed = outbox_counts()
        except Exception:  # the database is down: the scrape still answers, without these
            owed = failed = None
        if owed is not None:
            yield GaugeMetricFamily("smartcity_outbox_pending", "Notifications not yet delivered", value=owed)
            yield GaugeMetricFamily(
                "smartcity_outbox_failed", "Notifications whose delivery attempts are exhausted", value=failed
            )
        try:
            length = celery_queue_length()
        except Exception:
            length = None
        if length is not None:
            yield GaugeMetricFamily("smartcity_celery_queue_length", "Tasks waiting in the Celery queue",
                                    value=length)


_collector = PortalCollector()
try:
    REGISTRY.register(_collector)
except ValueError:  # already registered (module reloaded by a test runner)
    pass


@never_cache
def metrics(request):
    if not settings.DEBUG:
        token = settings.METRICS_TOKEN
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not token or not hmac.compare_digest(given.encode(), token.encode()):
            raise Http404
    return ExportToDjangoView(request)
