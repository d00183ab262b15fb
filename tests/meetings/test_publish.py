"""The secretary (or the Office) publishes the agenda, opens voting and publishes the minutes from the meeting page.

Members are told in their own language, each once however often it is posted;
a plain member or the chair is refused (403), a stranger does not see the meeting (404).
"""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse

from applications.enums import State
from notifications.kinds import Kind
from notifications.models import Notification
from reviews.meetings.services import agenda_add
from tests import paths
from tests.factories import StaffFactory, proponent

from .helpers import body, held, in_days, schedule, seat


def publish_url(meeting, what):
    return reverse("meeting-publish", args=[meeting.pk, what])


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def ready_meeting(when=None, **kwargs):
    sub = body()
    meeting = schedule(sub, when or in_days(10), **kwargs) if not kwargs.pop("past", False) else held(sub, 2)
    agenda_add(meeting=meeting, proposal=paths.bring_to(State.ON_AGENDA))
    return sub, meeting


@pytest.mark.django_db
def test_secretary_publishes_the_agenda_members_told_in_their_language_once(
    client, django_capture_on_commit_callbacks, tasks_in_process,
):
    sub, meeting = ready_meeting()
    secretary = seat(sub, role="secretary")
    thai = seat(sub, role="chair")
    english = seat(sub, preferred_language="en")
    client.force_login(secretary)
    mail.outbox.clear()

    confirm = client.get(publish_url(meeting, "agenda")).content.decode()
    assert "เผยแพร่ระเบียบวาระ" in confirm and "csrfmiddlewaretoken" in confirm
    assert not Notification.objects.filter(kind=Kind.AGENDA_PUBLISHED).exists()  # GET only asks

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(publish_url(meeting, "agenda"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("meeting-detail", args=[meeting.pk])
    assert texts(response) == ["เผยแพร่ระเบียบวาระการประชุมแล้ว: แจ้งกรรมการ 3 คน"]
    rows = Notification.objects.filter(kind=Kind.AGENDA_PUBLISHED)
    assert dict(rows.values_list("recipient_id", "language")) == {secretary.pk: "th", thai.pk: "th", english.pk: "en"}
    en_mail = next(m for m in mail.outbox if m.to == [english.email])
    assert en_mail.subject == f"[Smart City Thailand] Agenda of meeting no. {meeting.label}, {sub.name_en}"
    th_mail = next(m for m in mail.outbox if m.to == [thai.email])
    assert th_mail.subject == f"[เมืองอัจฉริยะประเทศไทย] ระเบียบวาระการประชุมครั้งที่ {meeting.label} {sub.name_th}"
    assert len(mail.outbox) == 3

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(publish_url(meeting, "agenda"), follow=True)
    assert texts(again) == ["กรรมการทุกคนได้รับแจ้งแล้ว: ไม่มีผู้ใดได้รับแจ้งซ้ำ"]
    assert rows.count() == 3 and len(mail.outbox) == 3

    page = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert publish_url(meeting, "voting") in page
    assert "ยังไม่ได้แจ้ง" in page  # voting and minutes not sent yet


@pytest.mark.django_db
def test_a_member_seated_after_publication_is_told_on_the_next_one_and_only_they(client):
    sub, meeting = ready_meeting()
    secretary = seat(sub, role="secretary")
    client.force_login(secretary)
    client.post(publish_url(meeting, "voting"), follow=True)
    late = seat(sub)
    response = client.post(publish_url(meeting, "voting"), follow=True)
    assert texts(response) == ["เปิดลงมติแล้ว: แจ้งกรรมการ 1 คน"]
    assert list(Notification.objects.filter(kind=Kind.VOTING_OPEN).values_list("recipient_id", flat=True)
                .order_by("pk")) == [secretary.pk, late.pk]


@pytest.mark.django_db
def test_staff_publish_the_minutes_after_the_meeting_not_before(client):
    sub = body()
    member = seat(sub)
    past = held(sub, days_ago=2)  # a meeting in the past is refused by the service (issue 15)
    future = schedule(sub, in_days(10))
    client.force_login(StaffFactory())

    refused = client.post(publish_url(future, "minutes"), follow=True)
    assert texts(refused) == ["การประชุมยังไม่ได้จัดขึ้น: ยังไม่มีรายงานการประชุมให้เผยแพร่"]
    assert not Notification.objects.filter(kind=Kind.MINUTES).exists()

    done = client.post(publish_url(past, "minutes"), follow=True)
    assert texts(done) == ["เผยแพร่รายงานการประชุมแล้ว: แจ้งกรรมการ 1 คน"]
    assert list(Notification.objects.filter(kind=Kind.MINUTES).values_list("recipient_id", flat=True)) == [member.pk]


@pytest.mark.django_db
def test_an_empty_agenda_is_not_published_nor_voted_on(client):
    sub = body()
    secretary = seat(sub, role="secretary")
    meeting = schedule(sub, in_days(10))
    client.force_login(secretary)
    for what in ("agenda", "voting"):
        response = client.post(publish_url(meeting, what), follow=True)
        assert response.redirect_chain == [(reverse("meeting-detail", args=[meeting.pk]), 302)]
        assert texts(response)[0].startswith("ยังไม่มีเรื่องในระเบียบวาระ")
    assert not Notification.objects.filter(kind__in=[Kind.AGENDA_PUBLISHED, Kind.VOTING_OPEN]).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("what", ["agenda", "voting", "minutes"])
def test_a_plain_member_or_the_chair_get_403_a_stranger_404(client, what):
    sub, meeting = ready_meeting(past=True)
    member, chair = seat(sub), seat(sub, role="chair")
    for user in (member, chair):
        client.force_login(user)
        assert client.get(publish_url(meeting, what)).status_code == 403
        assert client.post(publish_url(meeting, what)).status_code == 403
        page = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
        assert publish_url(meeting, what) not in page
    for stranger in (proponent(), seat(body("committee"), role="secretary")):
        client.force_login(stranger)
        assert client.get(publish_url(meeting, what)).status_code == 404
        assert client.post(publish_url(meeting, what)).status_code == 404
    assert not Notification.objects.filter(kind__in=[Kind.AGENDA_PUBLISHED, Kind.VOTING_OPEN, Kind.MINUTES]).exists()


@pytest.mark.django_db
def test_unknown_publication_is_404_and_a_post_without_csrf_token_is_refused():
    sub, meeting = ready_meeting()
    secretary = seat(sub, role="secretary")
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretary)
    assert client.get(publish_url(meeting, "everything")).status_code == 404
    assert client.post(publish_url(meeting, "agenda")).status_code == 403
    assert not Notification.objects.filter(kind=Kind.AGENDA_PUBLISHED).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_secretary_meeting_page_queries_do_not_grow_with_members_or_publications(
    client, django_assert_num_queries, n,
):
    sub, meeting = ready_meeting()
    secretary = seat(sub, role="secretary")
    for _ in range(n - 1):
        seat(sub)
    client.force_login(secretary)
    client.post(publish_url(meeting, "agenda"))
    client.post(publish_url(meeting, "voting"))
    # session, user, my seats, meeting, roll call, agenda, what was published, the meeting's opening and
    # the earlier meeting whose minutes it may certify (issue 15), unread notifications (the header)
    with django_assert_num_queries(10):
        response = client.get(reverse("meeting-detail", args=[meeting.pk]))
    assert [p["at"] is not None for p in response.context["publications"]] == [True, True, False]


@pytest.mark.django_db
def test_staff_publish_from_the_meeting_admin_after_confirming_once_each(client):
    sub, meeting = ready_meeting()
    english = seat(sub, preferred_language="en")
    empty = schedule(sub, in_days(12))
    client.force_login(StaffFactory())
    changelist = reverse("admin:reviews_meeting_changelist")
    chosen = {"action": "publish_agenda", "_selected_action": [meeting.pk, empty.pk]}

    confirm = client.post(changelist, chosen)
    assert confirm.status_code == 200
    assert "เผยแพร่ระเบียบวาระ" in confirm.content.decode() and 'name="post" value="yes"' in confirm.content.decode()
    assert not Notification.objects.filter(kind=Kind.AGENDA_PUBLISHED).exists()  # asked, not done

    done = client.post(changelist, {**chosen, "post": "yes"}, follow=True)
    said = texts(done)
    assert f"{meeting}: เผยแพร่ระเบียบวาระการประชุมแล้ว: แจ้งกรรมการ 1 คน" in said
    assert any(t.startswith(f"{empty}: ยังไม่มีเรื่องในระเบียบวาระ") for t in said)
    row = Notification.objects.get(kind=Kind.AGENDA_PUBLISHED)
    assert (row.recipient_id, row.language) == (english.pk, "en")
    assert row.subject.startswith("[Smart City Thailand] Agenda of meeting no.")

    again = client.post(changelist, {**chosen, "post": "yes"}, follow=True)
    assert f"{meeting}: กรรมการทุกคนได้รับแจ้งแล้ว: ไม่มีผู้ใดได้รับแจ้งซ้ำ" in texts(again)
    assert Notification.objects.filter(kind=Kind.AGENDA_PUBLISHED).count() == 1
