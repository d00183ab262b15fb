"""One sign-in policy for every door (accounts/signin.py), tried door by door.

A lockout earned through one door (the sign-in page, the admin's sign-in, the API's token
endpoint) must hold at every other one, even for the right password: per address (many
usernames guessed from one address), per account from one address (django-axes' pair) and
per account from many addresses. The reset and invitation doors refuse a locked address too.
"""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import ApiToken, Invitation
from tests.accounts.conftest import link_in
from tests.factories import OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pw-123456"
HERE = "203.0.113.10"


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()  # the counts live in the default cache
    yield
    cache.clear()


# --- The doors: each tries a username and password from an address --------------------------------
# Each returns (status, signed_in): signed in means a session for the pages, a token for the API.

def login_page(username, password, address=HERE):
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response, "_auth_user_id" in client.session


def admin_login(username, password, address=HERE):
    client = Client(REMOTE_ADDR=address)
    response = client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})
    return response, "_auth_user_id" in client.session


def token_endpoint(username, password, address=HERE):
    before = ApiToken.objects.count()
    client = APIClient(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/api/v1/auth/token/", {"username": username, "password": password}, format="json")
    return response, ApiToken.objects.count() > before


DOORS = {"login": login_page, "admin": admin_login, "token": token_endpoint}


def fail(door, usernames, address=HERE):
    for username in usernames:
        response, signed_in = DOORS[door](username, "wrong-password", address)
        assert not signed_in and response.status_code in (200, 400, 429)


def assert_refused(door, username, address=HERE):
    response, signed_in = DOORS[door](username, PASSWORD, address)
    assert (response.status_code, signed_in) == (429, False), f"{door} let {username} in from {address}"
    assert int(response["Retry-After"]) > 0
    return response


def assert_signs_in(door, username, address=HERE):
    response, signed_in = DOORS[door](username, PASSWORD, address)
    assert signed_in, f"{door} refused {username} from {address}: {response.status_code}"


@pytest.fixture
def staff():
    # Staff, so that every door (the admin's too) would let the right password in.
    return StaffFactory(username="somchai", email="somchai@depa.or.th")


# --- Per address -----------------------------------------------------------------------------------

@pytest.mark.parametrize("locked_at", sorted(DOORS))
def test_an_address_locked_at_one_door_is_refused_at_every_door(settings, staff, locked_at):
    settings.LOGIN_FAILURES_PER_ADDRESS = "4/h"
    # Other usernames each time: no account lock is involved, only the address's.
    fail(locked_at, [f"guess{i}" for i in range(5)])
    for door in sorted(DOORS):
        assert_refused(door, "somchai")
    # Every other door of the portal too: asking for a reset link, opening one, an invitation.
    client = Client(REMOTE_ADDR=HERE)
    assert client.post(reverse("password_reset"), {"email": staff.email}).status_code == 429
    assert client.get(reverse("password_reset_confirm", args=["MQ", "set-password"])).status_code == 429
    invitation = Invitation.objects.create(organisation=OrganisationFactory(), email="malee@example.go.th",
                                           invited_by=staff)
    assert client.get(reverse("invitation-accept", args=[invitation.token])).status_code == 429
    # Another address is not affected.
    for door in sorted(DOORS):
        assert_signs_in(door, "somchai", address="198.51.100.20")


def test_failures_at_every_door_add_up_for_the_address(settings, staff):
    settings.LOGIN_FAILURES_PER_ADDRESS = "5/h"
    fail("login", ["a1", "a2"])
    fail("admin", ["b1", "b2"])
    fail("token", ["c1", "c2"])  # six failures in all, at most two at any one door
    for door in sorted(DOORS):
        assert_refused(door, "somchai")


def test_wrong_invitation_links_count_as_failed_sign_ins(settings, staff):
    settings.LOGIN_FAILURES_PER_ADDRESS = "3/h"
    client = Client(REMOTE_ADDR=HERE)
    for i in range(4):
        assert client.get(reverse("invitation-accept", args=[f"guessed-token-{i}"])).status_code == 404
    for door in sorted(DOORS):
        assert_refused(door, "somchai")


def test_wrong_reset_links_count_as_failed_sign_ins(settings, staff):
    settings.LOGIN_FAILURES_PER_ADDRESS = "3/h"
    client = Client(REMOTE_ADDR=HERE)
    for i in range(4):
        page = client.get(reverse("password_reset_confirm", args=["MQ", f"guessed-{i}"]), follow=True)
        assert page.status_code == 200 and not page.context["validlink"]
    for door in sorted(DOORS):
        assert_refused(door, "somchai")


# --- Per account, from one address (django-axes' pair) ---------------------------------------------

@pytest.mark.parametrize("locked_at", sorted(DOORS))
def test_an_account_locked_at_one_door_is_refused_at_every_door(settings, staff, locked_at):
    settings.AXES_FAILURE_LIMIT = 3
    fail(locked_at, ["somchai"] * 3)
    for door in sorted(DOORS):
        assert_refused(door, "somchai")
    # The pair only: another account from the same address signs in.
    StaffFactory(username="malee")
    assert_signs_in("login", "malee")


# --- Per account, from many addresses ----------------------------------------------------------------

@pytest.mark.parametrize("locked_at", sorted(DOORS))
def test_an_account_guessed_from_many_addresses_is_locked_everywhere(settings, staff, locked_at):
    settings.LOGIN_FAILURES_PER_ACCOUNT = "3/h"
    for i in range(4):  # one failure from each address: no address and no pair reaches its limit
        fail(locked_at, ["somchai"], address=f"192.0.2.{i + 1}")
    for door in sorted(DOORS):
        assert_refused(door, "somchai", address="198.51.100.99")
    page = assert_refused("login", "somchai", address="198.51.100.99").content.decode()
    assert "จากทุกแห่งเป็นเวลา 1 ชั่วโมง" in page
    StaffFactory(username="malee")
    assert_signs_in("admin", "malee", address="198.51.100.99")


def test_a_password_reset_lifts_the_account_lock(settings, staff, mail_now):
    settings.LOGIN_FAILURES_PER_ACCOUNT = "3/h"
    for i in range(4):
        fail("token", ["somchai"], address=f"192.0.2.{i + 1}")
    assert_refused("login", "somchai")
    # The reset doors stay open to a locked account: they are its way out.
    client = Client(REMOTE_ADDR=HERE)
    with mail_now():
        assert client.post(reverse("password_reset"), {"email": staff.email}).status_code == 302
    form = client.get(link_in(mail.outbox[0]), follow=True)
    new = {"new_password1": "Depa-Smart-2569", "new_password2": "Depa-Smart-2569"}
    assert client.post(form.redirect_chain[-1][0], new).status_code == 302
    response, signed_in = admin_login("somchai", "Depa-Smart-2569")
    assert signed_in, response.status_code


# --- The minute's rate, shared by the doors -----------------------------------------------------------

def test_the_doors_share_one_rate_per_address(settings, staff):
    settings.RATELIMIT_LOGIN = "3/m"
    fail("login", ["a"])
    fail("admin", ["b"])
    fail("token", ["c"])
    for door in sorted(DOORS):
        response = assert_refused(door, "somchai")
        assert response["Retry-After"] == "60"


# --- What the refused reader is told ------------------------------------------------------------------

def test_the_api_says_why_in_thai_and_english(settings, staff):
    settings.LOGIN_FAILURES_PER_ADDRESS = "2/h"
    fail("login", ["x1", "x2", "x3"])
    english = assert_refused("token", "somchai").json()
    assert english == {"detail": "Too many failed sign-ins from your address: signing in from it is paused "
                                 "for an hour.", "code": "address_locked"}
    thai = APIClient(REMOTE_ADDR=HERE, HTTP_ACCEPT_LANGUAGE="th").post(
        "/api/v1/auth/token/", {"username": "somchai", "password": PASSWORD}, format="json")
    assert thai.status_code == 429
    assert thai.json()["detail"] == "ลงชื่อเข้าใช้ไม่สำเร็จจากที่อยู่ของคุณหลายครั้งเกินไป หยุดการลงชื่อเข้าใช้จากที่อยู่นี้ไว้หนึ่งชั่วโมง"


def test_the_admin_door_answers_with_the_portals_page_in_thai_and_english(settings, staff):
    settings.AXES_FAILURE_LIMIT = 3
    fail("login", ["somchai"] * 3)
    thai = assert_refused("admin", "somchai").content.decode()
    assert "<!DOCTYPE html>" in thai and "ระงับการเข้าสู่ระบบเป็นเวลา 1 ชั่วโมง" in thai
    client = Client(REMOTE_ADDR=HERE)
    client.cookies["django_language"] = "en"
    english = client.post("/admin/login/", {"username": "somchai", "password": PASSWORD})
    assert english.status_code == 429 and "Sign-in locked for one hour" in english.content.decode()


def test_reset_links_to_one_mailbox_are_limited_from_any_address(settings, staff):
    settings.PASSWORD_RESETS_PER_ACCOUNT = "2/h"
    answers = [Client(REMOTE_ADDR=f"192.0.2.{i}").post(reverse("password_reset"), {"email": staff.email})
               for i in range(1, 4)]
    assert [a.status_code for a in answers] == [302, 302, 429]
    assert "Several reset links were sent" in answers[2].content.decode() or \
        "ส่งลิงก์ตั้งรหัสผ่านใหม่" in answers[2].content.decode()
    other = UserFactory(email="malee@example.go.th")
    assert Client(REMOTE_ADDR="192.0.2.9").post(reverse("password_reset"), {"email": other.email}).status_code == 302
