"""In Chromium, through the provider's own login page: a person invited by e-mail signs in with
ThaiD for the first time, signs out, and signs in again; a provider that does not answer gives a
Thai page with the way back to the password sign-in."""

import re

import pytest

from accounts.models import Invitation, User
from identity.models import LinkedIdentity
from tests.factories import OrganisationFactory, StaffFactory

from .conftest import PASSWORD, configure, free_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def thaid(settings, local_provider, live_server):
    settings.OIDC_TIMEOUT = 3
    local_provider.control("reset")
    configure(settings, local_provider, base=live_server.url)
    yield local_provider
    local_provider.control("reset")


def through_the_provider(page, live_server, provider, username):
    page.goto(f"{live_server.url}/accounts/login/", timeout=30_000)  # the server's first page: slow on a busy machine
    page.get_by_role("link", name="เข้าสู่ระบบด้วย ThaiD").click()
    page.wait_for_url(re.compile(re.escape(provider.url) + r"/accounts/login/.*"))
    assert page.locator("h1").inner_text() == "ThaiD — test provider"
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#provider-sign-in").click()


def test_invited_person_signs_in_with_thaid_then_again(page, live_server, thaid, screenshot_dir):
    invitation = Invitation.objects.create(organisation=OrganisationFactory(), email="malee@nakhon.go.th",
                                           invited_by=StaffFactory())
    thaid.person("malee", email="malee@nakhon.go.th", first_name="มาลี", last_name="ใจดี")
    through_the_provider(page, live_server, thaid, "malee")
    page.wait_for_url(f"{live_server.url}/")
    sign_out = page.get_by_role("button", name=re.compile("ออกจากระบบ"))
    assert "malee@nakhon.go.th" in sign_out.inner_text()
    assert "ยินดีต้อนรับ" in page.locator("main").inner_text()
    page.screenshot(path=str(screenshot_dir / "oidc-first-sign-in.png"), full_page=True)
    user = User.objects.get(username="malee@nakhon.go.th")
    assert LinkedIdentity.objects.get(user=user).linked_by == "invitation"
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    # Signed out, then again: the provider still knows the browser, the portal the subject.
    sign_out.click()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="เข้าสู่ระบบด้วย ThaiD").click()
    page.wait_for_url(f"{live_server.url}/")
    assert "malee@nakhon.go.th" in page.get_by_role("button", name=re.compile("ออกจากระบบ")).inner_text()
    assert User.objects.filter(email="malee@nakhon.go.th").count() == 1


def test_a_forged_token_in_the_browser_is_refused(page, live_server, thaid):
    Invitation.objects.create(organisation=OrganisationFactory(), email="malee@nakhon.go.th",
                              invited_by=StaffFactory())
    thaid.person("malee", email="malee@nakhon.go.th")
    thaid.control("mode", mode="wrong_signature")
    through_the_provider(page, live_server, thaid, "malee")
    page.wait_for_url(re.compile(r".*/accounts/oidc/thaid/callback/.*"))
    assert "ไม่ได้ลงนามโดย ThaiD" in page.locator("main").inner_text()
    assert page.get_by_role("button", name=re.compile("ออกจากระบบ")).count() == 0
    assert not User.objects.filter(email="malee@nakhon.go.th").exists()


def test_a_provider_that_does_not_answer_leads_back_to_the_password(page, live_server, thaid, settings,
                                                                     screenshot_dir):
    configure(settings, thaid, issuer=f"http://127.0.0.1:{free_port()}/o", base=live_server.url)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="เข้าสู่ระบบด้วย ThaiD").click()
    assert page.locator("h1").inner_text() == "ThaiD ไม่ตอบสนองในขณะนี้"
    page.screenshot(path=str(screenshot_dir / "oidc-provider-down.png"), full_page=True)
    page.get_by_role("link", name="เข้าสู่ระบบด้วยชื่อผู้ใช้และรหัสผ่าน").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    assert page.locator("#id_password").is_visible()
