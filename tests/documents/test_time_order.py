"""Time runs one way (issue 14, item 4): a decision on or after its meeting, the committee's
acknowledgement at a meeting held after the subcommittee's approval, the emblem on or after the
acknowledgement; the city page dates each step by its act, not by the click that recorded it."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from applications.enums import State
from applications.workflow import TransitionError, transition
from core.thai import thai_date
from reviews.documents.services import acknowledge, certify
from reviews.meetings.services import agenda_add
from reviews.models import AgendaItem, Meeting, Resolution
from tests import paths
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
URL = "/reviews/committee/"


def ago(days=0, hours=0):
    return timezone.now() - datetime.timedelta(days=days, hours=hours)


def approved(days_ago):
    """A proposal the subcommittee approved at its meeting ``days_ago`` days ago."""
    # bring_to moves an hour apart from ``start``: the approval is the seventh step.
    proposal = paths.bring_to(State.APPROVED, start=ago(days_ago, 7))
    return proposal, approval_held(proposal)


def approval_held(proposal):
    return Resolution.objects.get(proposal=proposal, kind="approve").meeting.held_at


def committee(days_ago):
    return paths.meeting("committee", ago(days_ago))


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def options(html):
    select = re.search(r'<select name="ack-meeting".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="(\d+)"( selected)?', select)


# --- the committee page -----------------------------------------------------------------------


def test_the_page_offers_and_preselects_only_meetings_held_after_the_approval(client):
    proposal, _held = approved(days_ago=5)
    before, after, later = committee(20), committee(1), paths.meeting("committee", ago(-14))
    client.force_login(StaffFactory())

    html = client.get(URL).content.decode()

    assert options(html) == [(str(after.pk), " selected")]
    assert str(before.pk) not in dict(options(html)) and str(later.pk) not in dict(options(html))
    assert f"คณะอนุกรรมการเห็นชอบเมื่อวันที่ {thai_date(approval_held(proposal))}" in html


def test_a_meeting_before_the_approval_is_refused_naming_both_dates_and_leaves_nothing(client):
    proposal, held = approved(days_ago=5)
    before = committee(20)
    client.force_login(StaffFactory())

    response = client.post(URL, {"step": "acknowledge", "ack-meeting": before.pk, "ack-proposals": [proposal.pk]})

    assert response.status_code == 302
    [message] = texts(response)
    assert (
        f"การประชุมคณะกรรมการวันที่ {thai_date(before.held_at)} จัดก่อนมติอนุกรรมการวันที่ {thai_date(held)}"
    ) in message
    proposal.refresh_from_db()
    assert proposal.status == State.APPROVED
    assert not AgendaItem.objects.filter(meeting=before).exists()
    assert not Resolution.objects.filter(meeting=before).exists()


def test_one_batch_acknowledges_those_approved_before_the_meeting_and_refuses_the_others():
    early, _ = approved(days_ago=10)
    late, late_held = approved(days_ago=2)
    meeting = committee(5)
    staff = StaffFactory()

    first, second = acknowledge(meeting, [early, late], by=staff)

    assert first.ok and not second.ok
    assert second.message == (
        f"The committee's meeting of {_en(meeting.held_at)} was held "
        f"before the subcommittee's resolution of {_en(late_held)}: the committee acknowledges an approval at a "
        "meeting held after it."
    )
    late.refresh_from_db()
    assert late.status == State.APPROVED


def _en(value):
    local = timezone.localtime(value)
    return f"{local.day} {local:%B %Y}"


def test_acknowledging_reuses_the_item_staff_put_on_the_committee_agenda(client):
    proposal, _held = approved(days_ago=5)
    meeting = committee(1)
    item = agenda_add(meeting=meeting, proposal=proposal)  # staff put it on the agenda when scheduling
    staff = StaffFactory()
    client.force_login(staff)

    response = client.post(URL, {"step": "acknowledge", "ack-meeting": meeting.pk, "ack-proposals": [proposal.pk]})

    assert response.status_code == 302
    assert texts(response) == [
        f"{proposal.reference} {proposal.name_th}: คณะกรรมการรับทราบแล้วในการประชุมครั้งที่ {meeting.label}"
    ]
    proposal.refresh_from_db()
    assert proposal.status == State.ACKNOWLEDGED
    [only] = AgendaItem.objects.filter(meeting=meeting, proposal=proposal)
    assert only.pk == item.pk
    assert only.resolution.kind == "acknowledge" and only.closed_by == staff and only.closed_at is not None
    assert proposal.history.latest("at").resolution == only.resolution


# --- the workflow door: any path that records a decision ----------------------------------------


def test_a_decision_of_a_meeting_not_held_yet_is_refused_through_the_api():
    proposal = paths.bring_to(State.ON_AGENDA)
    ahead = paths.meeting("subcommittee", ago(-14))
    staff = StaffFactory()
    resolution = Resolution.objects.create(meeting=ahead, proposal=proposal, kind="approve", recorded_by=staff)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(staff)

    response = api.post(f"/api/v1/proposals/{proposal.pk}/transitions/",
                        {"action": "resolve_approve", "resolution": resolution.pk}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert (body["code"], body["field"]) == ("invalid", "resolution")
    assert body["detail"] == (
        f"The resolution is of meeting no. {ahead.label} on {_en(ahead.held_at)}: a decision is recorded on or "
        f"after its meeting, not on {_en(timezone.now())}."
    )
    proposal.refresh_from_db()
    assert proposal.status == State.ON_AGENDA


def test_the_committee_acknowledges_through_the_workflow_only_after_the_approval():
    proposal, held = approved(days_ago=5)
    before = committee(20)
    staff = StaffFactory()
    resolution = Resolution.objects.create(meeting=before, proposal=proposal, kind="acknowledge", recorded_by=staff)

    with pytest.raises(TransitionError) as exc:
        transition(proposal, "acknowledge", by=staff, resolution=resolution)

    assert exc.value.field == "resolution"
    assert f"meeting of {_en(before.held_at)} was held before the subcommittee's resolution of {_en(held)}" in (
        exc.value.message
    )
    proposal.refresh_from_db()
    assert proposal.status == State.APPROVED


def test_the_emblem_waits_for_the_acknowledging_meeting(client):
    city = paths.bring_to(State.ACKNOWLEDGED)
    meeting = Resolution.objects.get(proposal=city, kind="acknowledge").meeting
    # The committee's meeting was moved to a later date after the acknowledgement was typed in.
    Meeting.objects.filter(pk=meeting.pk).update(held_at=ago(-3))
    meeting.refresh_from_db()

    [outcome] = certify([city], by=StaffFactory())

    assert not outcome.ok
    assert (
        f"The committee acknowledged it at its meeting of {_en(meeting.held_at)}, after today "
        f"({_en(timezone.now())})"
    ) in outcome.message
    city.refresh_from_db()
    assert (city.status, city.certificate_number) == (State.ACKNOWLEDGED, None)


# --- the dates shown ------------------------------------------------------------------------------


def test_the_city_page_dates_each_decision_by_its_meeting_not_by_the_click(client):
    proposal = paths.bring_to(State.ON_AGENDA, start=ago(30))
    staff = StaffFactory()
    sub = paths.meeting("subcommittee", ago(12))
    approval = Resolution.objects.create(meeting=sub, proposal=proposal, kind="approve", recorded_by=staff)
    transition(proposal, "resolve_approve", by=staff, resolution=approval)  # typed in today
    com = committee(4)
    assert acknowledge(com, [proposal], by=staff)[0].ok  # typed in today too
    assert certify([proposal], by=staff)[0].ok
    proposal.refresh_from_db()

    html = client.get(reverse("city-detail", args=[proposal.pk])).content.decode()

    history = html[html.index('id="history-h"'):]
    steps = re.findall(r"<strong>(.*?)</strong> <time datetime=\"([\d-]+)\">", history)
    dates = {state: day for state, day in steps}
    local = lambda value: timezone.localtime(value).date().isoformat()  # noqa: E731
    assert dates["คณะอนุกรรมการเห็นชอบ"] == local(sub.held_at)
    assert dates["คณะกรรมการรับทราบ"] == local(com.held_at)
    assert dates["ได้รับการรับรองเป็นเมืองอัจฉริยะ"] == timezone.localdate().isoformat()
    assert f"{thai_date(sub.held_at)}" in history and f"{thai_date(com.held_at)}" in history
    assert proposal.certified_on == timezone.localdate()
