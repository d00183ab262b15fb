"""Votes only while the vote is open: the item open, its proposal still waiting for this body,
the meeting started, attendance recorded (issue 14, item 3). Everything else is refused with
the reason and leaves nothing behind; a decision recorded by another path closes the item."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from applications.enums import State
from applications.workflow import proposal_move, transition
from core.thai import thai_date
from reviews.documents.services import acknowledge
from reviews.models import AgendaItem, Attendance, ConflictDeclaration, Meeting, Resolution, Vote
from reviews.voting.services import VotingError, conflict_declare, item_close, vote_cast
from tests import paths
from tests.factories import StaffFactory

from .scenario import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


def vote(api, item, user, **data):
    api.force_authenticate(user)
    return api.post(f"/api/v1/items/{item.pk}/vote/", data or {"choice": "approve"}, format="json")


def refused(code, fn, **kwargs):
    with pytest.raises(VotingError) as exc:
        fn(**kwargs)
    assert exc.value.code == code, exc.value.message
    return exc.value


def staff_records_approval(s, meeting=None):
    """The Office records the subcommittee's approval through the workflow (not by closing the item)."""
    resolution = Resolution.objects.create(
        meeting=meeting or s.meeting, proposal=s.proposal, kind="approve", text="เห็นชอบ", recorded_by=s.staff
    )
    proposal_move(proposal=s.proposal, action="resolve_approve", by=s.staff, resolution_id=resolution.pk)
    return resolution


def committee_meeting(hours_from_now):
    return paths.meeting("committee", timezone.now() + datetime.timedelta(hours=hours_from_now))


# --- the audit's late vote ---------------------------------------------------------------------


def test_a_late_vote_after_the_approval_and_acknowledgement_is_409_and_leaves_no_vote(api):
    s = Item(members=3)
    late = s.others[0]
    resolution = staff_records_approval(s)
    # The move closed the item with its resolution, in the same transaction.
    s.item.refresh_from_db()
    assert (s.item.resolution, s.item.closed_by) == (resolution, s.staff)
    assert s.item.closed_at is not None
    outcome = acknowledge(committee_meeting(-0.5), [s.proposal], by=StaffFactory())
    assert outcome[0].ok, outcome[0].message
    s.proposal.refresh_from_db()
    assert s.proposal.status == State.ACKNOWLEDGED

    response = vote(api, s.item, late, choice="approve")

    assert response.status_code == 409
    assert response.json() == {
        "detail": "This item is closed: its resolution stands and no vote changes.", "code": "closed",
    }
    assert not Vote.objects.exists()


def test_a_decision_recorded_at_another_meeting_ends_the_vote_on_the_open_item(api):
    s = Item(members=3)
    other = paths.meeting("subcommittee", timezone.now() - datetime.timedelta(minutes=5))
    staff_records_approval(s, meeting=other)
    s.item.refresh_from_db()
    assert s.item.closed_at is None  # that meeting decided it; this item was not its

    response = vote(api, s.item, s.others[0])

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "decided"
    assert body["detail"] == (
        "The proposal is now “Approved by the subcommittee”, no longer “On the subcommittee agenda”: "
        "the vote on this item is over."
    )
    assert not Vote.objects.exists()
    refused("decided", item_close, item=s.item, by=s.chair)
    refused("decided", conflict_declare, item=s.item, member=s.others[1], reason="ญาติ")
    assert not ConflictDeclaration.objects.exists()


def test_a_withdrawn_proposal_takes_no_vote_and_the_thai_message_says_why(client):
    s = Item(members=3)
    transition(s.proposal, "withdraw", by=s.proposal.organisation.memberships.first().user)
    client.force_login(s.others[0])
    response = client.post(reverse("vote-cast", args=[s.item.pk]), {"choice": "approve"}, follow=True)
    html = response.content.decode()
    assert "ข้อเสนอนี้อยู่ในสถานะ “ถอนข้อเสนอ” แล้ว ไม่ใช่ “" in html
    assert "”: การลงมติในวาระนี้สิ้นสุดแล้ว" in html
    assert not Vote.objects.exists()


def test_the_chairs_close_is_not_disturbed_by_the_listener():
    s = Item(members=3)
    for user in s.members:
        vote_cast(item=s.item, member=user, choice="approve")
    resolution = item_close(item=s.item, by=s.chair)
    s.item.refresh_from_db()
    assert (s.item.resolution, s.item.closed_by) == (resolution, s.chair)
    assert AgendaItem.objects.filter(resolution=resolution).count() == 1


# --- the meeting's start ----------------------------------------------------------------------


def future_item(days=14):
    s = Item(members=3, present=0)
    Meeting.objects.filter(pk=s.meeting.pk).update(held_at=timezone.now() + datetime.timedelta(days=days))
    s.meeting.refresh_from_db()
    s.item.meeting = s.meeting
    # Attendance typed in ahead (the old page took it): it does not open the vote either.
    for user in s.members:
        s.attend(user)
    return s


def test_no_vote_and_no_close_before_the_meeting_starts(api):
    s = future_item(days=14)
    held = timezone.localtime(s.meeting.held_at)

    response = vote(api, s.item, s.others[0])

    assert response.status_code == 409
    assert response.json()["code"] == "not_started"
    assert response.json()["detail"] == (
        f"The meeting starts on {held.day} {held:%B %Y} at {held:%H:%M}: votes are cast from its start."
    )
    assert not Vote.objects.exists()
    error = refused("not_started", item_close, item=s.item, by=s.chair)
    assert "the item is closed on its vote, from its start" in error.message
    s.item.refresh_from_db()
    s.proposal.refresh_from_db()
    assert (s.item.closed_at, s.proposal.status) == (None, State.ON_AGENDA)
    assert not Resolution.objects.exists()


def test_the_page_names_the_start_in_thai_and_offers_no_ballot(client):
    s = future_item(days=14)
    client.force_login(s.others[0])
    html = client.get(reverse("agenda-item", args=[s.item.pk])).content.decode()
    held = timezone.localtime(s.meeting.held_at)
    assert f"การประชุมเริ่มวันที่ {thai_date(held)} เวลา {held:%H:%M} น. ลงมติได้ตั้งแต่เริ่มการประชุม" in html
    assert f'action="{reverse("vote-cast", args=[s.item.pk])}"' not in html
    # A conflict is declared before the dossier is read: before the meeting too.
    assert reverse("conflict-declare", args=[s.item.pk]) in html
    conflict_declare(item=s.item, member=s.others[1], reason="เป็นที่ปรึกษาของเทศบาล")


def test_no_vote_and_no_close_before_attendance_is_recorded(api):
    s = Item(members=3, present=0)
    assert not Attendance.objects.exists()

    response = vote(api, s.item, s.others[0])

    assert (response.status_code, response.json()["code"]) == (409, "no_attendance")
    assert "the secretary records who is present before the vote" in response.json()["detail"]
    refused("no_attendance", item_close, item=s.item, by=s.chair)
    assert not Vote.objects.exists() and not Resolution.objects.exists()
