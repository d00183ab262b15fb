"""Issue 17, finding 9: X-Forwarded-* is believed only from the proxy's addresses.

gunicorn.conf.py once trusted them from every address (``forwarded_allow_ips = "*"``),
and Django reads X-Forwarded-Proto whoever sends it, so a client reaching the web port
directly could claim https (and another address for the limits).
"""

import runpy
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_TLS_PROXY = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.5", "192.168.10.0/24"]
    return settings


@pytest.mark.parametrize("proxy", ["10.0.0.5", "192.168.10.7"])
def test_the_proxy_may_say_the_request_came_over_https(behind_proxy, proxy):
    response = Client(REMOTE_ADDR=proxy).get("/register/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200


def test_a_direct_client_cannot_claim_https(behind_proxy):
    response = Client(REMOTE_ADDR="203.0.113.9").get("/register/", HTTP_X_FORWARDED_PROTO="https")
    # Not believed: the request is plain http, so it is sent to https like any other.
    assert response.status_code == 301 and response["Location"].startswith("https://")


def test_gunicorn_trusts_forwarded_headers_only_from_the_setting(monkeypatch):
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    assert runpy.run_path(str(ROOT / "gunicorn.conf.py"))["forwarded_allow_ips"] == "127.0.0.1,::1"
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.5")
    assert runpy.run_path(str(ROOT / "gunicorn.conf.py"))["forwarded_allow_ips"] == "10.0.0.5"
