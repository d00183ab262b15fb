"""The anonymous throttle's sliding window counter, on the memory cache and on a real Redis.

The clock is the throttle's own (``timer``), moved by hand, so each case knows exactly
where in the window it stands. The Redis case uses the server CI provides
(CELERY_BROKER_URL) under a key prefix of its own.
"""

import os
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings
from rest_framework.settings import api_settings
from rest_framework.test import APIClient

from core.throttling import SharedAnonRateThrottle

pytestmark = pytest.mark.django_db
BROKER = os.environ.get("CELERY_BROKER_URL", "")
MINUTE0 = 1_800_000_000 // 60 * 60  # the start of a minute: windows are whole minutes


@pytest.fixture(params=["memory", "redis"])
def backend(request):
    if request.param == "memory":
        with override_settings(CACHES={"default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex,
        }}):
            yield caches["default"]
        return
    if not BROKER.startswith("redis://"):
        pytest.skip("needs Redis: set CELERY_BROKER_URL=redis://... (CI does)")
    with override_settings(CACHES={"default": {
        "BACKEND": "smartcity.cache.RedisCache", "LOCATION": BROKER,
        "KEY_PREFIX": f"test-throttle-{uuid.uuid4().hex}",
    }}):
        yield caches["default"]


@pytest.fixture
def clock(monkeypatch):
    now = [float(MINUTE0)]
    monkeypatch.setattr(SharedAnonRateThrottle, "timer", staticmethod(lambda: now[0]))
    return now


@pytest.fixture
def rate(settings, monkeypatch):
    def set_rate(value):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": value}}
        monkeypatch.setattr(SharedAnonRateThrottle, "THROTTLE_RATES", api_settings.DEFAULT_THROTTLE_RATES)

    return set_rate


def calls(client, n, address="198.51.100.7"):
    return [client.get("/api/v1/dimensions/", REMOTE_ADDR=address) for _ in range(n)]


def codes(responses):
    return [r.status_code for r in responses]


def test_the_rate_holds_within_a_window_and_each_address_counts_alone(backend, clock, rate):
    rate("3/min")
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    assert codes(calls(api, 4)) == [200, 200, 200, 429]
    assert codes(calls(api, 1, address="198.51.100.8")) == [200]
    clock[0] += 59
    assert codes(calls(api, 1)) == [429]


def test_the_previous_window_slides_out_of_view(backend, clock, rate):
    rate("4/min")
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    assert codes(calls(api, 4)) == [200] * 4
    # A quarter into the next minute, 3 of the previous 4 are still in view: one more call.
    clock[0] = MINUTE0 + 60 + 15
    assert codes(calls(api, 2)) == [200, 429]
    # Three quarters in, 1 of the 4 is in view, plus the 1 just made: two more.
    clock[0] = MINUTE0 + 60 + 45
    assert codes(calls(api, 3)) == [200, 200, 429]
    # After a whole minute without a call, nothing is in view any more.
    clock[0] = MINUTE0 + 240
    assert codes(calls(api, 4)) == [200] * 4


def test_no_burst_of_twice_the_rate_at_a_window_edge(backend, clock, rate):
    rate("10/min")
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    clock[0] = MINUTE0 + 59
    assert codes(calls(api, 10)) == [200] * 10
    clock[0] = MINUTE0 + 61  # two seconds later, in the next window
    assert codes(calls(api, 1)) == [429]  # 10 × 59/60 of the old minute still counts


@pytest.mark.parametrize("start, made", [(0, 3), (30, 3), (59, 3)])
def test_retry_after_is_when_the_next_call_gets_through(backend, clock, rate, start, made):
    rate("3/min")
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    clock[0] = MINUTE0 + start
    assert codes(calls(api, made)) == [200] * made
    refused = calls(api, 1)[0]
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert refused.json()["detail"] == f"Too many requests from your address. Try again in {wait} seconds."
    assert 1 <= wait <= 120
    # Refused calls are not counted: hammering meanwhile does not push the time back.
    clock[0] += wait - 1
    assert codes(calls(api, 5)) == [429] * 5
    clock[0] += 1
    assert codes(calls(api, 1)) == [200]


def test_the_counts_are_shared_by_every_process_on_redis(clock, rate):
    """Two throttles with their own Redis clients (two web processes) count together."""
    if not BROKER.startswith("redis://"):
        pytest.skip("needs Redis: set CELERY_BROKER_URL=redis://... (CI does)")
    rate("5/min")
    prefix = f"test-throttle-{uuid.uuid4().hex}"
    settings = {name: {"BACKEND": "smartcity.cache.RedisCache", "LOCATION": BROKER, "KEY_PREFIX": prefix}
                for name in ("default", "other")}
    with override_settings(CACHES=settings):
        other = caches["other"]
        assert other._cache.get_client("k", write=True) is not caches["default"]._cache.get_client("k", write=True)
        api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        assert codes(calls(api, 3)) == [200] * 3
        # The other process sees the same 3 under the same key.
        window = MINUTE0 // 60
        key = f"throttle_anon_198.51.100.7:{window}"
        assert other.get(key) == 3
        assert codes(calls(api, 3)) == [200, 200, 429]
        assert other.get(key) == 5
