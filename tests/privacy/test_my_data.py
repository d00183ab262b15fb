"""'My data': a person's own data as JSON (anybody else's is a 404), and their requests."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from notifications.models import Notification
from privacy.models import DataRequest, SignInEvent
from tests.factories import BodyMembershipFactory, ProposalFactory, StaffFactory, proponent

pytestmark = pytest.mark.django_db


def export_of(client, user):
    response = client.get(reverse("privacy-export", args=[user.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="my-data-{user.pk}.json"'
    return json.loads(response.content)


def test_export_holds_profile_memberships_proposals_notifications_and_sign_ins(client):
    user = proponent(email="somsri@example.go.th", phone="081-234-5678")
    org = Membership.objects.get(user=user).organisation
    proposal = ProposalFactory(organisation=org, created_by=user)
    Notification.objects.create(recipient=user, event="x", subject="ข้อเสนอของท่าน", body="ส่งแล้ว")
    client.force_login(user)  # a sign-in, as the form's: one row of sign-in history
    data = export_of(client, user)["sections"]
    assert (data["accounts.profile"]["email"], data["accounts.profile"]["phone"]) == (
        "somsri@example.go.th", "081-234-5678")
    assert [m["organisation"] for m in data["accounts.memberships"]] == [org.name_th]
    assert [p["id"] for p in data["applications.proposals"]] == [proposal.pk]
    assert [n["subject"] for n in data["notifications.messages"]] == ["ข้อเสนอของท่าน"]
    assert len(data["privacy.sign_ins"]) == 1 == SignInEvent.objects.filter(user=user).count()
    assert data["reviews.meetings"] == {"attendance": [], "votes": [], "conflict_declarations": []}


def test_export_of_someone_else_is_404_even_for_the_office(client):
    user, other = proponent(), proponent()
    client.force_login(user)
    assert client.get(reverse("privacy-export", args=[other.pk])).status_code == 404
    client.force_login(StaffFactory())
    assert client.get(reverse("privacy-export", args=[user.pk])).status_code == 404


def test_export_asks_a_stranger_to_sign_in(client):
    user = proponent()
    response = client.get(reverse("privacy-export", args=[user.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_correction_request_is_due_in_30_days(client):
    user = proponent()
    client.force_login(user)
    response = client.post(reverse("privacy-request-create"), {"kind": "correction", "details": "นามสกุลผิด"})
    assert response.status_code == 302
    req = DataRequest.objects.get(user=user)
    assert (req.state, (req.due_on - timezone.localdate(req.created_at)).days) == ("open", 30)


def test_deletion_request_of_a_member_with_an_open_meeting_is_explained_and_queued(client):
    from tests.voting.scenario import Item

    scenario = Item(members=3, present=3)
    member = scenario.members[0]
    client.force_login(member)
    response = client.post(reverse("privacy-request-create"), {"kind": "deletion"}, follow=True)
    req = DataRequest.objects.get(user=member)
    assert req.state == "held"
    assert scenario.item.meeting.label in req.held_reason
    assert "ยังลบข้อมูลของท่านไม่ได้" in response.content.decode()


def test_my_data_page_queries_do_not_grow_with_requests(client, django_assert_max_num_queries):
    user = proponent()
    BodyMembershipFactory(user=user)
    client.force_login(user)
    client.get(reverse("privacy-my-data"))
    for kind in ("correction", "deletion"):
        DataRequest.objects.create(user=user, kind=kind, details="x", state="done")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("privacy-my-data")).status_code == 200
