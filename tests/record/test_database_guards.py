"""The database itself refuses to rewrite the record (PostgreSQL triggers, smartcity 0002).

Raw SQL, as a shell or another client would send it: no model, no admin in the way. These run
on PostgreSQL only (CI runs them); on SQLite they are skipped, and the models refuse instead
(test_models_and_services.py).
"""

import datetime

import pytest
from django.db import DatabaseError

from applications.enums import State
from reviews.evaluation.services import reopen_assignment
from tests import paths

from .conftest import raw

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("on_postgres"), pytest.mark.django_db]


def refused(sql, params=()):
    with pytest.raises(DatabaseError, match="not allowed"):
        raw(sql, params)


def test_a_resolution_is_never_updated_nor_deleted(closed):
    pk = closed.resolution.pk
    refused("UPDATE reviews_resolution SET kind = 'not_approve', text = 'แก้' WHERE id = %s", [pk])
    refused("UPDATE reviews_resolution SET recorded_at = now() WHERE id = %s", [pk])
    refused("DELETE FROM reviews_resolution WHERE id = %s", [pk])
    closed.resolution.refresh_from_db()
    assert closed.resolution.kind == "approve"


def test_a_conflict_declaration_is_never_updated_nor_deleted(closed):
    pk = closed.conflict.pk
    refused("UPDATE reviews_conflictdeclaration SET reason = 'ไม่มี' WHERE id = %s", [pk])
    refused("DELETE FROM reviews_conflictdeclaration WHERE id = %s", [pk])


def test_a_conflict_on_an_open_item_is_not_deleted_either(open_item):
    from reviews.voting.services import conflict_declare

    conflict = conflict_declare(item=open_item.item, member=open_item.others[0], reason="ส่วนได้เสีย")
    refused("DELETE FROM reviews_conflictdeclaration WHERE id = %s", [conflict.pk])


def test_a_closed_item_keeps_its_close_and_resolution_and_stays(closed):
    pk = closed.item.pk
    refused("UPDATE reviews_agendaitem SET closed_at = NULL, resolution_id = NULL WHERE id = %s", [pk])
    refused("UPDATE reviews_agendaitem SET resolution_id = NULL WHERE id = %s", [pk])
    refused("UPDATE reviews_agendaitem SET closed_at = closed_at + interval '1 hour' WHERE id = %s", [pk])
    refused("UPDATE reviews_agendaitem SET \"order\" = 9 WHERE id = %s", [pk])
    refused("DELETE FROM reviews_agendaitem WHERE id = %s", [pk])


def test_an_open_item_may_still_change(open_item):
    assert raw("UPDATE reviews_agendaitem SET \"order\" = 2 WHERE id = %s", [open_item.item.pk]) == 1


def test_attendance_stands_once_an_item_of_the_meeting_is_closed(closed):
    present = closed.meeting.attendance.filter(present=True).first()
    refused("UPDATE reviews_attendance SET present = false WHERE id = %s", [present.pk])
    refused("UPDATE reviews_attendance SET present = true WHERE id = %s", [closed.absent.pk])
    refused("DELETE FROM reviews_attendance WHERE id = %s", [present.pk])


def test_attendance_of_a_meeting_still_open_may_change(open_item):
    row = open_item.meeting.attendance.first()
    assert raw("UPDATE reviews_attendance SET present = false WHERE id = %s", [row.pk]) == 1
    assert raw("DELETE FROM reviews_attendance WHERE id = %s", [row.pk]) == 1


def test_submitted_scores_are_neither_updated_nor_deleted(submitted):
    row = submitted.scores.first()
    refused("UPDATE reviews_criterionscore SET score = 10 WHERE id = %s", [row.pk])
    refused("DELETE FROM reviews_criterionscore WHERE id = %s", [row.pk])
    row.refresh_from_db()
    assert row.score == 80


def test_reopened_scores_are_a_draft_again(submitted, office):
    reopen_assignment(assignment=submitted, by=office, reason="กรอกผิด")
    row = submitted.scores.first()
    assert raw("UPDATE reviews_criterionscore SET score = 10 WHERE id = %s", [row.pk]) == 1


def test_frozen_submissions_and_reopenings_are_never_rewritten(submitted, office):
    submission = submitted.submissions.get()
    refused("UPDATE reviews_scoresubmission SET total = 10 WHERE id = %s", [submission.pk])
    refused("DELETE FROM reviews_scoresubmission WHERE id = %s", [submission.pk])
    reopen_assignment(assignment=submitted, by=office, reason="กรอกผิด")
    reopening = submitted.reopenings.get()
    refused("UPDATE reviews_scorereopening SET reason = '' WHERE id = %s", [reopening.pk])
    refused("DELETE FROM reviews_scorereopening WHERE id = %s", [reopening.pk])


def test_a_submitted_version_is_never_rewritten(db):
    version = paths.bring_to(State.SUBMITTED).versions.get()
    refused("UPDATE applications_proposalversion SET snapshot = '{}' WHERE id = %s", [version.pk])
    refused("DELETE FROM applications_proposalversion WHERE id = %s", [version.pk])


def test_a_correction_is_never_rewritten(closed, office):
    from reviews.corrections.services import correction_record

    c = correction_record(target=closed.resolution, field="kind", value="not_approve", reason="นับคะแนนผิด",
                          by=office)
    refused("UPDATE reviews_correction SET value = '\"approve\"' WHERE id = %s", [c.pk])
    refused("DELETE FROM reviews_correction WHERE id = %s", [c.pk])


def test_a_certificate_keeps_its_number_and_date(db):
    proposal = paths.bring_to(State.CERTIFIED)
    assert proposal.certificate_number
    refused("UPDATE applications_proposal SET certificate_number = 'SCT-0000-00001' WHERE id = %s", [proposal.pk])
    refused("UPDATE applications_proposal SET certificate_number = NULL WHERE id = %s", [proposal.pk])
    refused("UPDATE applications_proposal SET certified_on = certified_on - 1 WHERE id = %s", [proposal.pk])
    refused("DELETE FROM applications_proposal WHERE id = %s", [proposal.pk])
    # What a renewal moves, and the rest of the proposal, still change.
    later = proposal.valid_until + datetime.timedelta(days=365 * 3)
    assert raw("UPDATE applications_proposal SET valid_until = %s, name_en = 'Renamed' WHERE id = %s",
               [later, proposal.pk]) == 1


def test_a_renewal_and_a_revocation_keep_the_certificate(db):
    renewed = paths.bring_to(State.CERTIFIED, steps=[*paths.PATHS[State.CERTIFIED], "renewal_due", "renew"])
    revoked = paths.bring_to(State.REVOKED)
    assert renewed.certificate_number and revoked.certificate_number


def test_an_issued_document_is_never_rewritten(db):
    from reviews.documents.issue import certificate_current

    document = certificate_current(paths.bring_to(State.CERTIFIED))
    refused("UPDATE reviews_issueddocument SET content = %s WHERE id = %s", [b"%PDF-1.7 forged", document.pk])
    refused("UPDATE reviews_issueddocument SET reason = 'corrected' WHERE id = %s", [document.pk])
    refused("DELETE FROM reviews_issueddocument WHERE id = %s", [document.pk])
