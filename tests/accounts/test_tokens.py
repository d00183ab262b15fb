"""API tokens (django-rest-knox, accounts.ApiToken): they expire, their owner lists and revokes
them, and a password change or a deactivation revokes them all."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import services
from accounts.models import ApiToken
from tests.factories import UserFactory

from .conftest import link_in

pytestmark = pytest.mark.django_db

PASSWORD = "pw-123456"


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


def issue(username, device="ci-script"):
    response = APIClient().post("/api/v1/auth/token/", {"username": username, "password": PASSWORD,
                                                          "device": device}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def works(key):
    response = APIClient(HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/proposals/")
    assert response.status_code in (200, 403), response.content
    return response.status_code == 200


@pytest.fixture
def somchai():
    return UserFactory(username="somchai", email="somchai@phuketcity.go.th")


# --- Expiry ------------------------------------------------------------------------------------------

def test_a_token_expires_after_the_configured_days(settings, somchai):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": datetime.timedelta(days=7)}
    answer = issue("somchai")
    expiry = datetime.datetime.fromisoformat(answer["expiry"])
    assert abs(expiry - (timezone.now() + datetime.timedelta(days=7))) < datetime.timedelta(minutes=1)
    assert works(answer["token"])
    # A week later it no longer works, and it is gone.
    ApiToken.objects.filter(user=somchai).update(expiry=timezone.now() - datetime.timedelta(seconds=1))
    refused = APIClient(HTTP_AUTHORIZATION=f"Token {answer['token']}", HTTP_ACCEPT_LANGUAGE="en").get(
        "/api/v1/proposals/")
    assert (refused.status_code, refused.json()) == (403, {"detail": "Invalid token."})
    assert not ApiToken.objects.filter(user=somchai).exists()


def test_the_default_life_is_the_setting(settings, somchai):
    answer = issue("somchai")
    expiry = datetime.datetime.fromisoformat(answer["expiry"])
    days = (expiry - timezone.now()).total_seconds() / 86400
    assert settings.API_TOKEN_DAYS - 0.01 < days <= settings.API_TOKEN_DAYS


def test_expired_tokens_are_swept(somchai):
    old, _ = ApiToken.objects.create(user=somchai)
    ApiToken.objects.filter(pk=old.pk).update(expiry=timezone.now() - datetime.timedelta(days=1))
    live, _ = ApiToken.objects.create(user=somchai)
    assert services.api_tokens_sweep() == 1
    assert list(ApiToken.objects.values_list("pk", flat=True)) == [live.pk]


def test_issuing_past_the_limit_revokes_the_oldest(settings, somchai):
    settings.API_TOKENS_PER_USER = 2
    first, second, third = (issue("somchai", device=f"laptop {i}")["token"] for i in range(3))
    assert [works(first), works(second), works(third)] == [False, True, True]


# --- The owner's page ------------------------------------------------------------------------------

def test_the_page_lists_my_live_tokens_with_thai_dates(client, somchai):
    issue("somchai", device="ระบบรายงานของเทศบาล")
    mine = ApiToken.objects.get(user=somchai)
    expired, _ = ApiToken.objects.create(user=somchai, name="old laptop")
    ApiToken.objects.filter(pk=expired.pk).update(expiry=timezone.now() - datetime.timedelta(days=1))
    other, _ = ApiToken.objects.create(user=UserFactory(), name="someone else's script")
    client.force_login(somchai)
    page = client.get(reverse("api-tokens"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "ระบบรายงานของเทศบาล" in text and mine.token_key[:8] in text
    assert "old laptop" not in text and "someone else's script" not in text and other.token_key[:8] not in text
    be_year = timezone.localdate(mine.created).year + 543
    assert re.search(rf"\d+ \S+ {be_year}", text), "the issue date in the Buddhist Era"
    assert reverse("api-token-revoke", args=[mine.pk]) in text
    client.cookies["django_language"] = "en"
    english = client.get(reverse("api-tokens")).content.decode()
    assert "My API tokens" in english and str(timezone.localdate(mine.created).year) in english


def test_the_page_is_paged_in_a_fixed_number_of_queries(client, somchai, django_assert_max_num_queries):
    client.force_login(somchai)
    for i in range(3):
        ApiToken.objects.create(user=somchai, name=f"device {i}")
    client.get(reverse("api-tokens"))  # warm: session, translations
    with django_assert_max_num_queries(6) as few:
        assert client.get(reverse("api-tokens")).status_code == 200
    for i in range(3, 45):
        ApiToken.objects.create(user=somchai, name=f"device {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        first = client.get(reverse("api-tokens"))
    assert first.context["page"].paginator.num_pages == 3
    assert len(first.context["page"].object_list) == 20
    last = client.get(reverse("api-tokens"), {"page": 3})
    assert len(last.context["page"].object_list) == 5


def test_the_page_needs_a_sign_in(client):
    response = client.get(reverse("api-tokens"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


# --- Revoking ----------------------------------------------------------------------------------------

def test_the_owner_revokes_one_token(client, somchai):
    kept, revoked = issue("somchai", device="kept")["token"], issue("somchai", device="lost phone")["token"]
    token = ApiToken.objects.get(name="lost phone")
    client.force_login(somchai)
    assert client.get(reverse("api-token-revoke", args=[token.pk])).status_code == 405
    response = client.post(reverse("api-token-revoke", args=[token.pk]), follow=True)
    assert response.status_code == 200
    assert "เพิกถอนโทเคน" in response.content.decode()
    assert (works(kept), works(revoked)) == (True, False)


def test_the_owner_revokes_them_all(client, somchai):
    keys = [issue("somchai", device=f"d{i}")["token"] for i in range(3)]
    client.force_login(somchai)
    client.post(reverse("api-tokens-revoke-all"))
    assert [works(k) for k in keys] == [False, False, False]


def test_a_stranger_cannot_revoke_anothers_token(client, somchai):
    key = issue("somchai")["token"]
    token = ApiToken.objects.get(user=somchai)
    client.force_login(UserFactory())
    assert client.post(reverse("api-token-revoke", args=[token.pk])).status_code == 404
    client.post(reverse("api-tokens-revoke-all"))  # revokes the stranger's own, none of somchai's
    assert works(key)


# --- A password change or a deactivation revokes them all ---------------------------------------------

def test_changing_the_password_revokes_every_token(client, somchai):
    keys = [issue("somchai", device=f"d{i}")["token"] for i in range(2)]
    other = issue(UserFactory(username="malee").username)["token"]
    client.force_login(somchai)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Phuket-Smart-2569", "new_password2": "Phuket-Smart-2569"})
    assert response.status_code == 302
    assert [works(k) for k in keys] == [False, False]
    assert works(other)


def test_a_password_reset_revokes_every_token(client, somchai, mail_now):
    key = issue("somchai")["token"]
    with mail_now():
        client.post(reverse("password_reset"), {"email": somchai.email})
    form = client.get(link_in(mail.outbox[0]), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": "Phuket-Smart-2569",
                                             "new_password2": "Phuket-Smart-2569"})
    assert not works(key)


def test_a_password_set_by_staff_or_made_unusable_revokes_every_token(somchai):
    key = issue("somchai")["token"]
    somchai.set_password("Set-By-The-Office-2569")  # the admin's and changepassword's path
    somchai.save()
    assert not works(key)
    second = ApiToken.objects.create(user=somchai)[1]
    somchai.set_unusable_password()
    somchai.save()
    assert not works(second)


def test_other_saves_of_the_user_keep_the_tokens(somchai):
    key = issue("somchai")["token"]
    somchai.refresh_from_db()
    somchai.first_name = "สมชาย"
    somchai.save()
    assert somchai.check_password(PASSWORD)  # signing in again re-saves nothing that matters
    assert works(key)


def test_deactivation_revokes_every_token_for_good(client, somchai):
    key = issue("somchai")["token"]
    somchai.refresh_from_db()
    somchai.is_active = False
    somchai.save()
    assert not ApiToken.objects.filter(user=somchai).exists()
    somchai.is_active = True
    somchai.save()
    assert not works(key)


def test_deactivation_by_staff_in_the_admin_revokes_every_token(client, somchai):
    from tests.factories import StaffFactory

    key = issue("somchai")["token"]
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    url = reverse("admin:accounts_user_change", args=[somchai.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update({
        "username": somchai.username, "is_active": "", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0", "groups": [], "user_permissions": [],
    })
    data = {k: v for k, v in data.items() if k not in ("last_login", "date_joined", "groups", "user_permissions")}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    somchai.refresh_from_db()
    assert not somchai.is_active
    assert not works(key)
    # Revoked, not only refused while inactive: reactivating the account revives nothing.
    assert not ApiToken.objects.filter(user=somchai).exists()


def test_the_nightly_sweep_is_scheduled(settings, somchai):
    from accounts.tasks import sweep_api_tokens

    entry = settings.CELERY_BEAT_SCHEDULE["accounts-sweep-api-tokens"]
    assert entry["task"] == sweep_api_tokens.name
    old, _ = ApiToken.objects.create(user=somchai)
    ApiToken.objects.filter(pk=old.pk).update(expiry=timezone.now() - datetime.timedelta(days=1))
    assert sweep_api_tokens.apply().get() == 1
