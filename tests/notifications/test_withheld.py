"""What a person who declared a conflict of interest on a proposal receives about it: the public
facts of the move, never the dossier (the Office's note, the deadline set on it)."""

import datetime

import pytest
from django.utils import timezone, translation

from applications.enums import State
from applications.workflow import transition
from notifications.models import Notification
from reviews.models import AgendaItem, ConflictDeclaration
from tests import paths
from tests.factories import BodyMembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db

NOTE = "ให้ปรับแผน MOB ที่ได้ 60 % ต่ำกว่าเกณฑ์ 70 % NOTE-51aa"


@pytest.fixture
def moved():
    """A proposal on the subcommittee's agenda, approved in principle with a note and a deadline.
    One officer of the Office, the body's secretary, declared a conflict on its item; one did not."""
    proposal = paths.bring_to(State.ON_AGENDA)
    conflicted = BodyMembershipFactory(role="secretary", user=StaffFactory()).user
    other = StaffFactory()
    when = timezone.now()
    kwargs = paths.prepare(proposal, "resolve_in_principle", when, other)
    item = AgendaItem.objects.get(proposal=proposal, meeting=kwargs["resolution"].meeting)
    ConflictDeclaration.objects.create(agenda_item=item, member=conflicted, reason="เป็นกรรมการของเทศบาลผู้เสนอ")
    deadline = timezone.localdate() + datetime.timedelta(days=45)
    change = transition(proposal, "resolve_in_principle", by=other, note=NOTE, deadline=deadline,
                        resolution=kwargs["resolution"])
    return change, conflicted, other


def _row(change, user):
    # The move's own notice; a member also hears the meeting's resolution, tied to the same move.
    return Notification.objects.exclude(event="meeting.resolution").get(status_change=change, recipient=user)


def test_the_conflicted_officer_hears_of_the_move_without_its_note_or_deadline(moved):
    change, conflicted, _other = moved
    row = _row(change, conflicted)
    # The public facts of the move: which proposal, to which state.
    assert change.proposal.reference in row.subject + row.body
    with translation.override("th"):
        assert change.get_to_state_display() in row.body
    assert "NOTE-51aa" not in row.body + row.html_body + row.subject
    # The template's note and deadline lines are left out, not left empty.
    assert "หมายเหตุ" not in row.body and "กำหนดส่ง" not in row.body


def test_the_others_read_the_note_and_the_deadline(moved):
    change, _conflicted, other = moved
    proponent = change.proposal.organisation.memberships.first().user
    body = _row(change, other).body
    assert "หมายเหตุ: " + NOTE in body and "กำหนดส่ง" in body
    row = _row(change, proponent)
    assert "NOTE-51aa" in row.body and "ภายใน" in row.subject
