"""With a shared Redis cache (CACHE_URL=redis://...): pages and cities/ served from it, fresh after a change.

Needs a Redis server: the one named by CELERY_BROKER_URL (CI sets it; without it these
tests are skipped, and the rest of the suite covers the memory cache). Keys carry a
prefix of their own and nothing is flushed, so the broker's data is left alone.
"""

import os
import uuid

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.enums import State
from applications.workflow import transition
from register import cache as register_cache
from tests.factories import StaffFactory
from tests.paths import bring_to

pytestmark = pytest.mark.django_db
BROKER = os.environ.get("CELERY_BROKER_URL", "")


@pytest.fixture
def redis_cache():
    if not BROKER.startswith("redis://"):
        pytest.skip("needs Redis: set CELERY_BROKER_URL=redis://... (CI does)")
    settings = {"default": {"BACKEND": "smartcity.cache.RedisCache", "LOCATION": BROKER,
                            "KEY_PREFIX": f"test-register-{uuid.uuid4().hex}", "TIMEOUT": 120}}
    with override_settings(CACHES=settings):
        register_cache.forget()
        yield caches["default"]
    register_cache.forget()


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_register_and_cities_come_from_redis_and_are_fresh_after_certifying(redis_cache):
    proposal = bring_to(State.ACKNOWLEDGED)
    for url in ("/register/?state=certified", "/api/v1/cities/?state=certified"):
        first, response = _queries(Client(), url)
        assert first > 0 and proposal.name_th not in response.content.decode()
        again, _response = _queries(Client(), url)
        assert again == 0
    # Another process would see the page through Redis: drop this process's memory.
    register_cache.forget()
    assert _queries(Client(), "/register/?state=certified")[0] == 0

    transition(proposal, "certify", by=StaffFactory(), at=timezone.now())
    for url in ("/register/?state=certified", "/api/v1/cities/?state=certified"):
        assert proposal.name_th in Client().get(url).content.decode()


def test_the_backend_keeps_its_redis_client(redis_cache):
    backend = redis_cache._cache
    assert backend.get_client() is backend.get_client()
    redis_cache.set("k", "ค่า")
    assert redis_cache.get("k") == "ค่า"
