"""Forgotten password: Django's reset by e-mail, in Thai, sent by the task queue; no account enumeration."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

from .conftest import link_in


@pytest.mark.django_db
def test_login_page_links_to_password_reset(client):
    response = client.get(reverse("login"))
    assert f'href="{reverse("password_reset")}"' in response.content.decode()
    assert "ลืมรหัสผ่าน" in response.content.decode()


@pytest.mark.django_db
def test_password_reset_form_thai(client):
    response = client.get(reverse("password_reset"))
    assert response.status_code == 200
    text = response.content.decode()
    assert '<label for="id_email">ที่อยู่อีเมล</label>' in text


@pytest.mark.django_db
def test_password_reset_known_email_sends_thai_mail(client, mail_now):
    user = UserFactory(username="somchai", email="somchai@phuketcity.go.th", first_name="สมชาย", last_name="ใจดี")
    with mail_now():
        response = client.post(reverse("password_reset"), {"email": "Somchai@PhuketCity.go.th"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "[เมืองอัจฉริยะประเทศไทย] ตั้งรหัสผ่านใหม่"
    assert message.body.startswith("เรียน สมชาย ใจดี")
    assert "ชื่อผู้ใช้ของท่าน: somchai" in message.body


@pytest.mark.django_db
def test_password_reset_link_sets_new_password(client, mail_now):
    user = UserFactory(username="somchai", email="somchai@phuketcity.go.th")
    with mail_now():
        client.post(reverse("password_reset"), {"email": user.email})
    link = link_in(mail.outbox[0])
    # Django swaps the token in the link for one kept in the session, then shows the form.
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "Phuket-Smart-2569", "new_password2": "Phuket-Smart-2569"})
    assert done.status_code == 302
    assert done.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("Phuket-Smart-2569")
    assert "ตั้งรหัสผ่านใหม่แล้ว" in client.get(done.url).content.decode()
    # The link is single-use.
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False
    assert "ลิงก์นี้ใช้ไม่ได้แล้ว" in again.content.decode()


@pytest.mark.django_db
def test_password_reset_new_password_checked_by_validators(client, mail_now):
    user = UserFactory(username="somchai", email="somchai@phuketcity.go.th")
    with mail_now():
        client.post(reverse("password_reset"), {"email": user.email})
    form_page = client.get(link_in(mail.outbox[0]), follow=True)
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    text = response.content.decode()
    assert 'role="alert"' in text
    assert "รหัสผ่านนี้เป็นตัวเลขทั้งหมด" in text
    user.refresh_from_db()
    assert user.check_password("pw-123456")


@pytest.mark.django_db
def test_password_reset_unknown_email_same_page_no_mail(client, mail_now):
    UserFactory(email="somchai@phuketcity.go.th")
    with mail_now():
        response = client.post(reverse("password_reset"), {"email": "nobody@phuketcity.go.th"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []
    done = client.get(response.url)
    assert "โปรดตรวจสอบอีเมล" in done.content.decode()


@pytest.mark.django_db
def test_password_reset_mail_english_when_page_english(client, mail_now):
    UserFactory(email="somchai@phuketcity.go.th")
    client.cookies["django_language"] = "en"
    with mail_now():
        client.post(reverse("password_reset"), {"email": "somchai@phuketcity.go.th"})
    assert mail.outbox[0].subject == "[Smart City Thailand] Set a new password"
