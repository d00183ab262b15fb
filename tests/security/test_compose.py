"""The production compose file, read as data (docker compose itself is not on CI).

Checks what docker compose would not: every service has a health check, the
app services share one image, data sits on named volumes, and the mail
catcher is only in the staging profile.
"""

import yaml

from .test_settings_deploy import ROOT


def compose():
    data = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return data["services"], data["volumes"]


def test_every_service_has_a_health_check():
    services, _ = compose()
    assert set(services) == {"db", "redis", "web", "worker", "beat", "mailpit"}
    assert [name for name, s in services.items() if not s.get("healthcheck", {}).get("test")] == []


def test_web_worker_and_beat_run_one_image_on_the_same_database_and_broker():
    services, _ = compose()
    app = [services[n] for n in ("web", "worker", "beat")]
    assert {s["image"] for s in app} == {"smartcity-portal:latest"}
    assert len({s["environment"]["DATABASE_URL"] for s in app}) == 1
    assert {s["environment"]["CELERY_BROKER_URL"] for s in app} == {"redis://redis:6379/0"}
    assert "gunicorn smartcity.wsgi:application" in " ".join(services["web"]["command"])
    assert services["worker"]["command"][:4] == ["celery", "-A", "smartcity", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "smartcity", "beat"]


def test_database_and_uploads_on_named_volumes():
    services, volumes = compose()
    assert set(volumes) == {"pgdata", "media"}
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert all("media:/app/var/media" in services[n]["volumes"] for n in ("web", "worker", "beat"))


def test_mail_catcher_only_for_staging():
    services, _ = compose()
    assert services["mailpit"]["profiles"] == ["staging"]
    assert services["mailpit"]["image"].startswith("axllent/mailpit:")
