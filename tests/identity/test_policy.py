"""The sign-in through a provider under the one sign-in policy (accounts/signin.py) and the Office's
rule for the people who decide (identity/policy.py): a lockout earned at any door holds here, refused
tokens count toward the address's lock, and the rule asks deciders for a provider (or a provider and
the authenticator app's code).
"""

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from identity.admin import SignInRuleForm
from identity.models import SignInRule
from tests.factories import StaffFactory, UserFactory

from .conftest import sign_in, signed_in_user_id

pytestmark = pytest.mark.django_db

HERE = "203.0.113.10"
STAFF_PAGE = "/reviews/screening/"  # the Office's screening list
PASSWORD = "pw-123456"


@pytest.fixture
def officer(provider):
    user = StaffFactory(username="somchai", email="somchai@depa.or.th")
    user.set_password(PASSWORD)
    user.save()
    provider.person("somchai", email="somchai@depa.or.th")
    return user


def password_sign_in(username, address=HERE):
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    return client, response


# --- One policy ----------------------------------------------------------------------------------

def test_an_account_locked_at_the_password_door_is_locked_at_the_provider_door(settings, officer):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        Client(REMOTE_ADDR=HERE).post(reverse("login"), {"username": "somchai", "password": "wrong"})
    client = Client(REMOTE_ADDR=HERE)
    response = sign_in(client, "somchai")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert signed_in_user_id(client) is None


def test_an_account_guessed_from_many_addresses_is_locked_for_the_provider_too(settings, officer):
    settings.LOGIN_FAILURES_PER_ACCOUNT = "2/h"
    for i in range(3):
        Client(REMOTE_ADDR=f"192.0.2.{i + 1}").post(reverse("login"), {"username": "somchai", "password": "x"})
    client = Client(REMOTE_ADDR="198.51.100.7")
    assert sign_in(client, "somchai").status_code == 429
    assert signed_in_user_id(client) is None


def test_forged_tokens_count_toward_the_address_lock_at_every_door(settings, officer):
    settings.LOGIN_FAILURES_PER_ADDRESS = "2/h"
    for _ in range(3):
        client = Client(REMOTE_ADDR=HERE)
        back = client.get(reverse("oidc-callback", args=["thaid"]), {"state": "guessed", "code": "guessed"})
        assert back.status_code == 400
    _client, response = password_sign_in("somchai")
    assert response.status_code == 429
    # Another address is not affected, through either door.
    other = Client(REMOTE_ADDR="198.51.100.20")
    assert sign_in(other, "somchai").status_code == 302 and signed_in_user_id(other)


def test_the_provider_door_is_rate_limited_with_the_sign_in_form(settings, officer):
    settings.RATELIMIT_LOGIN = "2/h"  # an hour: no window edge falls between the three
    cache.clear()
    client = Client(REMOTE_ADDR=HERE)
    statuses = [client.get(reverse("oidc-callback", args=["thaid"]), {"state": "x"}).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]


# --- The Office's rule for the people who decide ---------------------------------------------------------

def set_rule(value):
    SignInRule.objects.update_or_create(pk=1, defaults={"deciders": value})


def test_password_rule_keeps_both_doors_and_the_second_factor(settings, officer):
    settings.OTP_REQUIRED_FOR_DECIDERS = True
    client = Client()
    assert sign_in(client, "somchai", next_url=STAFF_PAGE).status_code == 302
    # Signed in through the provider, still asked for the app's code under the "password" rule.
    assert client.get(STAFF_PAGE)["Location"].startswith(reverse("second-factor-verify"))
    _client, response = password_sign_in("somchai")
    assert response.status_code == 302 and _client.session.get("_auth_user_id")


def test_oidc_rule_signs_out_a_decider_who_used_a_password(settings, officer):
    set_rule("oidc")
    client, response = password_sign_in("somchai")
    assert response.status_code == 302
    page = client.get(STAFF_PAGE)
    assert page.status_code == 302 and page["Location"].startswith(reverse("login"))
    assert signed_in_user_id(client) is None
    login = client.get(page["Location"], HTTP_ACCEPT_LANGUAGE="th")
    assert "โปรดเข้าสู่ระบบด้วย ThaiD" in login.content.decode()
    assert "ต้องเข้าสู่ระบบด้วยวิธีนี้เท่านั้น" in login.content.decode()


def test_oidc_rule_lets_the_provider_stand_for_the_app_code(settings, officer):
    settings.OTP_REQUIRED_FOR_DECIDERS = True
    set_rule("oidc")
    client = Client()
    sign_in(client, "somchai")
    assert client.get(STAFF_PAGE).status_code == 200
    assert client.get("/admin/").status_code == 200


def test_oidc_and_totp_rule_asks_for_the_app_code_after_the_provider(settings, officer):
    settings.OTP_REQUIRED_FOR_DECIDERS = True
    set_rule("oidc+totp")
    client = Client()
    sign_in(client, "somchai")
    assert client.get(STAFF_PAGE)["Location"].startswith(reverse("second-factor-verify"))
    _password, response = password_sign_in("somchai")
    assert _password.get(STAFF_PAGE)["Location"].startswith(reverse("login"))


def test_a_proponent_keeps_the_password_under_the_oidc_rule(settings, provider):
    set_rule("oidc")
    proponent = UserFactory(username="malee")
    proponent.set_password(PASSWORD)
    proponent.save()
    client, _response = password_sign_in("malee")
    assert client.get("/accounts/organisation/").status_code == 200


def test_the_rule_holds_only_while_a_provider_is_configured(settings):
    set_rule("oidc")
    staff = StaffFactory(username="somchai")
    staff.set_password(PASSWORD)
    staff.save()
    client, _response = password_sign_in("somchai")
    assert client.get(STAFF_PAGE).status_code == 200  # nobody locked out of a portal without a provider


def test_the_office_cannot_require_a_provider_that_is_not_configured(settings):
    form = SignInRuleForm(data={"deciders": "oidc"})
    assert not form.is_valid() and "deciders" in form.errors
    assert SignInRuleForm(data={"deciders": "password"}).is_valid()


def test_the_office_sets_the_rule_in_the_admin(settings, officer):
    model_admin = admin.site._registry[SignInRule]
    request = RequestFactory().get("/admin/")
    request.user = officer
    assert model_admin.has_add_permission(request) and not model_admin.has_delete_permission(request)
    for value in ("oidc+totp", "oidc"):
        form = SignInRuleForm(data={"deciders": value})
        assert form.is_valid()
        form.save()
    assert list(SignInRule.objects.values_list("deciders", flat=True)) == ["oidc"]  # one rule, changed


def test_oidc_rule_gives_a_decider_no_api_token_for_a_password(settings, officer):
    from rest_framework.test import APIClient

    from accounts.models import ApiToken

    set_rule("oidc")
    response = APIClient(HTTP_ACCEPT_LANGUAGE="en").post(
        "/api/v1/auth/token/", {"username": "somchai", "password": PASSWORD}, format="json")
    assert (response.status_code, response.json()["code"]) == (403, "provider_sign_in_required")
    assert not ApiToken.objects.exists()
    set_rule("password")
    again = APIClient().post("/api/v1/auth/token/", {"username": "somchai", "password": PASSWORD}, format="json")
    assert again.status_code == 200
