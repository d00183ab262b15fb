"""Accepting an invitation: new account, one-click join, wrong account, expired, used, single use."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, Membership, User
from tests.factories import UserFactory

NEW_PERSON = {
    "first_name": "มาลี", "last_name": "สุขใจ", "position": "นักวิเคราะห์นโยบายและแผน",
    "phone": "076 211 145", "password1": "Andaman-Smart-2569", "password2": "Andaman-Smart-2569",
}


def accept_url(invitation):
    return reverse("invitation-accept", args=[invitation.token])


@pytest.mark.django_db
def test_accept_unknown_token_404(client):
    assert client.get("/accounts/invitations/no-such-token/").status_code == 404


@pytest.mark.django_db
def test_accept_anonymous_shows_account_form(client, invitation):
    response = client.get(accept_url(invitation))
    assert response.status_code == 200
    text = response.content.decode()
    assert "เข้าร่วมเทศบาลนครภูเก็ต" in text
    assert "malee@phuketcity.go.th" in text
    for name in ("first_name", "last_name", "position", "phone", "password1", "password2"):
        assert f'<label for="id_{name}">' in text


@pytest.mark.django_db
def test_accept_as_new_user_member_and_signed_in(client, organisation, invitation):
    response = client.post(accept_url(invitation), NEW_PERSON)
    assert response.status_code == 302
    assert response.url == reverse("organisation")
    user = User.objects.get(username="malee@phuketcity.go.th")
    assert (user.email, user.first_name, user.last_name, user.position, user.phone) == (
        "malee@phuketcity.go.th", "มาลี", "สุขใจ", "นักวิเคราะห์นโยบายและแผน", "076 211 145")
    assert user.check_password("Andaman-Smart-2569")
    assert list(Membership.objects.filter(user=user).values_list("organisation_id", flat=True)) == [organisation.pk]
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    assert int(client.session["_auth_user_id"]) == user.pk
    page = client.get(response.url)
    assert "มาลี สุขใจ (ท่าน)" in page.content.decode()


@pytest.mark.django_db
def test_accept_as_new_user_can_log_in_later(client, invitation):
    client.post(accept_url(invitation), NEW_PERSON)
    client.post(reverse("logout"))
    response = client.post(reverse("login"), {"username": "malee@phuketcity.go.th", "password": "Andaman-Smart-2569"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username="malee@phuketcity.go.th").pk)


@pytest.mark.django_db
def test_accept_weak_password_refused_by_validators(client, invitation):
    data = {**NEW_PERSON, "password1": "malee123", "password2": "malee124"}
    response = client.post(accept_url(invitation), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'role="alert"' in text
    assert "รหัสผ่านทั้งสองช่องไม่ตรงกัน" in text
    data = {**NEW_PERSON, "password1": "12345678", "password2": "12345678"}
    text = client.post(accept_url(invitation), data).content.decode()
    assert "รหัสผ่านนี้เป็นตัวเลขทั้งหมด" in text
    assert 'id="id_password2_error"' in text
    assert not User.objects.filter(username="malee@phuketcity.go.th").exists()
    invitation.refresh_from_db()
    assert invitation.is_open


@pytest.mark.django_db
def test_accept_expired_invitation_says_whom_to_ask(client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.make_aware(timezone.datetime(2024, 3, 8, 9, 0))
    )
    response = client.get(accept_url(invitation))
    assert response.status_code == 410
    text = response.content.decode()
    assert "คำเชิญนี้ใช้ไม่ได้แล้ว" in text
    assert "8 มีนาคม 2567" in text
    assert "สมชาย ใจดี (somchai@phuketcity.go.th)" in text
    posted = client.post(accept_url(invitation), NEW_PERSON)
    assert posted.status_code == 410
    assert not User.objects.filter(username="malee@phuketcity.go.th").exists()


@pytest.mark.django_db
def test_accept_used_invitation_says_so(client, invitation):
    client.post(accept_url(invitation), NEW_PERSON)
    client.post(reverse("logout"))
    response = client.get(accept_url(invitation))
    assert response.status_code == 410
    text = response.content.decode()
    assert "คำเชิญนี้ถูกใช้ไปแล้ว" in text
    assert "สมชาย ใจดี (somchai@phuketcity.go.th)" in text


@pytest.mark.django_db
def test_accept_second_time_fails(invitation):
    user = services.accept_as_new_user(token=invitation.token, first_name="มาลี", last_name="สุขใจ",
                                       position="", phone="", password="Andaman-Smart-2569")
    with pytest.raises(services.InvitationClosed) as exc:
        services.accept_as_signed_in_user(token=invitation.token, user=user)
    assert exc.value.reason == "used"
    with pytest.raises(services.InvitationClosed):
        services.accept_as_new_user(token=invitation.token, first_name="x", last_name="y",
                                    position="", phone="", password="Andaman-Smart-2569")
    assert Membership.objects.filter(user=user).count() == 1
    assert User.objects.filter(email="malee@phuketcity.go.th").count() == 1


@pytest.mark.django_db
def test_accept_signed_in_matching_email_one_click(client, organisation, invitation):
    malee = UserFactory(username="malee", email="Malee@PhuketCity.go.th")
    client.force_login(malee)
    page = client.get(accept_url(invitation))
    assert page.status_code == 200
    assert "<form" in page.content.decode() and "first_name" not in page.content.decode()
    response = client.post(accept_url(invitation))
    assert response.status_code == 302
    assert Membership.objects.filter(user=malee, organisation=organisation).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == malee
    assert "ท่านเป็นสมาชิกของเทศบาลนครภูเก็ตแล้ว" in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_accept_signed_in_other_email_told_to_sign_out(client, organisation, invitation, stranger):
    client.force_login(stranger)
    for response in (client.get(accept_url(invitation)), client.post(accept_url(invitation))):
        assert response.status_code == 403
        assert "ออกจากระบบก่อน" in response.content.decode()
    assert not Membership.objects.filter(user=stranger, organisation=organisation).exists()
    invitation.refresh_from_db()
    assert invitation.is_open
    # The page's sign-out button comes back to the invitation, now as a visitor.
    signed_out = client.post(reverse("logout"), {"next": accept_url(invitation)})
    assert signed_out.status_code == 302
    assert signed_out.url == accept_url(invitation)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_accept_anonymous_existing_account_asked_to_sign_in(client, invitation):
    UserFactory(username="malee", email="malee@phuketcity.go.th")
    response = client.get(accept_url(invitation))
    assert response.status_code == 200
    text = response.content.decode()
    assert f'{reverse("login")}?next={accept_url(invitation)}' in text
    response = client.post(accept_url(invitation), NEW_PERSON)
    assert "first_name" not in response.content.decode()
    assert User.objects.filter(email="malee@phuketcity.go.th").count() == 1


@pytest.mark.django_db
def test_accept_cancelled_invitation_closed(member, invitation):
    services.cancel_invitation(invitation=invitation, by=member)
    with pytest.raises(services.InvitationClosed) as exc:
        services.accept_as_new_user(token=invitation.token, first_name="มาลี", last_name="สุขใจ",
                                    position="", phone="", password="Andaman-Smart-2569")
    assert exc.value.reason == "expired"


@pytest.mark.django_db
def test_invitation_valid_for_two_weeks(invitation):
    assert timedelta(days=13, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=14)
