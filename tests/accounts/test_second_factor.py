"""A second factor for the people who decide (accounts/second_factor.py, OTP_REQUIRED_FOR_DECIDERS).

With the setting on, Office staff, admin users, evaluators and members of the bodies sign in
with their password and then a code from an authenticator app (TOTP) or a recovery code; until
then they reach only the verification and set-up pages (and signing out), not the Office's pages,
not the admin, not the API. Codes are computed here from the device's key, as an app would.
Wrong codes are failed sign-ins under the one policy (accounts/signin.py). Proponents are never
asked; with the setting off nothing changes.
"""

import re
import time

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts import second_factor
from accounts.models import ApiToken, SecondFactorReset
from tests.factories import BodyMembershipFactory, EvaluatorFactory, StaffFactory, UserFactory, proponent

pytestmark = pytest.mark.django_db

PASSWORD = "pw-123456"
HERE = "203.0.113.10"


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()  # the sign-in policy's counts live in the default cache
    yield
    cache.clear()


@pytest.fixture
def otp_on(settings):
    settings.OTP_REQUIRED_FOR_DECIDERS = True
    # django-otp's own delay after a wrong code (1 s, 2 s, 4 s...) is tested apart; here each
    # code is checked at once, so the sign-in policy's counts are what stops the guesses.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    return settings


@pytest.fixture
def staff():
    return StaffFactory(username="somchai", email="somchai@depa.or.th")


def code_of(device, *, steps_ahead=0):
    """What the person's authenticator app shows now (or ``steps_ahead`` periods of 30 s later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def enrolled(user):
    """An authenticator app and ten recovery codes, as the set-up page leaves them."""
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    second_factor.recovery_codes_regenerate(user=user)
    return device


def signed_in(username, address=HERE):
    """A browser that gave the right password at the sign-in page."""
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


def verify_url(next_url):
    return f"{reverse('second-factor-verify')}?next={next_url.replace('/', '%2F')}"


# --- Password only: nothing beyond the second factor's pages ------------------------------------------

def test_staff_with_password_only_reaches_no_staff_page_nor_the_admin_nor_the_api(otp_on, staff):
    enrolled(staff)
    client = signed_in("somchai")
    screening = client.get(reverse("screening"))
    assert screening.status_code == 302 and screening["Location"] == verify_url("/reviews/screening/")
    assert client.get("/admin/")["Location"] == verify_url("/admin/")
    assert client.get("/admin/accounts/user/")["Location"].startswith(reverse("second-factor-verify"))
    # The admin's own sign-in page does not let the half-signed-in session through either.
    assert client.get("/admin/login/")["Location"].startswith(reverse("second-factor-verify"))
    api = client.get("/api/v1/proposals/", HTTP_ACCEPT_LANGUAGE="en")
    assert api.status_code == 403 and api.json()["code"] == "second_factor_required"
    # The verification page itself, in Thai.
    page = client.get(verify_url("/reviews/screening/"))
    assert page.status_code == 200
    assert "ขั้นที่สองของการเข้าสู่ระบบ" in page.content.decode()


def test_the_admin_site_itself_asks_for_the_second_factor(otp_on, staff):
    """Defence in depth: has_permission refuses an unverified session even without the middleware."""
    device = enrolled(staff)
    request = RequestFactory().get("/admin/")
    request.session = {}
    request.user = staff
    OTPMiddleware(lambda r: None)(request)
    assert admin.site.has_permission(request) is False
    request.session = {DEVICE_ID_SESSION_KEY: device.persistent_id}
    request.user = staff
    OTPMiddleware(lambda r: None)(request)
    assert admin.site.has_permission(request) is True


# --- Enrolment, then verification -------------------------------------------------------------------------

def test_enrolment_then_verification_with_codes_from_the_device_key(otp_on, staff):
    client = signed_in("somchai")
    # Not set up yet: the verification page sends to the set-up page, keeping where to go next.
    to_verify = client.get("/admin/")
    to_enrol = client.get(to_verify["Location"])
    assert to_enrol["Location"] == f"{reverse('second-factor-enrol')}?next=%2Fadmin%2F"
    page = client.get(to_enrol["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "ตั้งค่าแอปยืนยันตัวตน" in html
    assert '<svg' in html and 'class="segno"' in html  # the QR code, inline: no image request
    device = TOTPDevice.objects.get(user=staff)
    assert device.confirmed is False
    assert second_factor.manual_key(device).replace(" ", "") in html.replace(" ", "")
    # Still half signed in while the app is not confirmed.
    assert client.get("/admin/").status_code == 302
    wrong = client.post(to_enrol["Location"], {"code": "000000" if code_of(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.get(pk=device.pk).confirmed
    done = client.post(to_enrol["Location"], {"code": code_of(device), "next": "/admin/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert len(codes) == 10 and sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    assert "no-store" in done["Cache-Control"]  # shown once, never from a cache
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("screening")).status_code == 200
    # The next sign-in asks for the code (a later one: each code is taken once).
    client = signed_in("somchai", address="198.51.100.20")
    assert client.get(reverse("screening")).status_code == 302
    wrong = client.post(reverse("second-factor-verify"), {"code": "12345x", "next": "/reviews/screening/"})
    assert wrong.status_code == 200 and "รหัสไม่ถูกต้อง" in wrong.content.decode()
    passed = client.post(reverse("second-factor-verify"),
                         {"code": code_of(device, steps_ahead=1), "next": "/reviews/screening/"})
    assert passed.status_code == 302 and passed["Location"] == "/reviews/screening/"
    assert client.get(reverse("screening")).status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_code_is_taken_once(otp_on, staff):
    device = enrolled(staff)
    code = code_of(device)
    first = signed_in("somchai")
    assert first.post(reverse("second-factor-verify"), {"code": code}).status_code == 302
    second = signed_in("somchai")
    assert second.post(reverse("second-factor-verify"), {"code": code}).status_code == 200
    assert second.get(reverse("screening")).status_code == 302


def test_a_recovery_code_works_once(otp_on, staff):
    enrolled(staff)
    code = StaticToken.objects.filter(device__user=staff).order_by("pk").first().token
    client = signed_in("somchai")
    passed = client.post(reverse("second-factor-verify"), {"code": code.upper(), "next": "/admin/"}, follow=True)
    assert passed.redirect_chain[-1][0] == "/admin/" and passed.status_code == 200
    assert "เหลือรหัสสำรองอีก 9 รหัส" in passed.content.decode()
    assert StaticToken.objects.filter(device__user=staff).count() == 9
    again = signed_in("somchai")
    refused = again.post(reverse("second-factor-verify"), {"code": code})
    assert refused.status_code == 200
    assert again.get("/admin/").status_code == 302


# --- Wrong codes are failed sign-ins ------------------------------------------------------------------

def test_wrong_codes_lock_the_account_as_wrong_passwords_do(otp_on, staff):
    otp_on.AXES_FAILURE_LIMIT = 3
    device = enrolled(staff)
    client = signed_in("somchai")
    answers = [client.post(reverse("second-factor-verify"), {"code": f"00000{i}"}).status_code for i in range(3)]
    assert answers == [200, 200, 429]
    # Locked: the right code is refused now, and so is the password at the sign-in page.
    right = client.post(reverse("second-factor-verify"), {"code": code_of(device)})
    assert right.status_code == 429 and int(right["Retry-After"]) > 0
    assert client.get("/admin/").status_code == 302
    again = Client(REMOTE_ADDR=HERE).post(reverse("login"), {"username": "somchai", "password": PASSWORD})
    assert again.status_code == 429


def test_wrong_codes_from_many_addresses_lock_the_account_everywhere(otp_on, staff):
    otp_on.LOGIN_FAILURES_PER_ACCOUNT = "3/h"
    device = enrolled(staff)
    for i, address in enumerate(["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"]):
        client = signed_in("somchai", address=address)
        assert client.post(reverse("second-factor-verify"), {"code": f"00000{i}"}).status_code == 200
    client = Client(REMOTE_ADDR="198.51.100.7")
    assert client.post(reverse("login"), {"username": "somchai", "password": PASSWORD}).status_code == 429
    token = APIClient(REMOTE_ADDR="198.51.100.8").post(
        "/api/v1/auth/token/", {"username": "somchai", "password": PASSWORD, "otp": code_of(device)}, format="json")
    assert token.status_code == 429


def test_django_otp_slows_quick_guesses_too(settings, staff):
    settings.OTP_REQUIRED_FOR_DECIDERS = True  # the device's own delay left on (1 s after a wrong code)
    device = enrolled(staff)
    client = signed_in("somchai")
    client.post(reverse("second-factor-verify"), {"code": "000000" if code_of(device) != "000000" else "111111"})
    too_soon = client.post(reverse("second-factor-verify"), {"code": code_of(device)})
    assert too_soon.status_code == 200 and "กรุณารอ" in too_soon.content.decode()
    assert client.get("/admin/").status_code == 302


# --- Who is asked -------------------------------------------------------------------------------------

def test_a_proponent_is_not_asked(otp_on):
    member = proponent(username="malee")
    client = signed_in("malee")
    assert client.get(reverse("organisation")).status_code == 200
    assert client.get(reverse("proposal-list")).status_code == 200
    assert not second_factor.required(member)
    assert client.get(reverse("second-factor-enrol")).status_code == 404


@pytest.mark.parametrize("role", ["chair", "secretary", "member"])
def test_members_of_a_body_are_asked(otp_on, role):
    seat = BodyMembershipFactory(role=role, user=UserFactory(username="wichai"))
    client = signed_in("wichai")
    assert client.get(reverse("my-meetings"))["Location"].startswith(reverse("second-factor-verify"))
    assert second_factor.required(seat.user)


def test_evaluators_and_admin_users_are_asked_and_a_seat_that_ended_is_not(otp_on):
    import datetime

    from django.utils import timezone

    assert second_factor.required(EvaluatorFactory())
    assert second_factor.required(UserFactory(is_staff=True))
    assert second_factor.required(UserFactory(is_superuser=True))
    ended = BodyMembershipFactory(term_end=timezone.localdate() - datetime.timedelta(days=1))
    assert not second_factor.required(ended.user)


def test_with_the_setting_off_nothing_changes(settings, staff):
    settings.OTP_REQUIRED_FOR_DECIDERS = False
    client = signed_in("somchai")
    assert client.get(reverse("screening")).status_code == 200
    assert client.get("/admin/").status_code == 200
    token = APIClient().post("/api/v1/auth/token/", {"username": "somchai", "password": PASSWORD}, format="json")
    assert token.status_code == 200 and token.json()["token"]


# --- The API's token endpoint -------------------------------------------------------------------------

def token(username, **extra):
    before = ApiToken.objects.count()
    client = APIClient(REMOTE_ADDR=HERE, HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/api/v1/auth/token/", {"username": username, "password": PASSWORD, **extra},
                           format="json")
    return response, ApiToken.objects.count() > before


def test_the_token_endpoint_wants_the_code_of_a_person_who_decides(otp_on, staff):
    otp_on.AXES_FAILURE_LIMIT = 3
    # Not set up yet: set it up in a browser first.
    response, issued = token("somchai", otp="123456")
    assert (response.status_code, issued, response.json()["code"]) == (403, False, "second_factor_not_enrolled")
    device = enrolled(staff)
    response, issued = token("somchai")
    assert (response.status_code, issued, response.json()["code"]) == (400, False, "second_factor_required")
    assert response.json()["field"] == "otp"
    response, issued = token("somchai", otp="000000" if code_of(device) != "000000" else "111111")
    assert (response.status_code, issued, response.json()["code"]) == (400, False, "second_factor_invalid")
    response, issued = token("somchai", otp=code_of(device))
    assert (response.status_code, issued) == (200, True)
    # A proponent sends no code.
    proponent(username="malee")
    response, issued = token("malee")
    assert (response.status_code, issued) == (200, True)


def test_wrong_codes_at_the_token_endpoint_lock_the_pages_too(otp_on, staff):
    otp_on.AXES_FAILURE_LIMIT = 3
    device = enrolled(staff)
    answers = [token("somchai", otp=f"00000{i}")[0].status_code for i in range(3)]
    assert answers == [400, 400, 429]
    assert token("somchai", otp=code_of(device))[0].status_code == 429
    assert Client(REMOTE_ADDR=HERE).post(reverse("login"), {"username": "somchai", "password": PASSWORD}
                                         ).status_code == 429


# --- One's own factor, and an officer's reset ------------------------------------------------------------

def passed(user, device):
    """A browser signed in with both factors."""
    client = Client(REMOTE_ADDR=HERE)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def test_new_recovery_codes_need_the_password_and_end_the_old_ones(otp_on, staff):
    device = enrolled(staff)
    old = set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    client = passed(staff, device)
    page = client.get(reverse("second-factor"))
    assert page.status_code == 200 and "เหลือ 10 รหัส" in page.content.decode()
    wrong = client.post(reverse("second-factor-recovery-codes"), {"password": "not-my-password"})
    assert wrong.status_code == 400
    assert set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)) == old
    made = client.post(reverse("second-factor-recovery-codes"), {"password": PASSWORD})
    assert made.status_code == 200
    new = set(re.findall(r"<li><code>([a-z2-7]{8})</code></li>", made.content.decode()))
    assert len(new) == 10 and not (new & old)
    assert set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)) == new


def test_office_staff_reset_a_person_s_second_factor_on_the_record(otp_on, staff):
    evaluator = EvaluatorFactory(username="wichai")
    their_device = enrolled(evaluator)
    their_session = passed(evaluator, their_device)
    assert their_session.get(reverse("my-assignments")).status_code == 200
    ApiToken.objects.create(user=evaluator, name="script")
    officer = passed(staff, enrolled(staff))
    url = reverse("second-factor-reset", args=[evaluator.pk])
    page = officer.get(url)
    assert page.status_code == 200 and "เหลือรหัสสำรอง 10 รหัส" in page.content.decode()
    assert officer.post(url, {"reason": ""}).status_code == 200
    assert TOTPDevice.objects.filter(user=evaluator).exists()
    done = officer.post(url, {"reason": "โทรศัพท์หาย แจ้งด้วยตนเอง"})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=evaluator).exists()
    assert not StaticDevice.objects.filter(user=evaluator).exists()
    assert not ApiToken.objects.filter(user=evaluator).exists()
    record = SecondFactorReset.objects.get(user=evaluator)
    assert (record.by, record.reason) == (staff, "โทรศัพท์หาย แจ้งด้วยตนเอง")
    with pytest.raises(PermissionError):
        SecondFactorReset.objects.filter(pk=record.pk).update(reason="x")
    with pytest.raises(PermissionError):
        record.delete()
    # Their open session is no longer verified: it is sent to set up a new app.
    assert their_session.get(reverse("my-assignments"))["Location"].startswith(reverse("second-factor-verify"))
    # Only the Office resets, and not its own factor here.
    assert passed(evaluator, enrolled(evaluator)).get(reverse("second-factor-reset", args=[staff.pk])
                                                       ).status_code == 404
    assert officer.get(reverse("second-factor-reset", args=[staff.pk])).status_code == 404


def test_only_the_office_resets_and_never_its_own_factor(staff):
    evaluator = EvaluatorFactory()
    enrolled(evaluator)
    for by, whose in ((evaluator, staff), (staff, staff), (UserFactory(is_staff=True), evaluator)):
        with pytest.raises(second_factor.ResetRefused):
            second_factor.second_factor_reset(user=whose, by=by, reason="โทรศัพท์หาย")
    assert TOTPDevice.objects.filter(user=evaluator).exists()
    assert not SecondFactorReset.objects.exists()
