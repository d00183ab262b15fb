"""A mistake is mended by a correction: a new row beside the record, never an overwrite.

The round trip: the Office records it (service and page, with confirmation), the effective value
is the latest correction, and the item page, the meeting page, the proposal's timeline and the
minutes show both what was recorded and the correction. The proposal does not move.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.enums import State
from reviews.corrections.services import CorrectionError, correction_record, effective
from reviews.models import Correction, Resolution
from tests import paths
from tests.documents.conftest import pdf_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REASON = "ฝ่ายเลขานุการบันทึกมติคลาดเคลื่อนจากที่ประชุม"


def later_meeting(closed, days=7, **kwargs):
    return paths.meeting("subcommittee", closed.meeting.held_at + datetime.timedelta(days=days, **kwargs))


# --- the service --------------------------------------------------------------------------------


def test_a_correction_is_a_new_row_and_the_resolution_stays(closed, office):
    c = correction_record(target=closed.resolution, field="kind", value="not_approve", reason=REASON, by=office)
    resolution = Resolution.objects.get(pk=closed.resolution.pk)
    assert resolution.kind == "approve"  # as recorded
    assert (c.original, c.value, c.reason, c.by, c.field) == ("approve", "not_approve", REASON, office, "kind")
    assert effective(resolution, "kind") == "not_approve"
    assert resolution.effective_kind == "not_approve"
    assert str(resolution.effective_kind_display) == "Not approve"


def test_the_latest_correction_stands_and_each_keeps_what_it_mended(closed, office):
    correction_record(target=closed.resolution, field="kind", value="not_approve", reason=REASON, by=office)
    second = correction_record(target=closed.resolution, field="kind", value="in_principle", reason="ตามมติรับรองรายงาน",
                               by=office, meeting=later_meeting(closed, days=-1))
    assert second.original == "not_approve"
    assert Resolution.objects.get(pk=closed.resolution.pk).effective_kind == "in_principle"


def test_a_correction_does_not_move_the_proposal(closed, office):
    before = list(closed.proposal.history.values_list("pk", flat=True))
    correction_record(target=closed.resolution, field="kind", value="not_approve", reason=REASON, by=office)
    closed.proposal.refresh_from_db()
    assert closed.proposal.status == State.APPROVED
    assert list(closed.proposal.history.values_list("pk", flat=True)) == before


def test_text_attendance_and_conflict_are_corrected_too(closed, office):
    correction_record(target=closed.resolution, field="text", value="เห็นชอบ โดยมีเงื่อนไข", reason=REASON, by=office)
    correction_record(target=closed.absent, field="present", value=True, reason="มาถึงก่อนลงมติ", by=office)
    correction_record(target=closed.conflict, field="reason", value="เป็นคู่สัญญากับเทศบาล", reason=REASON, by=office)
    assert effective(closed.resolution, "text") == "เห็นชอบ โดยมีเงื่อนไข"
    assert effective(closed.absent, "present") is True
    assert effective(closed.conflict, "reason") == "เป็นคู่สัญญากับเทศบาล"
    assert closed.absent.__class__.objects.get(pk=closed.absent.pk).present is False


def test_a_submitted_score_is_corrected_on_its_frozen_submission(submitted, office):
    submission = submitted.submissions.get()
    sub = submission.scores[0]["subcriterion"]
    c = correction_record(target=submission, field=f"score:{sub}", value="28", reason="สลับหลัก", by=office)
    assert (c.original, c.value) == ("80.00", "28.00")
    with pytest.raises(CorrectionError):
        correction_record(target=submission, field=f"score:{sub}", value="101", reason="x", by=office)
    with pytest.raises(CorrectionError):
        correction_record(target=submission, field="score:999999", value="50", reason="x", by=office)


@pytest.mark.parametrize("case", ["not_staff", "no_reason", "bad_kind", "unchanged", "bad_field", "future_meeting"])
def test_refused_corrections_say_why_and_write_nothing(closed, office, case):
    kwargs = {"target": closed.resolution, "field": "kind", "value": "not_approve", "reason": REASON, "by": office}
    expected = {"not_staff": "forbidden", "no_reason": "invalid", "bad_kind": "invalid", "unchanged": "unchanged",
                "bad_field": "invalid", "future_meeting": "invalid"}[case]
    if case == "not_staff":
        kwargs["by"] = closed.chair
    elif case == "no_reason":
        kwargs["reason"] = "  "
    elif case == "bad_kind":
        kwargs["value"] = "maybe"
    elif case == "unchanged":
        kwargs["value"] = "approve"
    elif case == "bad_field":
        kwargs["field"] = "recorded_by"
    else:
        kwargs["meeting"] = paths.meeting("subcommittee", timezone.now() + datetime.timedelta(days=3))
    with pytest.raises(CorrectionError) as caught:
        correction_record(**kwargs)
    assert caught.value.code == expected
    assert caught.value.message
    assert not Correction.objects.exists()


def test_attendance_of_an_open_meeting_is_recorded_again_not_corrected(open_item, office):
    row = open_item.meeting.attendance.first()
    with pytest.raises(CorrectionError) as caught:
        correction_record(target=row, field="present", value=False, reason=REASON, by=office)
    assert caught.value.code == "not_closed"


def test_refusals_read_in_thai(closed, office):
    from django.utils import translation

    with translation.override("th"), pytest.raises(CorrectionError) as caught:
        correction_record(target=closed.resolution, field="kind", value="not_approve", reason="", by=office)
    assert "เหตุผล" in caught.value.message


# --- the page -----------------------------------------------------------------------------------


def page_url(closed):
    return reverse("correction-new", args=["resolution", closed.resolution.pk])


def test_the_page_is_the_office_s_alone(client, closed):
    for user in (closed.chair, UserFactory()):
        client.force_login(user)
        assert client.get(page_url(closed)).status_code == 404
        assert client.post(page_url(closed), {"kind": "not_approve"}).status_code == 404
    assert not Correction.objects.exists()


def test_the_page_asks_to_confirm_and_records_the_correction(client, closed, office):
    client.force_login(office)
    client.cookies["django_language"] = "en"
    page = client.get(page_url(closed))
    body = page.content.decode()
    assert page.status_code == 200
    assert "does not move the proposal" in body
    ordered_by = later_meeting(closed, days=-1)
    # The text comes back as a browser sends a textarea (CRLF): unchanged, so not corrected.
    assert "\n" in closed.resolution.text
    data = {"kind": "not_approve", "text": closed.resolution.text.replace("\n", "\r\n"), "reason": REASON,
            "meeting": ordered_by.pk}
    unconfirmed = client.post(page_url(closed), data)
    assert unconfirmed.status_code == 200 and not Correction.objects.exists()
    response = client.post(page_url(closed), {**data, "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("agenda-item", args=[closed.item.pk])
    c = Correction.objects.get()
    assert (c.resolution_id, c.field, c.original, c.value, c.ordered_by, c.by) == (
        closed.resolution.pk, "kind", "approve", "not_approve", ordered_by, office)


def test_the_page_refuses_when_nothing_changed(client, closed, office):
    client.force_login(office)
    client.cookies["django_language"] = "en"
    response = client.post(page_url(closed), {"kind": "approve", "text": closed.resolution.text, "reason": REASON,
                                              "confirm": "on"})
    assert response.status_code == 200
    assert "Nothing was changed" in response.content.decode()
    assert not Correction.objects.exists()


def test_item_and_meeting_pages_show_the_original_and_the_correction(client, closed, office):
    correction_record(target=closed.resolution, field="kind", value="not_approve", reason=REASON, by=office,
                      meeting=later_meeting(closed, days=-1))
    client.force_login(closed.chair)
    client.cookies["django_language"] = "th"
    item = client.get(reverse("agenda-item", args=[closed.item.pk])).content.decode()
    assert '<dd class="resolution-kind">ไม่เห็นชอบ</dd>' in item  # the effective resolution
    assert "ตามที่บันทึกไว้เดิม: เห็นชอบ" in item and REASON in item  # and what was recorded
    assert reverse("correction-new", args=["resolution", closed.resolution.pk]) not in item  # members read only
    meeting = client.get(reverse("meeting-detail", args=[closed.meeting.pk])).content.decode()
    assert "มติ: ไม่เห็นชอบ <span class=\"corrected-mark\">(แก้ไขแล้ว)</span>" in meeting and REASON in meeting


def test_the_timeline_shows_the_correction_beside_the_decision(client, closed, office):
    correction_record(target=closed.resolution, field="kind", value="not_approve", reason=REASON, by=office)
    client.force_login(office)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("proposal-detail", args=[closed.proposal.pk])).content.decode()
    assert "Resolution corrected on" in body and REASON in body
    assert "<del>Approve</del>" in body and "<ins>Not approve</ins>" in body


def test_the_minutes_show_the_resolution_as_recorded_and_its_correction(client, closed, office):
    ordered_by = later_meeting(closed, days=-1)
    correction_record(target=closed.resolution, field="kind", value="not_approve", reason=REASON, by=office,
                      meeting=ordered_by)
    correction_record(target=closed.absent, field="present", value=True, reason="มาถึงก่อนลงมติ", by=office)
    client.force_login(office)
    client.cookies["django_language"] = "th"
    text = pdf_text(client.get(reverse("meeting-minutes", args=[closed.meeting.pk])).content)
    assert "มติ เห็นชอบ" in text.replace("\n", " ").replace(":", "")  # as recorded
    assert "“เห็นชอบ” → “ไม่เห็นชอบ”" in text
    assert REASON in text
    assert f"ครั้งที่ {ordered_by.label}" in text
    assert "มาถึงก่อนลงมติ" in text


def test_the_api_gives_the_resolution_as_corrected(client, closed, office):
    correction_record(target=closed.resolution, field="kind", value="not_approve", reason=REASON, by=office)
    client.force_login(closed.chair)
    data = client.get(reverse("v1-meeting-detail", args=[closed.meeting.pk])).json()
    assert [item["resolution"] for item in data["agenda"]] == ["not_approve"]
