"""Staff schedule meetings in the admin; numbering and notice go through the service."""

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.enums import State
from notifications.models import Notification
from reviews.models import AgendaItem, Meeting, Vote
from tests import paths
from tests.factories import StaffFactory

from .helpers import body, in_days, schedule, seat

ADD = reverse("admin:reviews_meeting_add")


def form(held_at, *, reason="", proposals=()):
    data = {
        "body": body().pk,
        "held_at_0": held_at.strftime("%Y-%m-%d"),
        "held_at_1": held_at.strftime("%H:%M:%S"),
        "place": "ห้องประชุม depa",
        "notice_override_reason": reason,
        "agenda-TOTAL_FORMS": str(len(proposals)),
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "1000",
    }
    for i, p in enumerate(proposals):
        data[f"agenda-{i}-order"] = str(i + 1)
        data[f"agenda-{i}-proposal"] = str(p.pk)
    return data


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.django_db
def test_staff_schedule_a_meeting_with_its_agenda_numbered_and_noticed(en):
    staff = StaffFactory()
    member = seat(body())
    on_agenda = paths.bring_to(State.ON_AGENDA)
    en.force_login(staff)
    assert en.get(ADD).status_code == 200

    response = en.post(ADD, form(in_days(10), proposals=[on_agenda]))

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get()
    assert (meeting.number, meeting.created_by, meeting.notice_sent_at is not None) == (1, staff, True)
    assert list(meeting.agenda.values_list("proposal", flat=True)) == [on_agenda.pk]
    assert list(Notification.objects.filter(event="meeting.notice").values_list("recipient", flat=True)) == [member.pk]
    assert en.get(reverse("admin:reviews_meeting_change", args=[meeting.pk])).status_code == 200


@pytest.mark.django_db
def test_admin_refuses_short_notice_without_a_reason_and_accepts_it_with_one(en):
    en.force_login(StaffFactory())
    response = en.post(ADD, form(in_days(1)))
    assert response.status_code == 200
    assert "at least 3 days before the meeting" in response.content.decode()
    assert not Meeting.objects.exists()

    en.post(ADD, form(in_days(1), reason="เรื่องด่วน"))
    assert Meeting.objects.get().notice_override_reason == "เรื่องด่วน"


@pytest.mark.django_db
def test_admin_agenda_takes_only_proposals_the_body_decides_on(en):
    en.force_login(StaffFactory())
    screening = paths.bring_to(State.SCREENING)
    response = en.post(ADD, form(in_days(10), proposals=[screening]))
    assert response.status_code == 200
    assert "cannot go on this agenda" in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("why", ["voted", "closed"])
def test_an_item_with_votes_or_closed_cannot_be_removed_in_the_admin(en, why):
    sub = body()
    voter = seat(sub)
    meeting = schedule(sub, in_days(10))
    item = AgendaItem.objects.create(meeting=meeting, proposal=paths.bring_to(State.ON_AGENDA), order=1)
    if why == "voted":
        Vote.objects.create(agenda_item=item, member=voter, choice="approve")
    else:
        AgendaItem.objects.filter(pk=item.pk).update(closed_at=timezone.now(), closed_by=voter)
    en.force_login(StaffFactory())
    url = reverse("admin:reviews_meeting_change", args=[meeting.pk])
    data = {
        "held_at_0": meeting.held_at.astimezone(in_days(0).tzinfo).strftime("%Y-%m-%d"),
        "held_at_1": meeting.held_at.astimezone(in_days(0).tzinfo).strftime("%H:%M:%S"),
        "place": meeting.place,
        "agenda-TOTAL_FORMS": "1", "agenda-INITIAL_FORMS": "1",
        "agenda-MIN_NUM_FORMS": "0", "agenda-MAX_NUM_FORMS": "1000",
        "agenda-0-id": str(item.pk), "agenda-0-meeting": str(meeting.pk),
        "agenda-0-order": "1", "agenda-0-proposal": str(item.proposal_id), "agenda-0-DELETE": "on",
    }
    response = en.post(url, data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    errors = " ".join(formset.non_form_errors())
    # A vote is also protected by the database (Django's own message); a closed item by our rule.
    assert ("protected related objects: vote" if why == "voted" else "Item 1 is closed") in errors
    assert AgendaItem.objects.filter(pk=item.pk).exists()
