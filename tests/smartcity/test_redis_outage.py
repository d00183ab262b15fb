"""Issue 17, finding 3: with the cache and broker Redis stopped, the portal still works.

A private redis-server serves as both cache and broker; the test stops it, then reads the
register, the cities API, signs in and saves a new proposal through the API (each answered
500 before), checks that /healthz/ready says what is degraded, and starts Redis again.
"""

import pytest
from django.core.cache import caches
from django.urls import reverse

from applications.models import Proposal
from smartcity.cache import FailoverRedisCache
from tests.api_v1.test_proposals import payload
from tests.factories import proponent
from tests.notifications.procs import PrivateRedis, app_on_broker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def redis_cache_and_broker(settings, tmp_path, monkeypatch):
    redis = PrivateRedis(tmp_path).start()
    settings.CACHES = {"default": {
        "BACKEND": "smartcity.cache.FailoverRedisCache", "LOCATION": f"redis://127.0.0.1:{redis.port}/1",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
    }}
    settings.CELERY_BROKER_URL = redis.url
    monkeypatch.setattr(FailoverRedisCache, "RETRY_SECONDS", 0.2)
    try:
        with app_on_broker(redis.url):
            yield redis
    finally:
        redis.stop()
        caches["default"].close()


def _everything_answers(client, api_client, user):
    assert client.get("/register/").status_code == 200
    assert api_client.get("/api/v1/cities/").status_code == 200
    signed_in = client.post(reverse("login"), {"username": user.username, "password": "pw-123456"})
    assert signed_in.status_code == 302 and "_auth_user_id" in client.session
    api_client.force_authenticate(user)
    created = api_client.post("/api/v1/proposals/", payload(), format="json")
    assert created.status_code == 201, created.content
    return created.json()["id"]


def test_the_portal_works_through_a_redis_outage(client, redis_cache_and_broker):
    from rest_framework.test import APIClient

    user = proponent()
    first = _everything_answers(client, APIClient(), user)
    ready = client.get("/healthz/ready").json()
    assert ready["checks"]["cache"] == "ok" and ready["checks"]["broker"] == "ok"

    redis_cache_and_broker.stop()
    client.logout()
    second = _everything_answers(client, APIClient(), user)
    assert Proposal.objects.filter(pk__in=[first, second]).count() == 2  # nothing lost
    ready = client.get("/healthz/ready")
    assert ready.status_code == 200  # still serving: the load balancer keeps it
    assert ready.json()["status"] == "degraded"
    assert ready.json()["checks"]["cache"] == "degraded"
    assert ready.json()["checks"]["broker"].startswith("error")

    redis_cache_and_broker.start()
    import time

    time.sleep(0.3)  # past RETRY_SECONDS: the next call tries Redis again
    assert client.get("/healthz/ready").json() == {
        "status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
    }
