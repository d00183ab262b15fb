"""Headers, rate limits, idle sessions, the append-only guard, probes and metrics."""

import json
import re
import sys
import time

import pytest
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from applications.models import StatusChange
from reviews.models import Vote
from smartcity.middleware import IDLE_TOUCH_KEY
from tests.factories import UserFactory

from .test_settings_deploy import ROOT, run


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("city-list"))
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert (response["Referrer-Policy"], response["X-Content-Type-Options"], response["X-Frame-Options"]) == (
        "same-origin", "nosniff", "DENY"
    )
    assert len(response["X-Request-ID"]) == 32


@pytest.mark.django_db
@pytest.mark.parametrize("name,field", [("login", "username"), ("password_reset", "email")])
def test_sign_in_and_reset_forms_are_rate_limited_with_a_thai_page(client, settings, name, field):
    settings.RATELIMIT_LOGIN = settings.RATELIMIT_PASSWORD_RESET = "3/m"
    cache.clear()
    answers = [client.post(reverse(name), {field: f"nobody{i}@example.go.th"}).status_code for i in range(4)]
    assert answers[:3] != [429, 429, 429] and answers[3] == 429
    page = client.post(reverse(name), {field: "again@example.go.th"})
    assert page.status_code == 429
    assert page["Retry-After"] == "60"
    text = page.content.decode()
    assert "<!DOCTYPE html>" in text and "ส่งแบบฟอร์มนี้บ่อยเกินไป" in text
    assert client.get(reverse(name)).status_code == 200  # reading the form is never limited
    cache.clear()


@pytest.mark.django_db
def test_session_is_renewed_while_used_and_ends_when_idle(client, settings):
    user = UserFactory()
    client.force_login(user)
    session = client.session
    assert session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    # A request long after the last touch renews the session's expiry...
    session[IDLE_TOUCH_KEY] = int(time.time()) - settings.SESSION_COOKIE_AGE // 2
    session.save()
    client.get(reverse("home"))
    assert client.session[IDLE_TOUCH_KEY] >= int(time.time()) - 5
    # ...and a session past its idle limit is gone: the visitor is signed out.
    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key=client.session.session_key).update(expire_date="2000-01-01T00:00Z")
    response = client.get(reverse("proposal-create"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.parametrize("table", ["applications_statuschange", "reviews_vote"])
@pytest.mark.parametrize("statement", ["DELETE FROM {t}", "UPDATE {t} SET id = id"])
def test_history_and_votes_cannot_be_changed_even_by_raw_sql(on_postgres, table, statement):
    """Not even a superuser's SQL: the database itself refuses (the staff admin never offers it)."""
    from reviews.voting.services import vote_cast
    from tests.voting.scenario import Item

    scene = Item()
    vote_cast(item=scene.item, member=scene.chair, choice="approve")
    before = (StatusChange.objects.count(), Vote.objects.count())
    assert before[0] > 0 and before[1] == 1
    with pytest.raises(DatabaseError, match=f"append-only table {table}"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement.format(t=table))
    assert (StatusChange.objects.count(), Vote.objects.count()) == before


@pytest.mark.django_db
def test_ready_reports_each_dependency(client, settings):
    response = client.get("/healthz/ready")
    body = response.json()
    assert set(body["checks"]) == {"database", "cache", "broker"}
    expected_broker = "ok" if settings.CELERY_BROKER_URL else "not configured"
    assert body == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": expected_broker}}
    assert response.status_code == 200


@pytest.mark.django_db
def test_metrics_need_the_token_outside_debug(client, settings):
    settings.METRICS_TOKEN = "scrape-token"
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-token")
    assert response.status_code == 200
    text = response.content.decode()
    assert "django_http_requests_total_by_method_total" in text
    assert "smartcity_outbox_pending " in text and "smartcity_outbox_failed " in text
    assert ("smartcity_celery_queue_length " in text) == bool(settings.CELERY_BROKER_URL)
    if settings.CELERY_BROKER_URL:  # CI: the gauge is the real length of the queue in Redis
        import redis

        shown = float(re.search(r"^smartcity_celery_queue_length (\S+)$", text, re.M).group(1))
        assert shown == redis.Redis.from_url(settings.CELERY_BROKER_URL).llen("celery")
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.django_db
def test_outbox_gauges_count_owed_and_failed_notifications(client, settings):
    from notifications.models import Notification
    from smartcity.metrics import outbox_counts

    user = UserFactory()
    Notification.objects.create(recipient=user, event="x", subject="s", body="b")
    Notification.objects.create(recipient=user, event="x", subject="s", body="b", attempts=50)
    assert outbox_counts() == (2, 1)


UNREACHABLE = """
import django; django.setup()
from django.test import Client
c = Client(raise_request_exception=False)
for path in ("/proposals/1/", "/api/proposals/"):
    r = c.get(path, secure=True)
    print(r.status_code, r["Content-Type"], r.get("Retry-After"), r.content.decode().replace("\\n", " "))
"""


@pytest.mark.slow  # a process of its own
def test_database_outage_answers_503_with_a_clear_message_not_500():
    # Nothing listens on port 1: every query fails as during a database restart.
    result = run([sys.executable, "-c", UNREACHABLE], DJANGO_SETTINGS_MODULE="smartcity.settings",
                 DATABASE_URL="postgres://postgres@127.0.0.1:1/smartcity", ALLOWED_HOSTS="testserver",
                 CACHE_URL="", LOG_LEVEL="CRITICAL")
    assert result.returncode == 0, result.stderr
    page, api = result.stdout.strip().splitlines()
    assert page.startswith("503 text/html; charset=utf-8 10 ")
    assert "ระบบไม่พร้อมให้บริการชั่วคราว" in page and "Traceback" not in page
    status, ctype, retry, body = api.split(" ", 3)
    assert (status, ctype, retry) == ("503", "application/json", "10")
    assert json.loads(body)["code"] == "unavailable"
    assert ROOT.exists()


@pytest.mark.django_db
def test_address_trying_many_usernames_is_locked_out(client, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = "4/h"
    cache.clear()
    UserFactory(username="somchai")
    # Different usernames each time: axes' username+address lock never triggers.
    answers = [client.post(reverse("login"), {"username": f"guess{i}", "password": "x"}).status_code for i in range(5)]
    assert answers == [200, 200, 200, 200, 200]
    locked = client.post(reverse("login"), {"username": "somchai", "password": "pw-123456"})
    assert locked.status_code == 429 and locked["Retry-After"] == "3600"
    assert "เข้าสู่ระบบไม่สำเร็จจากที่อยู่ของท่านหลายครั้งเกินไป" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    other = client.post(reverse("login"), {"username": "somchai", "password": "pw-123456"}, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302
    cache.clear()
