"""My organisation: members, pending invitations, inviting (with resend), cancelling; strangers get 404."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from tests.factories import OrganisationFactory, proponent

from .conftest import link_in


def invite_url(org):
    return reverse("organisation-invite", args=[org.pk])


def field(org):
    return f"org{org.pk}-email"


@pytest.mark.django_db
def test_organisation_page_anonymous_redirects_to_login(client):
    response = client.get(reverse("organisation"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={reverse('organisation')}"


@pytest.mark.django_db
def test_organisation_page_lists_members_and_pending_invitations(client, organisation, member, invitation):
    member.memberships.update(joined_at=timezone.make_aware(timezone.datetime(2022, 3, 8, 10, 0)))
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.make_aware(timezone.datetime(2030, 11, 9, 12, 0))
    )
    used = Invitation.objects.create(organisation=organisation, email="used@phuketcity.go.th", invited_by=member,
                                     accepted_at=timezone.now())
    client.force_login(member)
    response = client.get(reverse("organisation"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "<h2" in text and "เทศบาลนครภูเก็ต</h2>" in text
    assert "สมชาย ใจดี (ท่าน)" in text
    assert "ผู้อำนวยการกองยุทธศาสตร์" in text
    assert "8 มีนาคม 2565" in text  # joined, Thai date
    assert "malee@phuketcity.go.th" in text
    assert "9 พฤศจิกายน 2573" in text  # invitation valid until
    assert reverse("invitation-cancel", args=[invitation.pk]) in text
    assert used.email not in text
    [org] = response.context["organisations"]
    assert [m.user for m in org.member_list] == [member]
    assert [i.email for i in org.pending_invitations] == ["malee@phuketcity.go.th"]


@pytest.mark.django_db
def test_organisation_page_not_member_says_whom_to_ask(client, plain_user):
    client.force_login(plain_user)
    response = client.get(reverse("organisation"))
    assert response.status_code == 200
    assert response.context["organisations"] == []
    assert "ท่านยังไม่ได้เป็นสมาชิกของหน่วยงานผู้ยื่นข้อเสนอใด" in response.content.decode()


@pytest.mark.django_db
def test_invite_sends_mail_with_link(client, organisation, member, mail_now):
    client.force_login(member)
    with mail_now():
        response = client.post(invite_url(organisation), {field(organisation): " Malee@PhuketCity.go.th "})
    assert response.status_code == 302
    assert response.url == reverse("organisation")
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.organisation, invitation.invited_by) == (
        "malee@phuketcity.go.th", organisation, member)
    assert invitation.is_open
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["malee@phuketcity.go.th"]
    assert message.subject == "[เมืองอัจฉริยะประเทศไทย] คำเชิญเข้าร่วมเทศบาลนครภูเก็ต"
    assert link_in(message) == f"/accounts/invitations/{invitation.token}/"
    assert "สมชาย ใจดี เชิญท่านเข้าร่วมเทศบาลนครภูเก็ต" in message.body
    page = client.get(response.url)
    assert "ส่งคำเชิญถึง malee@phuketcity.go.th แล้ว" in page.content.decode()


@pytest.mark.django_db
def test_invite_mail_english_when_inviter_reads_english(client, organisation, member, mail_now):
    client.force_login(member)
    client.cookies["django_language"] = "en"
    with mail_now():
        client.post(invite_url(organisation), {field(organisation): "malee@phuketcity.go.th"})
    assert mail.outbox[0].subject == "[Smart City Thailand] Invitation to join Phuket City Municipality"


@pytest.mark.django_db
def test_invite_open_invitation_resent_not_duplicated(client, organisation, member, invitation, mail_now):
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() + timedelta(days=1))
    colleague = proponent(organisation)
    client.force_login(colleague)
    with mail_now():
        response = client.post(invite_url(organisation), {field(organisation): "MALEE@phuketcity.go.th"})
    assert response.status_code == 302
    assert Invitation.objects.count() == 1
    invitation.refresh_from_db()
    assert invitation.invited_by == colleague
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert len(mail.outbox) == 1
    assert link_in(mail.outbox[0]) == f"/accounts/invitations/{invitation.token}/"
    assert "ส่งอีกครั้งแล้ว" in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_invite_existing_member_refused_with_message(client, organisation, member, mail_now):
    colleague = proponent(organisation, email="malee@phuketcity.go.th")
    client.force_login(member)
    with mail_now():
        response = client.post(invite_url(organisation), {field(organisation): "Malee@phuketcity.go.th"})
    assert response.status_code == 200
    assert Invitation.objects.count() == 0
    assert mail.outbox == []
    text = response.content.decode()
    assert 'role="alert"' in text
    assert "บุคคลนี้เป็นสมาชิกของหน่วยงานอยู่แล้ว" in text
    assert 'aria-invalid="true"' in text
    assert colleague.pk


@pytest.mark.django_db
def test_invite_invalid_email_error_next_to_field_and_summary(client, organisation, member):
    client.force_login(member)
    response = client.post(invite_url(organisation), {field(organisation): "not-an-address"})
    assert response.status_code == 200
    text = response.content.decode()
    assert f'<ul class="errorlist" id="id_{field(organisation)}_error">' in text
    assert f'<a href="#id_{field(organisation)}">' in text
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_invite_other_organisation_404(client, organisation, stranger, mail_now):
    client.force_login(stranger)
    with mail_now():
        response = client.post(invite_url(organisation), {field(organisation): "x@example.go.th"})
    assert response.status_code == 404
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_cancel_invitation_asks_then_closes(client, member, invitation):
    client.force_login(member)
    url = reverse("invitation-cancel", args=[invitation.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "ยกเลิกคำเชิญ" in confirm.content.decode()
    invitation.refresh_from_db()
    assert invitation.is_open  # a GET changes nothing
    response = client.post(url)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert not invitation.is_open
    assert invitation.accepted_at is None
    page = client.get(reverse("organisation"))
    assert page.context["organisations"][0].pending_invitations == []
    # The link now explains itself.
    closed = client.get(reverse("invitation-accept", args=[invitation.token]))
    assert closed.status_code == 410


@pytest.mark.django_db
def test_cancel_invitation_stranger_404(client, invitation, stranger):
    client.force_login(stranger)
    url = reverse("invitation-cancel", args=[invitation.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_open


@pytest.mark.django_db
def test_cancel_invitation_already_accepted_not_pending(client, member, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    client.force_login(member)
    response = client.post(reverse("invitation-cancel", args=[invitation.pk]), follow=True)
    assert response.redirect_chain == [(reverse("organisation"), 302)]
    assert "ไม่ได้รอการตอบรับแล้ว" in response.content.decode()


@pytest.mark.django_db
def test_nav_links_member_and_staff(client, member):
    from tests.factories import StaffFactory

    client.force_login(member)
    text = client.get(reverse("organisation")).content.decode()
    assert f'<a href="{reverse("organisation")}" aria-current="page">หน่วยงานของฉัน</a>' in text
    client.force_login(StaffFactory())
    text = client.get(reverse("home")).content.decode()
    assert f'<a href="{reverse("organisation-list")}">หน่วยงาน</a>' in text


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_organisation_page_queries_do_not_grow(client, django_assert_num_queries, rows):
    organisation = OrganisationFactory()
    me = proponent(organisation)
    for _ in range(rows - 1):
        proponent(organisation)
    for n in range(rows):
        Invitation.objects.create(organisation=organisation, email=f"new{n}@example.go.th", invited_by=me)
    # A second organisation of the same person: still the same number of queries.
    second = OrganisationFactory()
    proponent(second)
    me.memberships.create(organisation=second)
    client.force_login(me)
    # session, user, organisations, members, pending invitations, unread notifications (the header)
    with django_assert_num_queries(6):
        response = client.get(reverse("organisation"))
    orgs = {o.pk: o for o in response.context["organisations"]}
    assert len(orgs[organisation.pk].member_list) == rows
    assert len(orgs[organisation.pk].pending_invitations) == rows
    assert len(orgs[second.pk].member_list) == 2
