"""The Office's queue of requests, and erasure: anonymise where the record keeps the person, delete the rest."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken, Membership, User
from applications.models import Proposal
from notifications.models import Notification
from privacy.models import DataRequest, SignInEvent
from privacy.services import ErasureHeld, request_create, request_erase
from reviews.models import Vote
from reviews.voting.services import item_close, vote_cast
from tests.factories import ProposalFactory, StaffFactory, UserFactory, proponent

pytestmark = pytest.mark.django_db


def test_queue_is_the_office_s_with_the_nearest_deadline_first(client, django_assert_max_num_queries):
    late = request_create(user=proponent(), kind="correction", details="ชื่อผิด")
    DataRequest.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    soon = request_create(user=proponent(), kind="deletion")
    client.force_login(proponent())
    assert client.get(reverse("privacy-queue")).status_code == 404
    assert client.get(reverse("privacy-request", args=[soon.pk])).status_code == 404
    client.force_login(StaffFactory())
    client.get(reverse("privacy-queue"))
    for _ in range(3):
        request_create(user=proponent(), kind="deletion")
    with django_assert_max_num_queries(10):
        page = client.get(reverse("privacy-queue"))
    rows = list(page.context["page"].object_list)
    assert [r.pk for r in rows[:2]] == [late.pk, soon.pk]
    assert rows[0].overdue is True
    assert "เกินกำหนด" in page.content.decode()


def test_erasure_anonymises_the_voter_keeps_the_vote_and_deletes_the_rest(client):
    from tests.voting.scenario import Item

    scenario = Item(members=3, present=3)
    voter = scenario.members[1]
    User.objects.filter(pk=voter.pk).update(email="voter@example.go.th", phone="089-999-0000")
    for member in scenario.members:
        vote_cast(item=scenario.item, member=member, choice="approve")
    item_close(item=scenario.item, by=scenario.chair)
    Notification.objects.create(recipient=voter, event="x", subject="s", body="b")
    SignInEvent.objects.create(user=voter)
    ApiToken.objects.create(user=voter, name="script")
    req = request_create(user=voter, kind="deletion", details="โปรดลบ")
    assert req.state == "open"
    staff = StaffFactory()
    client.force_login(staff)
    response = client.post(reverse("privacy-request", args=[req.pk]), {"action": "erase", "response": ""})
    assert response.status_code == 302
    voter.refresh_from_db()
    assert (voter.username, voter.first_name, voter.last_name, voter.email, voter.phone, voter.is_active) == (
        f"anonymised-{voter.pk}", "", "", "", "", False)
    assert not voter.has_usable_password()
    vote = Vote.objects.get(member=voter)
    assert vote.choice == "approve"
    assert voter.body_memberships.get().role == "member"
    assert (Notification.objects.filter(recipient=voter).count(), SignInEvent.objects.filter(user=voter).count(),
            ApiToken.objects.filter(user=voter).count()) == (0, 0, 0)
    req.refresh_from_db()
    assert (req.state, req.handled_by, req.details) == ("done", staff, "")


def test_erasure_of_a_proponent_keeps_their_proposal_and_drops_the_membership():
    user = proponent()
    proposal = ProposalFactory(organisation=Membership.objects.get(user=user).organisation, created_by=user)
    request_erase(request=request_create(user=user, kind="deletion"), by=StaffFactory())
    assert Proposal.objects.get(pk=proposal.pk).created_by_id == user.pk
    assert not Membership.objects.filter(user=user).exists()


def test_erasure_of_a_member_with_an_open_meeting_waits_with_the_reason():
    from tests.voting.scenario import Item

    scenario = Item(members=2, present=2)
    member = scenario.members[1]
    req = request_create(user=member, kind="deletion")
    assert req.state == "held"
    with pytest.raises(ErasureHeld) as refused:
        request_erase(request=req, by=StaffFactory())
    assert scenario.item.meeting.label in refused.value.message
    member.refresh_from_db()
    req.refresh_from_db()
    assert (member.username != f"anonymised-{member.pk}", member.is_active, req.state) == (True, True, "held")


def test_correction_is_answered_and_refusal_needs_a_reason(client):
    user = UserFactory()
    req = request_create(user=user, kind="correction", details="ตำแหน่งผิด")
    client.force_login(StaffFactory())
    empty = client.post(reverse("privacy-request", args=[req.pk]), {"action": "refuse", "response": ""})
    assert empty.status_code == 200
    req.refresh_from_db()
    assert req.state == "open"
    client.post(reverse("privacy-request", args=[req.pk]), {"action": "done", "response": "แก้ตำแหน่งแล้ว"})
    req.refresh_from_db()
    assert (req.state, req.response) == ("done", "แก้ตำแหน่งแล้ว")
