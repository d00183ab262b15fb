"""Time runs one way: attendance is recorded on or after the meeting's start, never ahead of it."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.thai import thai_date
from reviews.meetings.services import attendance_record
from reviews.models import Attendance

from .helpers import body, held, in_days, schedule, seat

pytestmark = pytest.mark.django_db


def test_attendance_ahead_of_the_meeting_is_refused_naming_its_start():
    sub = body()
    secretary, member = seat(sub, role="secretary"), seat(sub)
    meeting = schedule(sub, in_days(14))
    start = timezone.localtime(meeting.held_at)

    with pytest.raises(ValidationError) as exc:
        attendance_record(meeting=meeting, present_ids=[secretary.pk, member.pk], by=secretary)

    assert exc.value.code == "not_started"
    assert exc.value.messages == [
        f"The meeting starts on {start.day} {start:%B %Y} at {start:%H:%M}: attendance is recorded from its start."
    ]
    assert not Attendance.objects.exists()


def test_the_page_says_when_and_a_post_ahead_records_nothing(client):
    sub = body()
    secretary = seat(sub, role="secretary")
    meeting = schedule(sub, in_days(14))
    url = reverse("meeting-attendance", args=[meeting.pk])
    client.force_login(secretary)
    start = timezone.localtime(meeting.held_at)
    said = f"การประชุมเริ่มวันที่ {thai_date(start)} เวลา {start:%H:%M} น. บันทึกการเข้าประชุมได้ตั้งแต่เริ่มการประชุม"

    page = client.get(url).content.decode()
    assert said in page
    assert 'name="present"' not in page

    response = client.post(url, {"present": [secretary.pk]})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [said]
    assert not Attendance.objects.exists()


def test_once_started_attendance_is_recorded():
    sub = body()
    secretary = seat(sub, role="secretary")
    meeting = held(sub, days_ago=1)
    assert attendance_record(meeting=meeting, present_ids=[secretary.pk], by=secretary) == 1


def test_the_admin_records_no_attendance_ahead_of_the_meeting_naming_its_start(client):
    """The admin is a door too: its add form, and a change that moves a row to a meeting ahead,
    are refused with the service's reason and write nothing."""
    from tests.admin.conftest import url
    from tests.factories import StaffFactory

    sub = body()
    member = seat(sub)
    ahead = schedule(sub, in_days(14))
    client.force_login(StaffFactory())
    client.cookies["django_language"] = "en"
    start = timezone.localtime(ahead.held_at)
    said = f"The meeting starts on {start.day} {start:%B %Y} at {start:%H:%M}: attendance is recorded from its start."
    data = {"meeting": ahead.pk, "member": member.pk, "present": "on",
            "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0"}

    response = client.post(url(Attendance, "add"), data)

    assert response.status_code == 200  # the form again, with the reason
    assert said in response.content.decode()
    assert not Attendance.objects.exists()

    # A row of a meeting held yesterday cannot be moved onto the meeting ahead either.
    past = held(sub, days_ago=1)
    row = Attendance.objects.create(meeting=past, member=member, present=True, recorded_by=member)
    response = client.post(url(Attendance, "change", row.pk), data)
    assert response.status_code == 200
    assert said in response.content.decode()
    assert Attendance.objects.get(pk=row.pk).meeting_id == past.pk
