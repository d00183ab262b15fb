"""An officer signs in for the first time with the second factor on: sets up an authenticator app
from the key the page shows (as an app would, without reading the database), keeps the recovery
codes, and reaches the admin. Nothing is loaded from elsewhere (the QR code is inline SVG)."""

import re
from base64 import b32decode
from urllib.parse import urlsplit

import pytest
from django_otp.oath import totp

from tests.factories import StaffFactory
from tests.signin import sign_in, with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def app_code(key_text):
    """What an authenticator app shows for a key typed by hand (base32, in groups)."""
    key = key_text.replace(" ", "")
    key += "=" * (-len(key) % 8)
    return f"{totp(b32decode(key)):06d}"


def test_first_sign_in_sets_up_the_app_then_reaches_the_admin(page, live_server, settings):
    settings.OTP_REQUIRED_FOR_DECIDERS = True
    with_password(StaffFactory(username="officer"))
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/accounts/login/?next=/admin/")
    sign_in(page, "officer")
    page.wait_for_url(re.compile(r".*/accounts/second-factor/set-up/\?next=%2Fadmin%2F$"))
    assert page.locator("h1").inner_text() == "ตั้งค่าแอปยืนยันตัวตน"
    assert page.locator(".qr svg").is_visible()
    page.locator("#id_code").fill(app_code(page.locator(".secret-key").inner_text()))
    page.locator("main form button[type=submit]").first.click()
    codes = page.locator(".recovery-codes code")
    codes.first.wait_for()
    assert codes.count() == 10
    page.locator("a.button", has_text="ดำเนินการต่อ").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.locator("#site-name, #header").first.is_visible()
    here = urlsplit(live_server.url).netloc
    assert [u for u in page.requested_urls if urlsplit(u).netloc not in (here, "")] == []
    assert [e for e in errors if "Content Security Policy" in e] == []
