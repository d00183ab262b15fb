"""Token authentication through django-axes (knox tokens), and throttling of anonymous use."""

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from accounts.models import ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def token(client, username, password):
    return client.post("/api/v1/auth/token/", {"username": username, "password": password}, format="json")


def test_username_and_password_give_a_token_that_works(api):
    user = UserFactory(username="somchai")
    response = token(api, "somchai", "pw-123456")
    assert response.status_code == 200
    key = response.json()["token"]
    assert set(response.json()) == {"token", "expiry"}
    (stored,) = ApiToken.objects.filter(user=user)
    assert key.startswith(stored.token_key) and key not in stored.digest  # kept hashed, never in clear
    signed = APIClient(HTTP_AUTHORIZATION=f"Token {key}")
    assert signed.get("/api/v1/proposals/").status_code == 200
    # A new token for each device or script, each working on its own.
    second = token(api, "somchai", "pw-123456").json()["token"]
    assert second != key and ApiToken.objects.filter(user=user).count() == 2


def test_wrong_password_is_400(api):
    UserFactory(username="somchai")
    response = token(api, "somchai", "wrong")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}
    assert ApiToken.objects.count() == 0


@override_settings(AXES_FAILURE_LIMIT=3)
def test_failures_count_toward_the_axes_lockout(api):
    from axes.models import AccessAttempt

    UserFactory(username="somchai")
    answers = [token(api, "somchai", "wrong").status_code for _ in range(3)]
    assert answers[:2] == [400, 400]
    assert AccessAttempt.objects.get(username="somchai").failures_since_start == 3
    # The third failure locks the pair; even the right password then gets no token.
    assert answers[2] == 429
    locked = token(api, "somchai", "pw-123456")
    assert locked.status_code == 429
    assert locked.json() == {
        "detail": "Too many failed sign-in attempts: signing in is locked for one hour. "
                  "Reset your password to unlock it now.",
        "code": "locked_out",
    }
    assert ApiToken.objects.count() == 0


@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_message_in_thai(api):
    UserFactory(username="somchai")
    thai = APIClient(HTTP_ACCEPT_LANGUAGE="th")
    for _ in range(3):
        token(thai, "somchai", "wrong")
    locked = token(thai, "somchai", "pw-123456")
    assert locked.status_code == 429
    assert locked.json()["detail"].startswith("ลงชื่อเข้าใช้ไม่สำเร็จหลายครั้งเกินไป ระบบระงับการเข้าสู่ระบบไว้หนึ่งชั่วโมง")


@override_settings(AXES_FAILURE_LIMIT=3)
def test_failures_on_the_sign_in_page_lock_the_api_too(client, api):
    UserFactory(username="somchai")
    for _ in range(3):
        client.post("/accounts/login/", {"username": "somchai", "password": "wrong"})
    assert token(api, "somchai", "pw-123456").status_code == 429
    assert ApiToken.objects.count() == 0


def test_a_session_user_gets_the_token_without_csrf(api):
    UserFactory(username="somchai")
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(UserFactory(username="other"))
    assert token(client, "somchai", "pw-123456").status_code == 200


@pytest.fixture
def anon_rate(settings, monkeypatch):
    """Set the anonymous rate in settings; DRF copied the rates into the class at import, so point it there."""
    from rest_framework.settings import api_settings

    from core.throttling import SharedAnonRateThrottle as AnonRateThrottle

    def set_rate(rate):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": rate}}
        monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", api_settings.DEFAULT_THROTTLE_RATES)

    return set_rate


def test_anonymous_use_is_throttled(api, anon_rate):
    anon_rate("3/min")
    codes = [api.get("/api/v1/provinces/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    last = api.get("/api/v1/cities/")
    assert last.status_code == 429
    # Up to two windows: the sliding window counter (core/throttling.py) errs on the long side.
    assert 0 < int(last["Retry-After"]) <= 120
    wait = int(last["Retry-After"])
    assert last.json() == {"detail": f"Too many requests from your address. Try again in {wait} seconds."}
    thai = APIClient(HTTP_ACCEPT_LANGUAGE="th").get("/api/v1/cities/")
    assert thai.status_code == 429
    assert thai.json()["detail"] == f"มีคำขอจากที่อยู่ของคุณมากเกินไป โปรดลองใหม่ในอีก {thai['Retry-After']} วินาที"


def test_a_forged_forwarded_for_does_not_dodge_the_throttle(api, anon_rate):
    # No proxy is configured: the address is REMOTE_ADDR, whatever the client claims.
    anon_rate("2/min")
    codes = [api.get("/api/v1/provinces/", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code for i in range(3)]
    assert codes == [200, 200, 429]


def test_signed_in_use_is_not_throttled(api, anon_rate):
    anon_rate("1/min")
    api.force_authenticate(UserFactory())
    assert [api.get("/api/v1/provinces/").status_code for _ in range(3)] == [200, 200, 200]


def test_throttling_is_on_for_every_api_view():
    from django.conf import settings

    # The suite makes every call from one address and user, so TESTING raises the defaults
    # (production: 60/min anonymous, 600/min signed in).
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] == [
        "core.throttling.SharedAnonRateThrottle", "core.throttling.SharedUserRateThrottle",
    ]
    assert set(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]) == {"anon", "user"}
