"""Production settings, started the way production starts them (a subprocess
with the production environment, not pytest's settings)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each test starts Django (or gunicorn) in a process of its own

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "production-like-secret-key-for-the-check-only",
    "ALLOWED_HOSTS": "smartcity.example.go.th",
    "CSRF_TRUSTED_ORIGINS": "https://smartcity.example.go.th",
    "CACHE_URL": "redis://127.0.0.1:6379/15",
    "METRICS_TOKEN": "scrape-token",
    "LOG_FORMAT": "json",
}


def run(args, **env):
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "TESTING", "DEBUG", "SECRET_KEY",
                          "PYTEST_CURRENT_TEST", "RATELIMIT_LOGIN", "SESSION_IDLE_MINUTES",
                          "DJANGO_ALLOW_ASYNC_UNSAFE")}  # the browser tests set the last one
    clean.update({"DATABASE_URL": "sqlite:////nonexistent-dir/never-created.sqlite3", "TESTING": "false",
                  **PRODUCTION, **env})
    return subprocess.run(args, cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)


def test_check_deploy_prints_no_warning_in_production():
    result = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


SHOW = """
import django, json; django.setup()
from django.conf import settings as s
print(json.dumps({
    "hasher": s.PASSWORD_HASHERS[0], "hsts": s.SECURE_HSTS_SECONDS, "ssl": s.SECURE_SSL_REDIRECT,
    "cookie_secure": s.SESSION_COOKIE_SECURE, "csrf_secure": s.CSRF_COOKIE_SECURE,
    "httponly": s.SESSION_COOKIE_HTTPONLY, "referrer": s.SECURE_REFERRER_POLICY,
    "nosniff": s.SECURE_CONTENT_TYPE_NOSNIFF, "session_age": s.SESSION_COOKIE_AGE,
    "script_src": s.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"],
    "cache": s.CACHES["default"]["BACKEND"], "storage": s.STORAGES["default"]["BACKEND"],
    "health_checks": s.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "proxy": list(getattr(s, "SECURE_PROXY_SSL_HEADER", None) or []),
    "address_from": list(getattr(s, "AXES_IPWARE_META_PRECEDENCE_ORDER", None) or ["REMOTE_ADDR"]),
    "second_factor": s.OTP_REQUIRED_FOR_DECIDERS,
}))
"""


def show(**env):
    result = run([sys.executable, "-c", SHOW], DJANGO_SETTINGS_MODULE="smartcity.settings", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_values():
    assert show() == {
        "hasher": "django.contrib.auth.hashers.Argon2PasswordHasher", "hsts": 31536000, "ssl": True,
        "cookie_secure": True, "csrf_secure": True, "httponly": True, "referrer": "same-origin",
        "nosniff": True, "session_age": 3600, "script_src": ["'self'"],
        "cache": "smartcity.cache.FailoverRedisCache",
        "storage": "django.core.files.storage.FileSystemStorage", "health_checks": True,
        "proxy": [], "address_from": ["REMOTE_ADDR"], "second_factor": True,
    }


def test_behind_a_tls_proxy_trusts_its_headers():
    got = show(BEHIND_TLS_PROXY="true")
    assert (got["proxy"], got["address_from"]) == (
        ["HTTP_X_FORWARDED_PROTO", "https"], ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    )


def test_plain_http_trial_and_object_storage_by_environment():
    got = show(SECURE_COOKIES="false", SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0",
               SESSION_IDLE_MINUTES="15", AWS_STORAGE_BUCKET_NAME="smartcity-annexes",
               AWS_S3_ENDPOINT_URL="http://minio:9000", OTP_REQUIRED_FOR_DECIDERS="false")
    assert (got["cookie_secure"], got["ssl"], got["hsts"], got["session_age"], got["storage"],
            got["second_factor"]) == (False, False, 0, 900, "storages.backends.s3.S3Storage", False)


def test_debug_for_make_run_keeps_http_working():
    got = show(DEBUG="true", SECRET_KEY="", CACHE_URL="", LOG_FORMAT="text")
    assert (got["cookie_secure"], got["ssl"], got["hsts"], got["second_factor"]) == (False, False, 0, False)


def test_bad_log_format_and_cache_url_stop_startup():
    for env, named in (({"LOG_FORMAT": "xml"}, "LOG_FORMAT='xml'"), ({"CACHE_URL": "memcached://x"}, "CACHE_URL")):
        result = run([sys.executable, "-c", "import django; django.setup()"],
                     DJANGO_SETTINGS_MODULE="smartcity.settings", **env)
        assert result.returncode != 0
        assert named in result.stderr


REQUEST = """
import django; django.setup()
from django.test import Client
# A POST to a GET-only probe: Django logs "Method Not Allowed" while the request runs.
r = Client(raise_request_exception=False).post("/healthz/live", HTTP_X_REQUEST_ID="req-0123456789", secure=True)
print(r.status_code, r["X-Request-ID"])
"""


def test_json_logs_carry_the_request_id():
    result = run([sys.executable, "-c", REQUEST], DJANGO_SETTINGS_MODULE="smartcity.settings",
                 ALLOWED_HOSTS="testserver", LOG_LEVEL="INFO")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["405", "req-0123456789"]
    records = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert records, result.stderr
    assert all({"time", "level", "name", "message", "request_id"} <= set(r) for r in records)
    refused = [r for r in records if r["name"] == "django.request"]
    assert [(r["level"], r["request_id"]) for r in refused] == [("WARNING", "req-0123456789")], records


def test_gunicorn_access_log_is_json_with_the_request_id(tmp_path):
    """gunicorn with gunicorn.conf.py, as the image runs it; the probe needs no database."""
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "TESTING", "DEBUG",
                                                              "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(PRODUCTION, DJANGO_SETTINGS_MODULE="smartcity.settings", TESTING="false", CACHE_URL="",
               ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="false", WEB_CONCURRENCY="1",
               DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "smartcity.wsgi:application",
                               "--bind", f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz/live", headers={"X-Request-ID": "req-42"})
        for _ in range(100):
            try:
                with urllib.request.urlopen(request, timeout=2) as response:
                    assert response.headers["X-Request-ID"] == "req-42"
                break
            except OSError:
                time.sleep(0.1)
        time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    lines = [json.loads(line) for line in (tmp_path / "gunicorn.log").read_text().splitlines()
             if line.startswith('{"time"') and '"gunicorn.access"' in line]
    # On a loaded machine a first try can time out on our side after gunicorn has served
    # it, and the retry is logged too: every line must be that request, whole.
    logged = [(r["method"], r["path"], r["status"], r["request_id"]) for r in lines]
    assert logged and set(logged) == {("GET", "/healthz/live", 200, "req-42")}
