"""A real OpenID Connect provider on the loopback for the identity tests, and the walk through it.

tests/identity/provider/ is a small Django project with django-oauth-toolkit's OIDC: migrated into
its own SQLite file and served by ``runserver`` in a subprocess of its own (one per test process,
on a free port, or OIDC_TEST_PROVIDER_PORT). The portal under test talks to it over HTTP exactly
as it would to ThaiD: discovery, JWKS, the token endpoint. Nothing of the portal is mocked.
"""

import os
import re
import socket
import subprocess
import sys
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "smartcity-portal"
CLIENT_SECRET = "portal-secret-for-tests"
PASSWORD = "Provider-pass-2565"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalProvider:
    def __init__(self, folder: Path, port: int):
        self.folder, self.port, self.proc = folder, port, None
        self.url = f"http://127.0.0.1:{port}"
        self.issuer = f"{self.url}/o"
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        key_file = folder / "key.pem"
        key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
            "DJANGO_SETTINGS_MODULE": "tests.identity.provider.settings",
            "PROVIDER_DB": str(folder / "provider.sqlite3"), "PROVIDER_KEY_FILE": str(key_file),
            "PYTHONPATH": str(ROOT),
        }

    def start(self):
        manage = [sys.executable, "-m", "django"]
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=self.env, check=True)
        log = (self.folder / "provider.log").open("ab")
        self.proc = subprocess.Popen([*manage, "runserver", f"127.0.0.1:{self.port}", "--noreload"],
                                     cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=1).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the test provider did not start: see {self.folder / 'provider.log'}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)

    def control(self, action, **fields):
        response = requests.post(f"{self.url}/control/", json={"action": action, **fields}, timeout=10)
        response.raise_for_status()
        return response.json()

    def person(self, username, *, email, email_verified=True, first_name="", last_name=""):
        """A person with an account at the provider; returns their subject (``sub``)."""
        return self.control("user", username=username, password=PASSWORD, email=email,
                            email_verified=email_verified, first_name=first_name, last_name=last_name)["sub"]


@pytest.fixture(scope="session")
def local_provider(tmp_path_factory):
    port = int(os.environ.get("OIDC_TEST_PROVIDER_PORT") or 0) or free_port()
    provider = LocalProvider(tmp_path_factory.mktemp("oidc-provider"), port).start()
    yield provider
    provider.stop()


def configure(settings, provider, *, slug="thaid", issuer=None, base="http://testserver"):
    """The portal registered with ``provider`` as ``slug`` (the client and its redirect URL at both ends)."""
    settings.OIDC_PROVIDERS = {**settings.OIDC_PROVIDERS, slug: {
        "label": "ThaiD" if slug == "thaid" else "DGA Digital ID", "issuer": issuer or provider.issuer,
        "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "scopes": "openid profile email",
    }}
    provider.control("client", client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
                     redirect_uris=[f"{base}/accounts/oidc/{s}/callback/" for s in ("thaid", "dga")])


@pytest.fixture
def provider(settings, local_provider):
    """The local provider configured as ThaiD, answering honestly until a test says otherwise."""
    settings.OIDC_TIMEOUT = 5  # generous: CI's machine is busy; the slow-provider tests set their own
    local_provider.control("reset")
    cache.clear()  # discovery and keys are cached; nonces are remembered
    configure(settings, local_provider)
    yield local_provider
    local_provider.control("reset")
    cache.clear()


def _form_fields(html):
    return {unescape(name): unescape(value) for name, value in
            re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html)}


def at_provider(authorize_url, username, password=PASSWORD, stop_at="http://testserver"):
    """A browser's walk through the provider's pages: its login form, then the redirect back.

    Returns the URL the provider sends the browser back to (the portal's callback, not opened).
    """
    browser = requests.Session()
    page = browser.get(authorize_url, timeout=10)  # -> the provider's login page
    assert page.status_code == 200 and 'name="password"' in page.text, page.text[:500]
    fields = {**_form_fields(page.text), "username": username, "password": password}
    response = browser.post(page.url, data=fields, allow_redirects=False, timeout=10)
    for _hop in range(5):
        location = response.headers.get("Location", "")
        assert response.status_code == 302, (response.status_code, response.text[:500])
        target = urljoin(response.url, location)
        if target.startswith(stop_at):
            return target
        response = browser.get(target, allow_redirects=False, timeout=10)
    raise AssertionError("the provider never sent the browser back")


def start(client, slug="thaid", next_url=None):
    url = reverse("oidc-start", args=[slug]) + (("?" + urlencode({"next": next_url})) if next_url else "")
    response = client.get(url)
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def sign_in(client, username, *, slug="thaid", next_url=None, password=PASSWORD):
    """The whole walk with the Django test client as the browser: returns the callback's response."""
    back = at_provider(start(client, slug, next_url), username, password)
    parts = urlsplit(back)
    return client.get(f"{parts.path}?{parts.query}")


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")
