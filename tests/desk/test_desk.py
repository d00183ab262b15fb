"""The meeting desk (issue 15, item 1): schedule, agenda, postpone, cancel — through the services."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from applications.enums import State
from core.thai import be_year
from notifications.kinds import Kind
from notifications.models import Notification
from reviews.meetings.schedule import meeting_cancel, meeting_postpone
from reviews.meetings.services import agenda_add
from reviews.models import AgendaItem, Attendance, ConflictDeclaration, Meeting
from tests import paths
from tests.factories import StaffFactory, UserFactory
from tests.meetings.helpers import body, held, in_days, schedule, seat


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def typed(when):
    """The date and time as a Thai officer types them: 17/12/2569, 09:30."""
    local = timezone.localtime(when)
    return {"held_at_0": f"{local.day:02d}/{local.month:02d}/{be_year(local.year)}",
            "held_at_1": local.strftime("%H:%M")}


@pytest.fixture
def office(client):
    staff = StaffFactory()
    client.force_login(staff)
    client.staff = staff
    return client


@pytest.mark.django_db
def test_staff_schedule_a_meeting_typing_a_buddhist_era_date(office):
    sub = body()
    member = seat(sub)
    when = in_days(20, hour=13)
    response = office.post(reverse("desk-schedule"), {"body": sub.pk, "place": "https://meet.depa.or.th/x",
                                                      **typed(when)})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == reverse("desk-meeting", args=[meeting.pk])
    assert (meeting.held_at, meeting.label, meeting.created_by) == (when, f"1/{be_year(when.year)}", office.staff)
    assert list(Notification.objects.filter(kind=Kind.MEETING_NOTICE).values_list("recipient", "meeting_id")) == [
        (member.pk, meeting.pk)]


@pytest.mark.django_db
def test_a_meeting_in_the_past_is_refused_and_nothing_saved(office):
    response = office.post(reverse("desk-schedule"), {"body": body().pk, "place": "ห้อง 1", **typed(in_days(-1))})
    assert response.status_code == 200
    assert "ผ่านไปแล้ว: การประชุมต้องนัดในวันที่ยังมาไม่ถึง" in response.content.decode()
    assert not Meeting.objects.exists() and not Notification.objects.exists()


@pytest.mark.django_db
def test_a_typed_impossible_year_is_refused_with_both_readings(office):
    response = office.post(reverse("desk-schedule"), {"body": body().pk, "place": "ห้อง 1",
                                                      "held_at_0": "17/12/3112", "held_at_1": "09:30"})
    assert response.status_code == 200
    assert "ปี 3112 ไม่น่าจะถูกต้อง: ถ้าเป็น พ.ศ. คือ ค.ศ. 2569 ถ้าเป็น ค.ศ. คือ พ.ศ. 3655" in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_a_second_meeting_never_gets_the_same_number():
    first = schedule(body(), in_days(10))
    second = schedule(body(), in_days(11))
    assert (first.number, second.number) == (1, 2)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(body=first.body, year_be=first.year_be, number=1, held_at=in_days(12))
    assert Meeting.objects.count() == 2


@pytest.mark.django_db
def test_the_desk_is_the_offices_only(client):
    meeting = schedule(body(), in_days(10))
    member = seat(body())
    for user in (member, UserFactory()):
        client.force_login(user)
        for url in (reverse("desk"), reverse("desk-meeting", args=[meeting.pk]),
                    reverse("desk-postpone", args=[meeting.pk]), reverse("desk-cancel", args=[meeting.pk])):
            assert client.get(url).status_code == 404, url
        assert client.post(reverse("desk-cancel", args=[meeting.pk]), {"reason": "x"}).status_code == 404
    assert Meeting.objects.get().cancelled_at is None


@pytest.mark.django_db
def test_staff_build_order_and_trim_the_agenda_from_the_proposals_the_body_takes(office):
    meeting = schedule(body(), in_days(10))
    a, b = paths.bring_to(State.ON_AGENDA), paths.bring_to(State.ON_AGENDA)
    approved = paths.bring_to(State.APPROVED)  # the committee's, not the subcommittee's
    page = office.get(reverse("desk-meeting", args=[meeting.pk]))
    assert {p.pk for p in page.context["page"].object_list} == {a.pk, b.pk}
    for p in (a, b):
        office.post(reverse("desk-agenda-add", args=[meeting.pk]), {"proposal": p.pk})
    refused = office.post(reverse("desk-agenda-add", args=[meeting.pk]), {"proposal": approved.pk})
    assert "cannot go on this agenda" in " ".join(texts(refused)) or "บรรจุ" in " ".join(texts(refused)) or texts(
        refused)
    assert list(meeting.agenda.order_by("order").values_list("proposal", flat=True)) == [a.pk, b.pk]

    second = meeting.agenda.get(proposal=b)
    office.post(reverse("desk-agenda-item", args=[second.pk, "up"]))
    assert list(meeting.agenda.order_by("order").values_list("proposal", flat=True)) == [b.pk, a.pk]
    office.post(reverse("desk-agenda-item", args=[second.pk, "remove"]))
    assert list(meeting.agenda.values_list("proposal", flat=True)) == [a.pk]
    page = office.get(reverse("desk-meeting", args=[meeting.pk])).content.decode()
    assert f'href="{reverse("proposal-detail", args=[a.pk])}"' in page


@pytest.mark.django_db
def test_a_conflicted_officer_sees_no_dossier_link(office):
    meeting = held(body(), days_ago=1)
    proposal = paths.bring_to(State.ON_AGENDA)
    item = agenda_add(meeting=meeting, proposal=proposal)
    ConflictDeclaration.objects.create(agenda_item=item, member=office.staff, reason="ญาติ")
    later = schedule(body(), in_days(10))
    page = office.get(reverse("desk-meeting", args=[later.pk]))
    candidate = next(p for p in page.context["page"].object_list if p.pk == proposal.pk)
    assert candidate.dossier is False
    assert f'href="{reverse("proposal-detail", args=[proposal.pk])}"' not in page.content.decode()


@pytest.mark.django_db
def test_the_candidates_list_is_paged_and_its_queries_do_not_grow(office, django_assert_max_num_queries):
    meeting = schedule(body(), in_days(10))
    for _ in range(2):
        paths.bring_to(State.ON_AGENDA)
    with django_assert_max_num_queries(14) as few:
        office.get(reverse("desk-meeting", args=[meeting.pk]))
    for _ in range(3):
        agenda_add(meeting=meeting, proposal=paths.bring_to(State.ON_AGENDA))
        paths.bring_to(State.ON_AGENDA)
    with django_assert_max_num_queries(len(few.captured_queries)):
        office.get(reverse("desk-meeting", args=[meeting.pk]))
    with django_assert_max_num_queries(len(few.captured_queries)):
        office.get(reverse("desk"))


@pytest.mark.django_db
def test_postponing_keeps_the_number_and_tells_each_member_in_their_language(office):
    sub = body()
    thai, english = seat(sub), seat(sub, preferred_language="en")
    meeting = schedule(sub, in_days(10))
    new = in_days(15, hour=14)
    response = office.post(reverse("desk-postpone", args=[meeting.pk]),
                           {"place": "ห้อง 2", "reason": "ประธานติดภารกิจ", **typed(new)})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.number, meeting.held_at, meeting.postponed_from, meeting.place) == (1, new, in_days(10), "ห้อง 2")
    told = {n.recipient_id: n for n in Notification.objects.filter(kind=Kind.MEETING_POSTPONED)}
    assert set(told) == {thai.pk, english.pk}
    assert told[thai.pk].subject.endswith(f"เลื่อนการประชุมครั้งที่ {meeting.label} {sub.name_th}")
    assert "ประธานติดภารกิจ" in told[thai.pk].body
    assert told[english.pk].subject == f"[Smart City Thailand] Meeting no. {meeting.label} postponed, {sub.name_en}"


@pytest.mark.django_db
def test_postponing_into_the_past_or_another_year_is_refused_and_nothing_changes():
    meeting = schedule(body(), in_days(10))
    seat(body())
    staff = StaffFactory()
    for when in (in_days(-1), in_days(10)):
        with pytest.raises(ValidationError):
            meeting_postpone(meeting=meeting, held_at=when, by=staff)
    year_later = in_days(10) + datetime.timedelta(days=366)
    with pytest.raises(ValidationError) as refused:
        meeting_postpone(meeting=meeting, held_at=year_later, by=staff)
    assert "cannot move to another year" in str(refused.value)
    meeting.refresh_from_db()
    assert (meeting.held_at, meeting.postponed_from) == (in_days(10), None)
    assert not Notification.objects.filter(kind=Kind.MEETING_POSTPONED).exists()


@pytest.mark.django_db
def test_cancelling_tells_every_member_why_and_keeps_the_meeting(office):
    sub = body()
    thai, english = seat(sub), seat(sub, preferred_language="en")
    meeting = schedule(sub, in_days(10))
    refused = office.post(reverse("desk-cancel", args=[meeting.pk]), {"reason": " "})
    assert refused.status_code == 200 and Meeting.objects.get().cancelled_at is None

    office.post(reverse("desk-cancel", args=[meeting.pk]), {"reason": "งดประชุมตามมติ ครม."})
    meeting.refresh_from_db()
    assert (meeting.cancelled_by, meeting.cancellation_reason) == (office.staff, "งดประชุมตามมติ ครม.")
    told = {n.recipient_id: n for n in Notification.objects.filter(kind=Kind.MEETING_CANCELLED)}
    assert set(told) == {thai.pk, english.pk}
    assert "เหตุผล: งดประชุมตามมติ ครม." in told[thai.pk].body
    assert "Reason: งดประชุมตามมติ ครม." in told[english.pk].body

    # The members' inbox says so, instead of a link to the meeting; the meeting page says so too.
    office.force_login(thai)
    inbox = office.get(reverse("notification-list")).content.decode()
    assert f"การประชุมครั้งที่ {meeting.label} ถูกยกเลิกเมื่อวันที่" in inbox
    assert office.get(reverse("meeting-detail", args=[meeting.pk])).status_code == 200

    # Nothing more is done with it.
    staff = StaffFactory()
    for act in (lambda: meeting_postpone(meeting=meeting, held_at=in_days(12), by=staff),
                lambda: meeting_cancel(meeting=meeting, by=staff, reason="again"),
                lambda: agenda_add(meeting=meeting, proposal=paths.bring_to(State.ON_AGENDA))):
        with translation.override("en"), pytest.raises(ValidationError) as refused:
            act()
        assert refused.value.messages == [f"Meeting {meeting.label} was cancelled: nothing more is done with it."]


@pytest.mark.django_db
def test_a_meeting_that_took_place_cannot_be_cancelled():
    meeting = held(body())
    member = seat(body())
    Attendance.objects.create(meeting=meeting, member=member, present=True, recorded_by=StaffFactory())
    with pytest.raises(ValidationError) as refused:
        meeting_cancel(meeting=meeting, by=StaffFactory(), reason="x")
    assert "has taken place" in str(refused.value)
    assert Meeting.objects.get().cancelled_at is None


@pytest.mark.django_db
def test_the_admin_offers_no_delete_and_a_read_only_date(office):
    meeting = schedule(body(), in_days(10))
    assert office.get(reverse("admin:reviews_meeting_delete", args=[meeting.pk])).status_code == 403
    page = office.get(reverse("admin:reviews_meeting_change", args=[meeting.pk])).content.decode()
    assert 'name="held_at_0"' not in page
    assert reverse("desk-meeting", args=[meeting.pk]) in page
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert AgendaItem.objects.count() == 0


@pytest.mark.django_db
def test_a_cancelled_meeting_is_reminded_of_no_more():
    from reviews.tasks import meetings_remind

    sub = body()
    member = seat(sub)
    kept = schedule(sub, in_days(2), notice_override_reason="เรื่องด่วน")
    cancelled = schedule(sub, in_days(2, hour=14), notice_override_reason="เรื่องด่วน")
    meeting_cancel(meeting=cancelled, by=StaffFactory(), reason="งดประชุม")
    meetings_remind(now=timezone.now())
    reminded = Notification.objects.filter(kind=Kind.MEETING_REMINDER)
    assert list(reminded.values_list("recipient", "meeting_id")) == [(member.pk, kept.pk)]


@pytest.mark.django_db
def test_the_admin_refuses_a_meeting_in_the_past_too(office):
    office.cookies["django_language"] = "en"
    past = timezone.localtime(in_days(-2))
    response = office.post(reverse("admin:reviews_meeting_add"), {
        "body": body().pk, "held_at_0": past.strftime("%d/%m/%Y"), "held_at_1": "09:30", "place": "ห้อง 1",
        "agenda-TOTAL_FORMS": "0", "agenda-INITIAL_FORMS": "0", "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "1000",
    })
    assert response.status_code == 200
    assert "has passed: a meeting is called for a date to come." in response.content.decode()
    assert not Meeting.objects.exists()
