"""In the admin, the record of a closed item is read only for the Office (and a superuser): no change,
no delete, no bulk delete; a link to record a correction instead. Rows still open stay editable."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from reviews.models import AgendaItem, Attendance, ConflictDeclaration, CriterionScore, EvaluatorAssignment, Resolution
from tests.admin.conftest import url
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["office", "superuser"])
def staff_client(request, client):
    user = StaffFactory() if request.param == "office" else UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def assert_read_only(client, model, obj, post):
    page = client.get(url(model, "change", obj.pk))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="_save"' not in body  # shown, not offered for saving
    assert client.post(url(model, "change", obj.pk), post).status_code == 403
    assert client.get(url(model, "delete", obj.pk)).status_code == 403
    assert client.post(url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    changelist = client.get(url(model))
    assert 'value="delete_selected"' not in changelist.content.decode()
    return body


def test_a_resolution_is_read_only_with_a_link_to_correct_it(staff_client, closed):
    body = assert_read_only(staff_client, Resolution, closed.resolution, {"kind": "not_approve", "text": "แก้"})
    assert reverse("correction-new", args=["resolution", closed.resolution.pk]) in body
    assert Resolution.objects.get(pk=closed.resolution.pk).kind == "approve"
    assert staff_client.get(url(Resolution, "add")).status_code == 403


def test_a_conflict_is_read_only_with_a_link_to_correct_it(staff_client, closed):
    body = assert_read_only(staff_client, ConflictDeclaration, closed.conflict, {"reason": "ไม่มี"})
    assert reverse("correction-new", args=["conflict", closed.conflict.pk]) in body
    assert ConflictDeclaration.objects.filter(pk=closed.conflict.pk).exists()


def test_attendance_of_a_closed_meeting_is_read_only(staff_client, closed):
    row = closed.absent
    body = assert_read_only(staff_client, Attendance, row, {
        "meeting": closed.meeting.pk, "member": row.member_id, "present": "on",
        "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0"})
    assert reverse("correction-new", args=["attendance", row.pk]) in body
    assert Attendance.objects.get(pk=row.pk).present is False


def test_bulk_delete_cannot_sweep_closed_attendance(staff_client, closed):
    ids = list(closed.meeting.attendance.values_list("pk", flat=True))
    response = staff_client.post(url(Attendance), {"action": "delete_selected", ACTION_CHECKBOX_NAME: ids,
                                                   "post": "yes"})
    assert response.status_code in (200, 302)
    assert closed.meeting.attendance.count() == len(ids)


def test_no_new_attendance_for_a_closed_meeting(staff_client, closed):
    response = staff_client.post(url(Attendance, "add"), {
        "meeting": closed.meeting.pk, "member": UserFactory().pk, "present": "on", "recorded_by": closed.staff.pk,
        "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0"})
    assert response.status_code == 200  # the form again, with the reason
    assert "An item of this meeting is closed" in response.content.decode()
    assert closed.meeting.attendance.count() == 5


def test_attendance_of_an_open_meeting_may_still_be_changed(staff_client, open_item):
    row = open_item.meeting.attendance.first()
    page = staff_client.get(url(Attendance, "change", row.pk))
    assert 'name="_save"' in page.content.decode()


def test_a_closed_agenda_item_is_read_only(staff_client, closed):
    assert_read_only(staff_client, AgendaItem, closed.item, {
        "meeting": closed.meeting.pk, "proposal": closed.proposal.pk, "order": 9})
    assert AgendaItem.objects.get(pk=closed.item.pk).order == 1


def test_an_open_agenda_item_may_still_be_removed(staff_client, open_item):
    assert staff_client.get(url(AgendaItem, "delete", open_item.item.pk)).status_code == 200


def test_the_meeting_form_refuses_to_reorder_a_closed_item(staff_client, closed):
    from reviews.models import Meeting

    meeting = closed.meeting
    data = {
        "held_at_0": meeting.held_at.strftime("%Y-%m-%d"), "held_at_1": meeting.held_at.strftime("%H:%M:%S"),
        "place": meeting.place,
        "agenda-TOTAL_FORMS": "1", "agenda-INITIAL_FORMS": "1", "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "1000", "agenda-0-id": closed.item.pk, "agenda-0-meeting": meeting.pk,
        "agenda-0-order": "5", "agenda-0-proposal": closed.proposal.pk,
    }
    response = staff_client.post(url(Meeting, "change", meeting.pk), data)
    assert response.status_code == 200
    assert "is closed" in response.content.decode()
    assert AgendaItem.objects.get(pk=closed.item.pk).order == 1


def test_submitted_scores_are_read_only(staff_client, submitted):
    row = submitted.scores.first()
    post = {"assignment": submitted.pk, "subcriterion": row.subcriterion_id, "score": "10", "comment": ""}
    assert_read_only(staff_client, CriterionScore, row, post)
    assert CriterionScore.objects.get(pk=row.pk).score == 80


def test_a_submitted_assignment_shows_its_scores_read_only_and_is_not_deleted(staff_client, submitted):
    body = staff_client.get(url(EvaluatorAssignment, "change", submitted.pk)).content.decode()
    assert 'name="scores-0-score"' not in body  # the inline shows the scores, without inputs
    assert 'name="submitted_at_0"' not in body  # submitting is the evaluator's act, not a field here
    assert staff_client.get(url(EvaluatorAssignment, "delete", submitted.pk)).status_code == 403


def test_submitted_versions_and_history_stay_read_only(staff_client, closed):
    from applications.models import ProposalVersion, StatusChange

    version = ProposalVersion.objects.filter(proposal=closed.proposal).first()
    change = StatusChange.objects.filter(proposal=closed.proposal).last()
    for model, obj in ((ProposalVersion, version), (StatusChange, change)):
        assert staff_client.get(url(model, "delete", obj.pk)).status_code == 403
        assert staff_client.post(url(model, "change", obj.pk), {}).status_code == 403
