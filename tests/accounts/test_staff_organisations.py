"""The Smart City Office creates organisations (with the first user's invitation) and lists them."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Invitation
from provinces.models import Organisation, OrganisationKind, Province
from tests.factories import OrganisationFactory, StaffFactory, UserFactory, proponent

from .conftest import link_in


@pytest.fixture
def staff():
    return StaffFactory(first_name="สุดา", last_name="รักเมือง", email="suda@depa.or.th")


def new_org_data(**overrides):
    data = {
        "name_th": "เทศบาลเมืองน่าน", "name_en": "Nan Town Municipality",
        "kind": OrganisationKind.objects.get(code="town_municipality").pk,
        "province": Province.objects.get(code="55").pk,
        "first_user_email": "Mayor.Office@nan.go.th",
    }
    return {**data, **overrides}


@pytest.mark.django_db
def test_staff_create_organisation_sends_invitation(client, staff, mail_now):
    client.force_login(staff)
    form = client.get(reverse("organisation-create"))
    assert form.status_code == 200
    assert '<label for="id_name_th">ชื่อภาษาไทย</label>' in form.content.decode()
    with mail_now():
        response = client.post(reverse("organisation-create"), new_org_data())
    assert response.status_code == 302
    assert response.url == reverse("organisation-list")
    organisation = Organisation.objects.get(name_th="เทศบาลเมืองน่าน")
    assert (organisation.name_en, organisation.kind.code, organisation.province.code) == (
        "Nan Town Municipality", "town_municipality", "55")
    assert organisation.memberships.count() == 0
    invitation = Invitation.objects.get(organisation=organisation)
    assert (invitation.email, invitation.invited_by) == ("mayor.office@nan.go.th", staff)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["mayor.office@nan.go.th"]
    assert mail.outbox[0].subject == "[เมืองอัจฉริยะประเทศไทย] คำเชิญเข้าร่วมเทศบาลเมืองน่าน"
    assert link_in(mail.outbox[0]) == f"/accounts/invitations/{invitation.token}/"
    page = client.get(response.url)
    assert "สร้างเทศบาลเมืองน่านแล้ว" in page.content.decode()


@pytest.mark.django_db
def test_staff_create_then_first_user_accepts(client, staff, mail_now):
    client.force_login(staff)
    with mail_now():
        client.post(reverse("organisation-create"), new_org_data())
    client.logout()
    response = client.post(link_in(mail.outbox[0]), {
        "first_name": "ประยูร", "last_name": "เมืองน่าน", "position": "ปลัดเทศบาล", "phone": "",
        "password1": "Nan-Smart-City-2569", "password2": "Nan-Smart-City-2569",
    })
    assert response.status_code == 302
    organisation = Organisation.objects.get(name_th="เทศบาลเมืองน่าน")
    assert [m.user.username for m in organisation.memberships.all()] == ["mayor.office@nan.go.th"]


@pytest.mark.django_db
def test_staff_create_duplicate_name_in_province_refused(client, staff):
    OrganisationFactory(name_th="เทศบาลเมืองน่าน", province=Province.objects.get(code="55"))
    client.force_login(staff)
    response = client.post(reverse("organisation-create"), new_org_data(first_user_email="bad"))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'role="alert"' in text
    assert "มีหน่วยงานชื่อนี้ในจังหวัดนี้อยู่แล้ว" in text
    assert 'id="id_first_user_email_error"' in text
    assert Organisation.objects.filter(name_th="เทศบาลเมืองน่าน").count() == 1
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["proponent", "plain", "evaluator"])
def test_organisation_pages_non_staff_404(client, who):
    user = {"proponent": lambda: proponent(), "plain": UserFactory,
            "evaluator": lambda: UserFactory(is_evaluator=True, is_staff=True)}[who]()
    client.force_login(user)
    assert client.get(reverse("organisation-list")).status_code == 404
    assert client.get(reverse("organisation-create")).status_code == 404
    assert client.post(reverse("organisation-create"), new_org_data()).status_code == 404
    assert not Organisation.objects.filter(name_th="เทศบาลเมืองน่าน").exists()


@pytest.mark.django_db
def test_organisation_pages_anonymous_sent_to_login(client):
    response = client.get(reverse("organisation-create"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_organisation_list_counts_members_and_invitations(client, staff):
    org = OrganisationFactory(name_th="เทศบาลนครภูเก็ต")
    first = proponent(org)
    proponent(org)
    Invitation.objects.create(organisation=org, email="a@phuketcity.go.th", invited_by=first)
    OrganisationFactory(name_th="เทศบาลนครขอนแก่น")
    client.force_login(staff)
    response = client.get(reverse("organisation-list"), {"q": "ภูเก็ต"})
    assert response.status_code == 200
    [row] = response.context["page"].object_list
    assert (row.name_th, row.member_count, row.pending_count) == ("เทศบาลนครภูเก็ต", 2, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_organisation_list_queries_do_not_grow(client, staff, django_assert_num_queries, rows):
    for _ in range(rows):
        org = OrganisationFactory()
        inviter = proponent(org)
        proponent(org)
        Invitation.objects.create(organisation=org, email="x@example.go.th", invited_by=inviter)
    client.force_login(staff)
    # session, user, count, the page of organisations with their counts, unread notifications (the header)
    with django_assert_num_queries(5):
        response = client.get(reverse("organisation-list"))
    page = response.context["page"]
    assert len(page.object_list) == rows
    assert [(o.member_count, o.pending_count) for o in page.object_list] == [(2, 1)] * rows
