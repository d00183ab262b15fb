"""Signed-in API callers are throttled per user (core/throttling.py SharedUserRateThrottle).

The suite raises the rate (TESTING: 100000/min); these tests set a small one as an operator
would with API_USER_RATE, and point DRF's class at it (DRF copies the rates at import).
"""

import pytest
from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.test import APIClient

from accounts.models import ApiToken
from core.throttling import SharedAnonRateThrottle, SharedUserRateThrottle
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rates(settings, monkeypatch):
    def set_rates(user, anon="100000/min"):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user}}
        for throttle in (SharedAnonRateThrottle, SharedUserRateThrottle):
            monkeypatch.setattr(throttle, "THROTTLE_RATES", api_settings.DEFAULT_THROTTLE_RATES)

    return set_rates


def token_client(user, language="en", address="203.0.113.5"):
    _token, key = ApiToken.objects.create(user=user)
    return APIClient(HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE=language, REMOTE_ADDR=address)


def test_a_signed_in_burst_gets_429_in_english_and_thai(rates):
    rates(user="5/min")
    user = UserFactory()
    client = token_client(user)
    codes = [client.get("/api/v1/proposals/").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    refused = client.get("/api/v1/provinces/")
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert 0 < wait <= 120
    assert refused.json() == {"detail": f"Too many requests from your account. Try again in {wait} seconds."}
    thai = token_client(user, language="th").get("/api/v1/cities/")
    assert thai.status_code == 429
    assert thai.json()["detail"] == f"มีคำขอจากบัญชีของคุณมากเกินไป โปรดลองใหม่ในอีก {thai['Retry-After']} วินาที"


def test_the_count_is_per_user_whatever_the_token_address_or_session(rates):
    rates(user="4/min")
    user = UserFactory()
    first, second = token_client(user, address="192.0.2.1"), token_client(user, address="192.0.2.2")
    session = APIClient(REMOTE_ADDR="192.0.2.3")
    session.force_login(user)
    codes = [c.get("/api/v1/provinces/").status_code for c in (first, second, session, first, second)]
    assert codes == [200, 200, 200, 200, 429]
    # Another user is counted apart, and so are anonymous readers (per address, their own rate).
    assert token_client(UserFactory()).get("/api/v1/provinces/").status_code == 200
    assert APIClient(REMOTE_ADDR="192.0.2.1").get("/api/v1/provinces/").status_code == 200


def test_anonymous_callers_keep_their_own_rate(rates):
    # The user rate never counts anonymous callers (DRF's UserRateThrottle would, per address).
    rates(user="1/min", anon="3/min")
    anonymous = APIClient()
    assert [anonymous.get("/api/v1/provinces/").status_code for _ in range(4)] == [200, 200, 200, 429]
