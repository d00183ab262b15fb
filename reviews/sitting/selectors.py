"""What the meeting page shows about a meeting being run, for one person."""

from dataclasses import dataclass, field

from accounts.permissions import is_office_staff, is_signed_in

from ..enums import MemberRole
from ..meetings.permissions import body_roles, can_record_attendance
from . import presence
from .certify import to_certify


@dataclass
class Sitting:
    meeting: object
    opening: object = None
    stays: list = field(default_factory=list)
    present: set = field(default_factory=set)
    can_open: bool = False
    is_member: bool = False
    can_record: bool = False
    may_read_evidence: bool = False
    certify_previous: object = None

    @property
    def me_present(self) -> bool:
        return self.user_id in self.present

    user_id: int | None = None


def sitting(meeting, user) -> Sitting:
    role = body_roles(user).get(meeting.body_id) if is_signed_in(user) else None
    staff = is_office_staff(user)
    result = Sitting(meeting=meeting, opening=presence.opening_of(meeting), user_id=getattr(user, "pk", None))
    result.can_record = can_record_attendance(user, meeting)
    result.is_member = role is not None
    result.may_read_evidence = staff or role in (MemberRole.CHAIR, MemberRole.SECRETARY)
    if result.opening is not None:
        result.stays = presence.stays(meeting)
        result.present = presence.present_at(sorted((e for s in result.stays for e in s.events), key=lambda e: (e.at, e.pk)))
    else:
        result.can_open = result.can_record
    if result.can_record:
        result.certify_previous = to_certify(meeting).first()
    return result
