"""django-axes: after the failure limit, a Thai page explains the one-hour lock and the way out."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from tests.factories import UserFactory

from .conftest import link_in


def fail(client, username, times):
    return [client.post(reverse("login"), {"username": username, "password": "wrong-password"}) for _ in range(times)]


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=3)
def test_login_locked_after_failure_limit(client):
    user = UserFactory(username="somchai")
    first, second, third = fail(client, "somchai", 3)
    assert [first.status_code, second.status_code] == [200, 200]
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in second.content.decode()
    assert third.status_code == 429
    text = third.content.decode()
    assert "ระงับการเข้าสู่ระบบเป็นเวลา 1 ชั่วโมง" in text
    assert "ใส่รหัสผ่านผิด 3 ครั้งติดต่อกัน" in text
    assert f'href="{reverse("password_reset")}"' in text
    assert "<!DOCTYPE html>" in text  # the portal's page, not a bare 403/429 text
    # Even the right password is refused while locked.
    right = client.post(reverse("login"), {"username": "somchai", "password": "pw-123456"})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert user.pk


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_page_english_when_cookie_says_en(client):
    UserFactory(username="somchai")
    client.cookies["django_language"] = "en"
    locked = fail(client, "somchai", 3)[-1]
    assert locked.status_code == 429
    assert "Sign-in locked for one hour" in locked.content.decode()


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_lifted_by_password_reset(client, mail_now):
    user = UserFactory(username="somchai", email="somchai@phuketcity.go.th")
    assert fail(client, "somchai", 3)[-1].status_code == 429
    with mail_now():
        client.post(reverse("password_reset"), {"email": user.email})
    form_page = client.get(link_in(mail.outbox[0]), follow=True)
    new = {"new_password1": "Phuket-Smart-2569", "new_password2": "Phuket-Smart-2569"}
    client.post(form_page.redirect_chain[-1][0], new)
    response = client.post(reverse("login"), {"username": "somchai", "password": "Phuket-Smart-2569"})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_other_account_not_affected(client):
    UserFactory(username="somchai")
    UserFactory(username="malee")
    fail(client, "somchai", 3)
    response = client.post(reverse("login"), {"username": "malee", "password": "pw-123456"})
    assert response.status_code == 302
