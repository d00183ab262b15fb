"""The models and services refuse to rewrite the record on any database (SQLite in development too)."""

from decimal import Decimal

import pytest
from django.db.models import ProtectedError

from reviews.evaluation.services import EvaluationError, reopen_assignment, save_scores
from reviews.meetings.services import AttendanceClosed, attendance_record
from reviews.models import AgendaItem, Attendance, ConflictDeclaration, CriterionScore, Resolution
from reviews.records import RecordError
from tests.evaluation.helpers import active_subs, score
from tests.factories import EvaluatorFactory

pytestmark = pytest.mark.django_db


def test_a_resolution_refuses_save_update_and_delete(closed):
    resolution = Resolution.objects.get(pk=closed.resolution.pk)
    resolution.kind = "not_approve"
    with pytest.raises(RecordError):
        resolution.save()
    with pytest.raises(RecordError):
        resolution.delete()
    with pytest.raises(RecordError):
        Resolution.objects.filter(pk=resolution.pk).update(kind="not_approve")
    with pytest.raises(RecordError):
        Resolution.objects.filter(pk=resolution.pk).delete()
    assert Resolution.objects.get(pk=resolution.pk).kind == "approve"


def test_a_refusal_is_a_permission_error_and_a_domain_error_with_a_message(closed):
    from core.errors import DomainError

    with pytest.raises(PermissionError) as caught:
        closed.conflict.delete()
    assert isinstance(caught.value, DomainError)
    assert "correction" in caught.value.message
    assert caught.value.status_of() == 409


def test_a_conflict_declaration_refuses_save_and_delete(closed):
    conflict = ConflictDeclaration.objects.get(pk=closed.conflict.pk)
    conflict.reason = "ไม่มี"
    with pytest.raises(RecordError):
        conflict.save()
    with pytest.raises(RecordError):
        ConflictDeclaration.objects.filter(pk=conflict.pk).delete()
    assert ConflictDeclaration.objects.get(pk=conflict.pk).reason != "ไม่มี"


def test_an_item_with_a_declared_conflict_cannot_be_removed(open_item):
    from reviews.voting.services import conflict_declare

    conflict_declare(item=open_item.item, member=open_item.others[0], reason="ส่วนได้เสีย")
    with pytest.raises(ProtectedError):
        open_item.item.delete()


def test_a_closed_item_refuses_save_and_delete(closed):
    item = AgendaItem.objects.get(pk=closed.item.pk)
    item.closed_at = item.resolution = None
    with pytest.raises(RecordError):
        item.save()
    with pytest.raises(RecordError):
        item.delete()
    item = AgendaItem.objects.get(pk=closed.item.pk)
    assert item.closed_at is not None and item.resolution_id == closed.resolution.pk


def test_an_open_item_may_still_be_saved(open_item):
    open_item.item.order = 3
    open_item.item.save()
    assert AgendaItem.objects.get(pk=open_item.item.pk).order == 3


def test_attendance_of_a_closed_meeting_refuses_save_and_delete(closed):
    row = Attendance.objects.get(pk=closed.absent.pk)
    row.present = True
    with pytest.raises(RecordError):
        row.save()
    with pytest.raises(RecordError):
        row.delete()
    assert Attendance.objects.get(pk=row.pk).present is False


def test_recording_attendance_again_is_refused_once_an_item_is_closed(closed):
    everyone = [a.member_id for a in closed.meeting.attendance.all()]
    with pytest.raises(AttendanceClosed) as caught:
        attendance_record(meeting=closed.meeting, present_ids=everyone, by=closed.staff)
    assert caught.value.code == "closed"
    assert Attendance.objects.get(pk=closed.absent.pk).present is False


def test_recording_attendance_in_thai_says_why(closed):
    from django.utils import translation

    with translation.override("th"), pytest.raises(AttendanceClosed) as caught:
        attendance_record(meeting=closed.meeting, present_ids=[], by=closed.staff)
    assert "ปิด" in caught.value.message


def test_attendance_is_recorded_again_while_no_item_is_closed(open_item):
    count = attendance_record(meeting=open_item.meeting, present_ids=[open_item.chair.pk], by=open_item.staff)
    assert count == 1


def test_a_submitted_score_refuses_save_and_delete(submitted):
    row = CriterionScore.objects.filter(assignment=submitted).first()
    row.score = Decimal("10")
    with pytest.raises(RecordError):
        row.save()
    with pytest.raises(RecordError):
        row.delete()
    assert CriterionScore.objects.get(pk=row.pk).score == 80


def test_submitting_freezes_the_scores(submitted):
    submission = submitted.submissions.get()
    subs = active_subs("ENV")
    assert [e["subcriterion"] for e in submission.scores] == [s.pk for s in subs]
    assert {e["score"] for e in submission.scores} == {"80.00"}
    assert submission.total == Decimal("80.00")
    assert submission.by_id == submitted.evaluator_id
    assert submission.version_id == submitted.version_id
    assert submission.submitted_at == submitted.submitted_at


def test_a_submitted_evaluation_cannot_be_rescored(submitted):
    entries = {s.pk: (Decimal("10"), "") for s in active_subs("ENV")}
    with pytest.raises(EvaluationError):
        save_scores(assignment=submitted, by=submitted.evaluator, entries=entries, submit=True)
    assert set(submitted.scores.values_list("score", flat=True)) == {Decimal("80")}


def test_reopening_is_recorded_and_keeps_what_was_submitted(submitted, office):
    first = submitted.submissions.get()
    reopen_assignment(assignment=submitted, by=office, reason="ด้านย่อยที่ 2 กรอกผิด")
    submitted.refresh_from_db()
    assert submitted.submitted_at is None
    reopening = submitted.reopenings.get()
    assert (reopening.by, reopening.reason, reopening.submission) == (office, "ด้านย่อยที่ 2 กรอกผิด", first)
    score(submitted, 90)
    assert [s.total for s in submitted.submissions.order_by("submitted_at")] == [Decimal("80.00"), Decimal("90.00")]
    first.refresh_from_db()
    assert {e["score"] for e in first.scores} == {"80.00"}


def test_only_the_office_reopens(submitted):
    with pytest.raises(EvaluationError):
        reopen_assignment(assignment=submitted, by=EvaluatorFactory(), reason="")
    assert not submitted.reopenings.exists()


def test_reopening_a_draft_records_nothing(submitted, office):
    reopen_assignment(assignment=submitted, by=office)
    reopen_assignment(assignment=submitted, by=office)
    assert submitted.reopenings.count() == 1


def test_a_frozen_submission_refuses_save_and_delete(submitted):
    submission = submitted.submissions.get()
    submission.total = Decimal("10")
    with pytest.raises(RecordError):
        submission.save()
    with pytest.raises(RecordError):
        submission.delete()


def test_a_resolution_is_dated_at_creation_by_loaders(closed):
    import datetime

    from django.utils import timezone

    when = timezone.now() - datetime.timedelta(days=400)
    r = Resolution.objects.create(meeting=closed.meeting, proposal=closed.proposal, kind="approve",
                                  recorded_by=closed.staff, recorded_at=when)
    assert Resolution.objects.get(pk=r.pk).recorded_at == when
