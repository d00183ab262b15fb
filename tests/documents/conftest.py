import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from applications.enums import State
from applications.workflow import transition
from core.thai import be_year
from reviews.models import (
    AgendaItem,
    Attendance,
    Body,
    ConflictDeclaration,
    Meeting,
    Resolution,
    Vote,
)
from tests.factories import BodyMembershipFactory, StaffFactory, UserFactory
from tests.paths import bring_to


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def member(body, role="member", affiliation="", **names):
    return BodyMembershipFactory(body=body, role=role, affiliation=affiliation, user=UserFactory(**names)).user


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def voted_meeting(staff):
    """A subcommittee meeting: five members, one absent, one conflicted; one item
    closed as approved with a dissent, one item not resolved yet."""
    body = Body.objects.get(kind="subcommittee")
    chair = member(body, "chair", "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", first_name="ประเสริฐ", last_name="จันทรรวงทอง")
    secretary = member(body, "secretary", "depa", first_name="ณัฐพล", last_name="นิยมสุข")
    a = member(body, first_name="วิภา", last_name="ศรีสุข")
    b = member(body, first_name="อนันต์", last_name="ทองดี")
    absent = member(body, first_name="กมล", last_name="แก้วใส")
    when = timezone.now() - datetime.timedelta(hours=2)
    meeting = Meeting.objects.create(
        body=body, year_be=be_year(timezone.localtime(when).year), number=1, held_at=when,
        place="ห้องประชุมชั้น 9 อาคารดีป้า", notice_sent_at=when - datetime.timedelta(days=2),
        notice_override_reason="ต้องพิจารณาให้ทันรอบการประชุมคณะกรรมการ", created_by=staff,
    )
    for user in (chair, secretary, a, b):
        Attendance.objects.create(meeting=meeting, member=user, present=True, recorded_by=secretary)
    Attendance.objects.create(meeting=meeting, member=absent, present=False, recorded_by=secretary)

    first = bring_to(State.ON_AGENDA)
    second = bring_to(State.ON_AGENDA)
    item = AgendaItem.objects.create(meeting=meeting, proposal=first, order=1)
    AgendaItem.objects.create(meeting=meeting, proposal=second, order=2)
    ConflictDeclaration.objects.create(agenda_item=item, member=b, reason="เป็นกรรมการของเทศบาลผู้เสนอ")
    Vote.objects.create(agenda_item=item, member=chair, choice="approve")
    Vote.objects.create(agenda_item=item, member=secretary, choice="approve")
    Vote.objects.create(agenda_item=item, member=a, choice="not_approve", reason="งบประมาณไม่สอดคล้องกับแผน")
    resolution = Resolution.objects.create(
        meeting=meeting, proposal=first, kind="approve", text="ให้ติดตามผลทุกหกเดือน", recorded_by=secretary
    )
    item.resolution, item.closed_at, item.closed_by = resolution, timezone.now(), chair
    item.save()
    transition(first, "resolve_approve", by=staff, resolution=resolution)
    meeting.people = {"chair": chair, "secretary": secretary, "a": a, "b": b, "absent": absent}
    meeting.proposals = (first, second)
    return meeting
