import pytest


def test_live_answers_ok_without_database(client, django_assert_num_queries):
    # No django_db mark: any database access here would fail the test.
    response = client.get("/healthz/live")
    assert (response.status_code, response.content) == (200, b"ok")


@pytest.mark.django_db
def test_ready_checks_database(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "not configured"}
    }


@pytest.mark.django_db
def test_ready_reports_unreachable_redis_as_degraded(client, settings):
    # Tasks wait in the outbox while the broker is down: degraded, not out of service.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded", "checks": {"database": "ok", "cache": "ok", "broker": "error: ConnectionError"},
    }
