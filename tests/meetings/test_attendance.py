"""The secretary (or staff) records who is present; nobody else."""

import pytest
from django.urls import reverse

from reviews.models import Attendance
from tests.factories import StaffFactory

from .helpers import body, held, seat


def present_map(meeting):
    return dict(Attendance.objects.filter(meeting=meeting).values_list("member_id", "present"))


@pytest.mark.django_db
def test_secretary_records_attendance_and_can_correct_it(client):
    sub = body()
    secretary = seat(sub, role="secretary")
    chair = seat(sub, role="chair")
    member = seat(sub)
    meeting = held(sub)
    url = reverse("meeting-attendance", args=[meeting.pk])
    client.force_login(secretary)

    page = client.get(url).content.decode()
    assert f'value="{member.pk}"' in page

    response = client.post(url, {"present": [chair.pk, secretary.pk]})
    assert response.status_code == 302
    assert present_map(meeting) == {chair.pk: True, secretary.pk: True, member.pk: False}
    assert set(Attendance.objects.values_list("recorded_by", flat=True)) == {secretary.pk}

    client.post(url, {"present": [member.pk, chair.pk, secretary.pk]})  # the member arrived late
    assert present_map(meeting) == {chair.pk: True, secretary.pk: True, member.pk: True}
    assert Attendance.objects.count() == 3

    detail = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert "มาประชุม 3 คน จากกรรมการทั้งหมด 3 คน" in detail


@pytest.mark.django_db
def test_staff_may_record_attendance(client):
    sub = body()
    member = seat(sub)
    meeting = held(sub)
    client.force_login(StaffFactory())
    client.post(reverse("meeting-attendance", args=[meeting.pk]), {"present": []})
    assert present_map(meeting) == {member.pk: False}


@pytest.mark.django_db
def test_a_plain_member_or_the_chair_may_not_record_attendance(client):
    sub = body()
    member, chair = seat(sub), seat(sub, role="chair")
    meeting = held(sub)
    url = reverse("meeting-attendance", args=[meeting.pk])
    for user in (member, chair):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"present": [user.pk]}).status_code == 403
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_only_members_of_the_body_can_be_ticked(client):
    sub = body()
    secretary = seat(sub, role="secretary")
    outsider = seat(body("committee"))
    meeting = held(sub)
    client.force_login(secretary)
    response = client.post(reverse("meeting-attendance", args=[meeting.pk]), {"present": [outsider.pk]})
    assert response.status_code == 200  # the form shows the error
    assert not Attendance.objects.exists()
