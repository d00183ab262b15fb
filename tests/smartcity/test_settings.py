"""A bad environment value stops start-up with a message naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each test starts Django in a process of its own

ROOT = Path(__file__).resolve().parents[2]


def _start(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "TESTING")}
    clean.update({"DJANGO_SETTINGS_MODULE": "smartcity.settings", "DEBUG": "true", **env})
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60,
    )


@pytest.mark.parametrize(
    "env,named",
    [
        ({"DEBUG": "ture"}, "DEBUG='ture' is not a boolean"),
        ({"DATABASE_URL": "mongodb://localhost/db"}, "DATABASE_URL"),
        ({"CELERY_BROKER_URL": "amqp://guest@localhost//"}, "CELERY_BROKER_URL"),
        ({"DEBUG": "false", "SECRET_KEY": ""}, "SECRET_KEY is not set"),
        ({"UPLOAD_MAX_MB": "twenty"}, "UPLOAD_MAX_MB='twenty' is not a whole number"),
        ({"SECRET_KEY_FILE": "/nonexistent/secret"}, "SECRET_KEY_FILE='/nonexistent/secret' cannot be read"),
    ],
)
def test_bad_setting_stops_startup_naming_it(env, named):
    result = _start(**env)
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert named in result.stderr


def test_good_settings_start():
    result = _start(SECRET_KEY="x" * 50, DEBUG="false", ALLOWED_HOSTS="portal.example.go.th")
    assert (result.returncode, result.stdout.strip()) == (0, "started")


def _manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "TESTING",
                                                              "SECRET_KEY", "DEBUG")}
    clean.update({"DATABASE_URL": "sqlite:////nonexistent-dir/never-created.sqlite3", **env})
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True,
                          text=True, timeout=120)


def test_check_runs_without_a_secret_key():
    result = _manage("check")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_serving_commands_still_need_the_secret_key():
    result = _manage("migrate")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
