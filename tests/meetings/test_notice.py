"""Notice goes out on creation, at least the body's notice days ahead, unless a reason is recorded."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from notifications.models import Notification
from reviews.models import Meeting

from .helpers import body, in_days, schedule, seat


@pytest.mark.django_db
def test_shorter_notice_than_the_body_allows_is_refused_with_the_days():
    with pytest.raises(ValidationError) as exc:
        schedule(when=in_days(2))
    assert exc.value.messages == [
        "Notice must go out at least 3 days before the meeting. "
        "Choose a later date, or give the reason for the short notice: it goes into the record."
    ]
    assert not Meeting.objects.exists()
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_notice_days_are_configurable_per_body_and_the_message_is_thai_on_thai_pages():
    sub = body()
    sub.notice_days = 7
    sub.save()
    with translation.override("th"), pytest.raises(ValidationError) as exc:
        schedule(sub, when=in_days(5))
    assert "7 วัน" in exc.value.messages[0]
    assert schedule(sub, when=in_days(8)).number == 1


@pytest.mark.django_db
def test_short_notice_with_a_reason_is_accepted_recorded_and_shown(client):
    member = seat(body())
    m = schedule(when=in_days(1), notice_override_reason="  เรื่องด่วนตามมติคณะรัฐมนตรี ")
    m.refresh_from_db()
    assert m.notice_override_reason == "เรื่องด่วนตามมติคณะรัฐมนตรี"

    client.force_login(member)
    page = client.get(reverse("meeting-detail", args=[m.pk])).content.decode()
    assert "เรื่องด่วนตามมติคณะรัฐมนตรี" in page


@pytest.mark.django_db
def test_one_notification_per_current_member_in_their_language_delivered_after_commit(
    django_capture_on_commit_callbacks, tasks_in_process
):
    sub = body()
    thai = seat(sub, role="chair", email="chair@example.go.th")
    english = seat(sub, role="secretary", email="sec@example.go.th", preferred_language="en")
    member = seat(sub, email="member@example.go.th")
    seat(sub, email="gone@example.go.th", since_days=800, until=in_days(-400).date())  # term over
    seat(sub, email="inactive@example.go.th", is_active=False)
    seat(body("committee"), email="other@example.go.th")  # another body

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        m = schedule(sub, when=in_days(10), place="https://meet.example.go.th/sub")
    assert len(callbacks) == 1

    rows = {n.recipient: n for n in Notification.objects.filter(event="meeting.notice")}
    assert set(rows) == {thai, english, member}
    assert rows[english].subject == f"[Smart City Thailand] Notice of meeting no. {m.label}, {sub.name_en}"
    assert "Your role: Secretary" in rows[english].body
    assert "https://meet.example.go.th/sub" in rows[english].body
    assert rows[thai].subject == f"[เมืองอัจฉริยะประเทศไทย] เชิญประชุมครั้งที่ {m.label} {sub.name_th}"
    assert "ประธาน" in rows[thai].body
    assert sorted(x.to[0] for x in mail.outbox) == ["chair@example.go.th", "member@example.go.th", "sec@example.go.th"]
