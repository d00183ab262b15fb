"""Everyone hears the outcome (issue 15, item 6): the resolution; all scores in."""

import datetime

import pytest
from django.utils import timezone

from applications.enums import State
from core.thai import be_year
from notifications.kinds import Kind
from notifications.models import Notification
from reviews.documents.services import acknowledge
from reviews.models import Body, Meeting
from tests.evaluation.helpers import assign, in_evaluation, score
from tests.factories import EvaluatorFactory, StaffFactory, proponent
from tests.meetings.helpers import seat
from tests.paths import bring_to

pytestmark = pytest.mark.django_db


def committee_meeting():
    when = timezone.now() - datetime.timedelta(days=1)
    body = Body.objects.get(kind="committee")
    return Meeting.objects.create(body=body, year_be=be_year(timezone.localtime(when).year), number=1,
                                  held_at=when, place="ทำเนียบรัฐบาล")


def test_members_and_the_proponent_are_told_the_resolution_in_their_language():
    meeting = committee_meeting()
    thai_member = seat(meeting.body)
    english_member = seat(meeting.body, preferred_language="en")
    proposal = bring_to(State.APPROVED)
    owner = proponent(proposal.organisation)
    staff = StaffFactory()

    [outcome] = acknowledge(meeting, [proposal], by=staff, text="รับทราบ พร้อมข้อสังเกตเรื่องงบประมาณ")

    assert outcome.ok, outcome.message
    told = {n.recipient_id: n for n in Notification.objects.filter(kind=Kind.RESOLUTION)}
    organisation = set(proposal.organisation.memberships.values_list("user", flat=True))
    assert owner.pk in organisation
    assert set(told) == {thai_member.pk, english_member.pk} | organisation
    assert told[thai_member.pk].subject == f"[เมืองอัจฉริยะประเทศไทย] มติที่ประชุม {proposal.reference}: รับทราบ"
    assert "รับทราบ พร้อมข้อสังเกตเรื่องงบประมาณ" in told[owner.pk].body
    assert f"Meeting no. {meeting.label}" in told[english_member.pk].body
    assert {n.meeting_id for n in told.values()} == {meeting.pk}


def test_a_refused_move_tells_nobody_the_resolution():
    meeting = committee_meeting()
    seat(meeting.body)
    stale = bring_to(State.ON_AGENDA)
    [outcome] = acknowledge(meeting, [stale], by=StaffFactory())
    assert not outcome.ok
    assert not Notification.objects.filter(kind=Kind.RESOLUTION).exists()


def test_staff_are_told_once_when_the_last_evaluator_submits():
    proposal = in_evaluation(dimensions=("ENV", "MOB"))
    office = [StaffFactory(), StaffFactory(preferred_language="en")]
    first = assign(proposal, "ENV", EvaluatorFactory())
    second = assign(proposal, "MOB", EvaluatorFactory())

    score(first, 80)
    assert not Notification.objects.filter(kind=Kind.SCORES_COMPLETE).exists()
    score(second, 75)

    told = Notification.objects.filter(kind=Kind.SCORES_COMPLETE)
    assert set(told.values_list("recipient", flat=True)) >= {u.pk for u in office}
    english = told.get(recipient=office[1])
    assert english.subject == f"[Smart City Thailand] All scores are in: {proposal.reference}"
    assert "All 2 evaluators" in english.body
    assert told.filter(recipient=office[0]).count() == 1
