"""Recorded history (workflow.replay / record_history): the same table, roles, dates and inputs as transition()."""

import datetime

import pytest
from django.utils import timezone

from applications.enums import Action, Role, State
from applications.models import StatusChange
from applications.workflow import Recorded, TransitionError, record_history, replay
from notifications.models import Notification
from tests import paths
from tests.factories import ProposalFactory, StaffFactory

pytestmark = pytest.mark.django_db

T0 = timezone.now() - datetime.timedelta(days=400)


def at(days):
    return T0 + datetime.timedelta(days=days)


def test_a_recorded_history_is_written_without_guards_news_or_versions():
    proposal = ProposalFactory()  # an empty dossier: the guards would refuse to submit it
    staff = StaffFactory()
    note = "บันทึกย้อนหลัง"
    rows = record_history(proposal, [
        Recorded(Action.CREATE, at(0), staff, Role.PROPONENT),
        Recorded(Action.SUBMIT, at(1), staff, note=note),
        Recorded(Action.SCREEN, at(2), staff),
        Recorded(Action.RETURN_FOR_REVISION, at(3), staff, note=note, deadline=at(33).date()),
    ])
    assert [r.to_state for r in rows] == ["draft", "submitted", "screening", "revision_requested"]
    proposal.refresh_from_db()
    assert proposal.status == State.REVISION_REQUESTED
    assert proposal.revision_deadline == at(33).date()
    assert proposal.status_changed_at == at(3)
    assert list(proposal.history.values_list("actor_role", flat=True)) == ["proponent", "proponent", "staff", "staff"]
    assert not proposal.versions.exists()
    assert not Notification.objects.filter(proposal=proposal).exists()


@pytest.mark.parametrize(("steps", "code"), [
    ([Recorded(Action.SCREEN, at(1))], "not_allowed"),  # a draft is not screened
    ([Recorded(Action.SUBMIT, at(1), role=Role.STAFF)], "forbidden"),  # the proponent submits
    ([Recorded(Action.SUBMIT, at(2)), Recorded(Action.SCREEN, at(1))], "invalid"),  # out of order
    ([Recorded(Action.SUBMIT, timezone.now() + datetime.timedelta(days=1))], "invalid"),  # the future
    ([Recorded(Action.SUBMIT, at(1)), Recorded(Action.SCREEN, at(2)), Recorded(Action.REJECT, at(3))],
     "invalid"),  # a rejection needs its reasons
    ([Recorded(Action.SUBMIT, at(1)), Recorded(Action.CREATE, at(2))], "unknown"),  # creation comes first
])
def test_a_step_the_table_refuses_writes_nothing(steps, code):
    proposal = ProposalFactory()
    with pytest.raises(TransitionError) as refused:
        record_history(proposal, steps)
    assert refused.value.code == code
    proposal.refresh_from_db()
    assert proposal.status == State.DRAFT
    assert not StatusChange.objects.filter(proposal=proposal).exists()


def test_a_decided_move_needs_the_meeting_that_decided_it():
    proposal = paths.bring_to(State.ON_AGENDA)
    last = proposal.history.order_by("at").last().at
    with pytest.raises(TransitionError) as refused:
        record_history(proposal, [Recorded(Action.RESOLVE_APPROVE, last + datetime.timedelta(hours=1))])
    assert refused.value.field == "resolution"
    other = paths.bring_to(State.ON_AGENDA)
    wrong = paths.resolution(other, "approve", "subcommittee")
    with pytest.raises(TransitionError):
        replay(proposal, [Recorded(Action.RESOLVE_APPROVE, last + datetime.timedelta(hours=1), resolution=wrong)])


def test_recorded_steps_cannot_be_dated_before_the_history_already_there():
    proposal = paths.bring_to(State.SUBMITTED)
    with pytest.raises(TransitionError):
        record_history(proposal, [Recorded(Action.SCREEN, T0)])


def test_certifying_in_a_recorded_history_sets_the_certificate():
    proposal = paths.bring_to(State.ACKNOWLEDGED)
    when = proposal.history.order_by("at").last().at + datetime.timedelta(hours=1)
    record_history(proposal, [Recorded(Action.CERTIFY, when, StaffFactory())])
    proposal.refresh_from_db()
    assert proposal.status == State.CERTIFIED
    assert proposal.certificate_number.endswith(f"-{proposal.pk:05d}")
    assert proposal.valid_until.year == proposal.certified_on.year + 3
